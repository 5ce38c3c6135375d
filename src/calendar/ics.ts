import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  escape,
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
} from 'ical-generator';
import type { Council } from '../councils/schema.ts';
import { councilName } from '../councils/display.ts';
import type { Meeting } from '../domain/meetings.ts';
import { t } from '../i18n/messages.ts';
import type { Language } from '../i18n/language.ts';

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export type CalendarEvent = {
  meeting: Meeting;
  /** The numbered agenda, one line per item; empty until there is an agenda to show. */
  agenda: readonly string[];
  /** A page about the meeting (the notice once it is approved). */
  link: string | undefined;
};

export type CalendarInput = {
  council: Council;
  language: Language;
  method: CalendarMethod;
  /** DTSTAMP: when this version of the calendar object was made. */
  stamp: Date;
  events: readonly CalendarEvent[];
};

const PRODUCT = { company: 'council-bot', product: 'council-bot', language: 'EN' };

/** The same meeting always has the same UID, so updates and cancellations replace the invite. */
export function meetingUid(meeting: Pick<Meeting, 'id'>): string {
  return `meeting-${meeting.id}@council-bot`;
}

export function organizerOf(council: Council): { name: string; email: string } | undefined {
  const secretary = council.roster.find((r) => r.role === 'secretary' && r.email);
  const email = council.secretary.email ?? secretary?.email;
  if (!email) return undefined;
  return { name: council.secretary.name ?? secretary?.name ?? councilName(council, council.languages[0]!), email };
}

export function eventSummary(council: Council, meeting: Meeting, language: Language): string {
  const name = councilName(council, language);
  return t(language, meeting.budget ? 'calendar.summaryBudget' : 'calendar.summary', { council: name });
}

function description(event: CalendarEvent, language: Language): string {
  const { meeting } = event;
  const parts: string[] = [];
  if (event.agenda.length > 0) parts.push(`${t(language, 'calendar.agenda')}\n${event.agenda.join('\n')}`);
  if (meeting.note) parts.push(meeting.note);
  if (meeting.onlineUrl) parts.push(t(language, 'calendar.online', { url: meeting.onlineUrl }));
  if (event.link) parts.push(t(language, 'calendar.more', { url: event.link }));
  return parts.join('\n\n');
}

/**
 * One calendar with the council's meetings. Times are written with the council's TZID and a
 * VTIMEZONE; they are handed to ical-generator as zoned dates, because a native Date would be
 * written with the server's own local hours.
 */
export function buildCalendar(input: CalendarInput): ICalCalendar {
  const { council, language, method } = input;
  const zone = council.timeZone;
  const calendar = ical({
    prodId: PRODUCT,
    method: ICalCalendarMethod[method],
    // ical-generator writes the calendar's NAME as given (it escapes event text, not this).
    name: escape(councilName(council, language), false),
    // No calendar-wide zone: ical-generator would write DTSTAMP in it, and DTSTAMP must be UTC.
    // The events carry the zone; the generator adds its VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  const organizer = organizerOf(council);
  for (const event of input.events) {
    const { meeting } = event;
    const cancelled = method === 'CANCEL' || meeting.status === 'cancelled';
    const e = calendar.createEvent({
      id: meetingUid(meeting),
      sequence: meeting.sequence,
      stamp: input.stamp,
      start: new TZDate(meeting.startsAt, zone),
      end: new TZDate(meeting.endsAt, zone),
      timezone: zone,
      summary: eventSummary(council, meeting, language),
      location: meeting.place,
      description: description(event, language) || null,
      url: event.link ?? null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: organizer ?? null,
      lastModified: meeting.updatedAt,
    });
    if (method !== 'PUBLISH') {
      for (const person of council.roster) {
        if (!person.email || person.role === 'secretary') continue;
        e.createAttendee({
          name: person.name,
          email: person.email,
          rsvp: true,
          status: ICalAttendeeStatus.NEEDSACTION,
          role: person.role === 'chair' ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
        });
      }
    }
    if (!cancelled) e.createAlarm({ type: ICalAlarmType.display, trigger: 60 * 60, description: eventSummary(council, meeting, language) });
  }
  return calendar;
}

export function renderCalendar(input: CalendarInput): string {
  return buildCalendar(input).toString();
}

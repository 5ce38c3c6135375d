import type { Council } from '../councils/schema.ts';
import type { Meeting } from '../domain/meetings.ts';
import { isLanguage, type Language } from '../i18n/language.ts';
import type { ProposalService } from '../proposals/service.ts';
import type { MeetingStore } from '../store/meetings.ts';
import { renderCalendar, type CalendarEvent, type CalendarMethod } from './ics.ts';

export type CalendarFile = { body: string; lastModified: Date | undefined };

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

const latest = (dates: readonly (Date | undefined)[]): Date | undefined =>
  dates.reduce<Date | undefined>((a, d) => (d && (!a || d > a) ? d : a), undefined);

/** Meetings as iCalendar: one meeting's invite, a council's feed. */
export class CalendarService {
  constructor(
    private readonly deps: {
      councils: ReadonlyMap<string, Council>;
      meetingStore: MeetingStore;
      proposals: ProposalService;
      /** The public notice page of a meeting, when the bot has a public address. */
      noticeUrl: (meetingId: string) => string | undefined;
    },
  ) {}

  private language(council: Council, lang: string | null | undefined): Language {
    return lang && isLanguage(lang) && council.languages.includes(lang) ? lang : council.languages[0]!;
  }

  /** The event of a meeting, with the approved agenda once there is one; and when it last changed. */
  async event(council: Council, meeting: Meeting, language: Language): Promise<{ event: CalendarEvent; changed: Date }> {
    const view = meeting.status === 'scheduled' ? await this.deps.proposals.agenda(council, meeting, language) : undefined;
    const approved = view?.state.status === 'approved';
    return {
      event: {
        meeting,
        agenda: approved ? view.agenda.items.map((i) => `${i.number}. ${i.kind === 'fixed' ? i.title : i.proposal.title}`) : [],
        link: approved ? this.deps.noticeUrl(meeting.id) : undefined,
      },
      changed: latest([meeting.updatedAt, approved ? view.state.approvedAt : undefined])!,
    };
  }

  /**
   * A meeting's invite: REQUEST with the members as attendees, or CANCEL once it is cancelled. The
   * stamp is the time of the last change, so the same version always gives the same bytes.
   */
  async invite(meetingId: string, lang?: string | null, stamp?: Date): Promise<CalendarFile | undefined> {
    const meeting = await this.deps.meetingStore.get(meetingId);
    const council = meeting && this.deps.councils.get(meeting.councilId);
    if (!meeting || !council) return undefined;
    const language = this.language(council, lang);
    const { event, changed } = await this.event(council, meeting, language);
    const method: CalendarMethod = meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
    return { body: renderCalendar({ council, language, method, stamp: stamp ?? changed, events: [event] }), lastModified: changed };
  }

  /** The council's feed: the meetings of the past year and all to come, without attendees. */
  async feed(councilId: string, now: Date, lang?: string | null): Promise<CalendarFile | undefined> {
    const council = this.deps.councils.get(councilId);
    if (!council) return undefined;
    const language = this.language(council, lang);
    const all = await this.deps.meetingStore.list(council.id, { from: new Date(now.getTime() - YEAR_MS), includeCancelled: true });
    // A cancelled meeting is left out, so a subscribed calendar drops it at its next refresh; its
    // cancellation still counts as a change of the feed.
    const events = await Promise.all(all.filter((m) => m.status === 'scheduled').map((m) => this.event(council, m, language)));
    const changed = latest([...all.map((m) => m.updatedAt), ...events.map((e) => e.changed)]);
    return {
      body: renderCalendar({ council, language, method: 'PUBLISH', stamp: changed ?? new Date(0), events: events.map((e) => e.event) }),
      lastModified: changed,
    };
  }
}

import ICAL from 'ical.js';
import nodeIcal from 'node-ical';

/** One event as ical.js reads it: the fields a calendar app shows, and the instants of its times. */
export type ReadEvent = {
  uid: string;
  sequence: number;
  status: string | undefined;
  summary: string;
  location: string;
  description: string;
  url: string | undefined;
  start: Date;
  end: Date;
  startZone: string;
  startLocal: string;
  stamp: string;
  organizer: string | undefined;
  attendees: { email: string; role: string | undefined; rsvp: string | undefined; name: string | undefined }[];
  alarms: number;
};

/** Reads a calendar with ical.js, registering its VTIMEZONEs first so zoned times resolve. */
export function readWithIcalJs(text: string): { method: string | undefined; events: ReadEvent[]; zones: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone').map((z) => {
    const tz = new ICAL.Timezone(z);
    ICAL.TimezoneService.register(tz);
    return tz.tzid;
  });
  const events = calendar.getAllSubcomponents('vevent').map((v): ReadEvent => {
    const e = new ICAL.Event(v);
    const attendees = v.getAllProperties('attendee').map((p) => ({
      email: String(p.getFirstValue()).replace(/^mailto:/i, ''),
      role: p.getParameter('role') as string | undefined,
      rsvp: p.getParameter('rsvp') as string | undefined,
      name: p.getParameter('cn') as string | undefined,
    }));
    const url = v.getFirstPropertyValue('url');
    const status = v.getFirstPropertyValue('status');
    return {
      uid: e.uid,
      sequence: e.sequence,
      status: status === null ? undefined : String(status),
      summary: e.summary,
      location: e.location,
      description: e.description,
      url: url === null ? undefined : String(url),
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      startZone: e.startDate.zone?.tzid ?? 'floating',
      startLocal: e.startDate.toString(),
      stamp: v.getFirstProperty('dtstamp')!.toICALString(),
      organizer: v.getFirstPropertyValue('organizer')?.toString(),
      attendees,
      alarms: v.getAllSubcomponents('valarm').length,
    };
  });
  const method = calendar.getFirstPropertyValue('method');
  return { method: method === null ? undefined : String(method), events, zones };
}

/** The VEVENTs node-ical finds, keyed by UID. */
export function readWithNodeIcal(text: string): nodeIcal.VEvent[] {
  return Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');
}

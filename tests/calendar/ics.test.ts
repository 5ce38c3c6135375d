import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meetingUid, renderCalendar, type CalendarInput } from '../../src/calendar/ics.ts';
import { council, DST_MEETINGS, meetingAt } from '../fixtures/calendar-meetings.ts';
import { readWithIcalJs, readWithNodeIcal } from '../helpers/ical.ts';

const STAMP = new Date('2027-02-20T08:30:00Z');

function invite(overrides: Partial<CalendarInput> = {}, meeting = meetingAt('2027-03-02', '18:00', '19:30', { sequence: 3 })) {
  const input: CalendarInput = {
    council,
    language: 'en',
    method: 'REQUEST',
    stamp: STAMP,
    events: [{ meeting, agenda: ['1. Opening', '2. Summer party', '3. Standing item: News'], link: 'https://bot.example.org/meetings/x/notice' }],
    ...overrides,
  };
  return { meeting, text: renderCalendar(input) };
}

describe('a meeting invite', () => {
  it('reads the same in ical.js and node-ical, field by field', () => {
    const { meeting, text } = invite();
    const cal = readWithIcalJs(text);
    expect(cal.method).toBe('REQUEST');
    expect(cal.zones).toEqual(['Europe/Stockholm']);
    expect(cal.events).toHaveLength(1);
    const e = cal.events[0]!;
    expect(e.uid).toBe(meetingUid(meeting));
    expect(e.sequence).toBe(3);
    expect(e.status).toBe('CONFIRMED');
    expect(e.summary).toBe('Test Advisory Council: meeting');
    expect(e.location).toBe('Town hall, room 1');
    expect(e.description).toBe('Agenda:\n1. Opening\n2. Summer party\n3. Standing item: News\n\nMore: https://bot.example.org/meetings/x/notice');
    expect(e.url).toBe('https://bot.example.org/meetings/x/notice');
    // 18:00 in Stockholm in winter is 17:00 UTC, written with the council's TZID.
    expect(e.startZone).toBe('Europe/Stockholm');
    expect(e.startLocal).toBe('2027-03-02T18:00:00');
    expect(e.start.toISOString()).toBe('2027-03-02T17:00:00.000Z');
    expect(e.end.toISOString()).toBe('2027-03-02T18:30:00.000Z');
    expect(e.stamp).toBe('DTSTAMP:20270220T083000Z');
    expect(e.organizer).toBe('mailto:clerk@example.org');
    expect(e.attendees).toEqual([
      { email: 'chris.chair@example.org', role: 'CHAIR', rsvp: 'TRUE', name: 'Chris Chair' },
      { email: 'member@example.org', role: 'REQ-PARTICIPANT', rsvp: 'TRUE', name: 'Mo Member' },
      { email: 'ann@example.org', role: 'REQ-PARTICIPANT', rsvp: 'TRUE', name: 'Ann Member' },
      { email: 'bo@example.org', role: 'REQ-PARTICIPANT', rsvp: 'TRUE', name: 'Bo Member' },
    ]);
    expect(e.alarms).toBe(1);

    const [n] = readWithNodeIcal(text);
    expect(n!.uid).toBe(meetingUid(meeting));
    expect(Number(n!.sequence)).toBe(3);
    expect(n!.summary).toBe('Test Advisory Council: meeting');
    expect(n!.location).toBe('Town hall, room 1');
    expect(n!.start.toISOString()).toBe('2027-03-02T17:00:00.000Z');
    expect(n!.end!.toISOString()).toBe('2027-03-02T18:30:00.000Z');
    expect(n!.start.tz).toBe('Europe/Stockholm');
    expect(n!.dtstamp.toISOString()).toBe('2027-02-20T08:30:00.000Z');
    expect(String(n!.status)).toBe('CONFIRMED');
    const attendees = [n!.attendee].flat() as unknown as { params: { ROLE: string; RSVP: unknown }; val: string }[];
    expect(attendees.map((a) => a.val.replace(/^mailto:/i, ''))).toEqual(['chris.chair@example.org', 'member@example.org', 'ann@example.org', 'bo@example.org']);
    expect(attendees[0]!.params.ROLE).toBe('CHAIR');
  });

  it('is cancelled with the same UID, a higher SEQUENCE, METHOD:CANCEL and STATUS:CANCELLED', () => {
    const first = invite();
    const cancelled = { ...first.meeting, status: 'cancelled' as const, sequence: first.meeting.sequence + 1 };
    const cal = readWithIcalJs(invite({ method: 'CANCEL' }, cancelled).text);
    expect(cal.method).toBe('CANCEL');
    expect(cal.events[0]!.uid).toBe(meetingUid(first.meeting));
    expect(cal.events[0]!.sequence).toBe(4);
    expect(cal.events[0]!.status).toBe('CANCELLED');
    expect(cal.events[0]!.alarms).toBe(0);
    expect(String(readWithNodeIcal(invite({ method: 'CANCEL' }, cancelled).text)[0]!.status)).toBe('CANCELLED');
  });

  it('is published in a feed without attendees', () => {
    const cal = readWithIcalJs(invite({ method: 'PUBLISH' }).text);
    expect(cal.method).toBe('PUBLISH');
    expect(cal.events[0]!.attendees).toEqual([]);
  });

  it('keeps hostile text as text: no property and no second event can be injected', () => {
    const hostile = fc.string({ unit: fc.constantFrom('a', 'Ö', 'ø', 'ש', '中', '😀', ',', ';', ':', '\\', '\n', '\r\n', '"', 'BEGIN:VEVENT', 'END:VEVENT', 'ATTENDEE:mailto:x@evil.example', ' '), maxLength: 60 });
    fc.assert(
      fc.property(hostile, hostile, hostile, (place, note, title) => {
        const meeting = meetingAt('2027-03-02', '18:00', '19:30', { place: `P${place}`, note: `N${note}` });
        const text = renderCalendar({ council, language: 'en', method: 'REQUEST', stamp: STAMP, events: [{ meeting, agenda: [`1. ${title}`], link: undefined }] });
        const cal = readWithIcalJs(text);
        expect(cal.events).toHaveLength(1);
        expect(cal.events[0]!.attendees).toHaveLength(4);
        // Line breaks of any kind come back as \n; everything else exactly as typed.
        const lf = (s: string) => s.replace(/\r\n/g, '\n');
        expect(cal.events[0]!.location).toBe(lf(`P${place}`));
        expect(cal.events[0]!.description).toBe(lf(`Agenda:\n1. ${title}\n\nN${note}`));
        expect(readWithNodeIcal(text)).toHaveLength(1);
        // Lines are folded at 75 octets, so no physical line is longer.
        for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a council name from the council file', () => {
  it('cannot add a property to the calendar either', () => {
    const odd = { ...council, names: { en: 'Rådet, norr; "öst"\nX-INJECTED:1' } };
    const text = renderCalendar({ council: odd, language: 'en', method: 'PUBLISH', stamp: STAMP, events: [] });
    expect(text).not.toMatch(/^X-INJECTED/m);
    expect(text).toContain('NAME:Rådet\\, norr\\; "öst"\\nX-INJECTED:1\r\n');
  });
});

describe('calendar times do not depend on the server time zone', () => {
  const render = (tz: string) =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/ics-fingerprint.ts'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })) as { tz: string; ics: string };

  it('writes 18:00 Stockholm time on UTC, Stockholm and New York servers, on both sides of both DST changes', () => {
    const runs = ['UTC', 'Europe/Stockholm', 'America/New_York'].map(render);
    expect(runs.map((r) => r.tz)).toEqual(['UTC', 'Europe/Stockholm', 'America/New_York']);
    expect(runs[1]!.ics).toBe(runs[0]!.ics);
    expect(runs[2]!.ics).toBe(runs[0]!.ics);
    const events = readWithIcalJs(runs[0]!.ics).events;
    expect(events.map((e) => e.startLocal)).toEqual(DST_MEETINGS.map(([day]) => `${day}T18:00:00`));
    // Winter time is UTC+1, summer time UTC+2: the instants move, the wall clock does not.
    expect(events.map((e) => e.start.toISOString())).toEqual([
      '2027-03-27T17:00:00.000Z',
      '2027-03-28T16:00:00.000Z',
      '2027-03-29T16:00:00.000Z',
      '2027-10-30T16:00:00.000Z',
      '2027-10-31T17:00:00.000Z',
      '2027-11-01T17:00:00.000Z',
    ]);
    expect(readWithNodeIcal(runs[2]!.ics).map((e) => e.start.toISOString())).toEqual(events.map((e) => e.start.toISOString()));
  }, 30_000);
});

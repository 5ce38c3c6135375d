import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '../../src/councils/schema.ts';
import { complianceWarnings } from '../../src/domain/compliance.ts';
import { meetingDeadlines } from '../../src/domain/deadlines.ts';
import { extraMeetingDemand } from '../../src/domain/extra-meeting.ts';
import { readMeetingForm } from '../../src/domain/meeting-form.ts';
import { plannedMeetings, rruleProblem } from '../../src/domain/meeting-plan.ts';
import { meetingAt } from '../helpers/meetings.ts';
import type { Meeting } from '../../src/domain/meetings.ts';
import { workingCalendar } from '../../src/domain/working-days.ts';

const TZ = 'Europe/Stockholm';
const plan = { rrule: 'FREQ=YEARLY;BYMONTH=2,4,9,11;BYDAY=+3TU', start: '18:00', since: '2026-01-01', durationMinutes: 120, place: 'Kristallen', budgetMonths: [4] };

describe('meeting plan', () => {
  it('expands the RRULE on local days and keeps 18:00 local in winter and summer', () => {
    const meetings = plannedMeetings(plan, TZ, '2026-01-01', '2026-12-31');
    expect(meetings.map((m) => m.planKey)).toEqual(['2026-02-17', '2026-04-21', '2026-09-15', '2026-11-17']);
    expect(meetings.map((m) => m.startsAt.toISOString())).toEqual([
      '2026-02-17T17:00:00.000Z',
      '2026-04-21T16:00:00.000Z',
      '2026-09-15T16:00:00.000Z',
      '2026-11-17T17:00:00.000Z',
    ]);
    expect(meetings.map((m) => m.budget)).toEqual([false, true, false, false]);
    expect(meetings[0]!.endsAt.getTime() - meetings[0]!.startsAt.getTime()).toBe(2 * 3600_000);
  });

  it('refuses rules that are not RRULEs or would make a meeting every day', () => {
    expect(rruleProblem('FREQ=MONTHLY;BYDAY=+1MO')).toBeUndefined();
    expect(rruleProblem('FREQ=DAILY')).toMatch(/YEARLY, MONTHLY or WEEKLY/);
    expect(rruleProblem('every third tuesday')).toMatch(/not an RFC 5545 RRULE/);
    expect(rruleProblem('DTSTART:20260101T000000Z\nRRULE:FREQ=YEARLY')).toMatch(/without DTSTART/);
  });
});

describe('meeting form', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const good = { date: '2027-03-02', start: '18:00', end: '20:00', place: 'Kristallen' };

  it('reads local times in the council zone and keeps optional fields optional', () => {
    const r = readMeetingForm({ ...good, budget: 'true' }, TZ, now);
    expect(r.ok && r.details).toEqual({
      startsAt: new Date('2027-03-02T17:00:00Z'),
      endsAt: new Date('2027-03-02T19:00:00Z'),
      place: 'Kristallen',
      onlineUrl: undefined,
      budget: true,
      note: undefined,
    });
  });

  it('names every wrong field', () => {
    const r = readMeetingForm({ date: '2/3/2027', start: '25:00', end: '', place: 'x'.repeat(201), onlineUrl: 'http://insecure.example', note: 'n'.repeat(2001) }, TZ, now);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual({ date: 'date', start: 'time', end: 'required', place: 'tooLong', onlineUrl: 'url', note: 'tooLong' });
    const order = readMeetingForm({ ...good, end: '17:00' }, TZ, now);
    expect(!order.ok && order.problems).toEqual({ end: 'endBeforeStart' });
    const past = readMeetingForm({ ...good, date: '2026-11-23', start: '10:59', end: '12:00' }, TZ, now);
    expect(!past.ok && past.problems).toEqual({ date: 'past' });
    expect(readMeetingForm('not an object', TZ, now).ok).toBe(false);
    expect(readMeetingForm({ ...good, place: ['Kristallen'] }, TZ, now)).toMatchObject({ ok: false, problems: { place: 'required' } });
  });

  it('drops control characters from text', () => {
    const r = readMeetingForm({ ...good, place: 'Krist\u0000allen\u0007', note: 'rad 1\nrad 2' }, TZ, now);
    expect(r.ok && [r.details.place, r.details.note]).toEqual(['Kristallen', 'rad 1\nrad 2']);
  });
});

describe('rule compliance', () => {
  const calendar = workingCalendar({ country: 'SE' });
  const settings = { timeZone: TZ, noticeDaysBefore: 14, shiftToPreviousWorkingDay: true, proposalsCloseDaysBeforeNotice: 7, agendaApprovalWorkingDaysBeforeNotice: 1 };
  const meeting = (date: string, extra: Partial<Meeting> = {}): Meeting =>
    meetingAt(TZ, date, '18:00', '20:00', { id: `m-${date}`, councilId: 'lund', place: 'Kristallen', createdAt: new Date(0), updatedAt: new Date(0), ...extra });
  const check = (meetings: Meeting[], now: string) =>
    complianceWarnings(meetings, (m) => meetingDeadlines(m.startsAt, settings, calendar), { timeZone: TZ, minPerYear: 4, budgetMeetingRequired: true }, new Date(now));

  it('finds a year with too few meetings or without the budget meeting; cancelled meetings do not count', () => {
    const year = [meeting('2026-02-17'), meeting('2026-04-21', { budget: true }), meeting('2026-09-15'), meeting('2026-11-17', { noticeSentAt: new Date('2026-11-01') })];
    expect(check(year, '2026-06-01T10:00:00Z')).toEqual([]);
    const oneCancelled = [...year.slice(0, 3), meeting('2026-11-17', { status: 'cancelled' })];
    expect(check(oneCancelled, '2026-06-01T10:00:00Z')).toEqual([{ kind: 'too-few-meetings', year: 2026, planned: 3, minimum: 4 }]);
    expect(check(year.filter((m) => !m.budget), '2026-06-01T10:00:00Z')).toEqual([
      { kind: 'too-few-meetings', year: 2026, planned: 3, minimum: 4 },
      { kind: 'no-budget-meeting', year: 2026 },
    ]);
  });

  it('warns about a coming meeting whose notice deadline has passed unsent, from the day after the deadline', () => {
    const year = [meeting('2026-02-17'), meeting('2026-04-21', { budget: true }), meeting('2026-09-15'), meeting('2026-11-17')];
    // Notice deadline for 17 November: Tuesday 3 November.
    expect(check(year, '2026-11-03T20:00:00Z')).toEqual([]);
    expect(check(year, '2026-11-03T23:30:00Z')).toEqual([{ kind: 'notice-overdue', meetingId: 'm-2026-11-17', meetingDate: '2026-11-17', deadline: '2026-11-03' }]);
    // Once held, it is history, not a warning.
    expect(check(year, '2026-11-18T10:00:00Z')).toEqual([]);
  });
});

describe('extra meeting rule', () => {
  const roster = (n: number): RosterEntry[] => [
    { name: 'Chair', role: 'chair' },
    { name: 'Vice', role: 'vice-chair' },
    { name: 'Clerk', role: 'secretary' },
    { name: 'Substitute', role: 'substitute' },
    ...Array.from({ length: n }, (_, i) => ({ name: `M${i}`, role: 'member' as const })),
  ];
  const rule = { officersMayRequire: true, memberShare: 0.5 };

  it('needs more than half of the members, counted once each; substitutes and staff do not count', () => {
    // 2 officers + 8 members = 10 members: 6 needed ("more than half").
    const asks = (names: string[]) => names.map((key) => ({ key, role: key.startsWith('M') ? 'member' : key === 'Clerk' ? 'secretary' : 'substitute' }));
    expect(extraMeetingDemand(rule, roster(8), asks(['M0', 'M1', 'M2', 'M3', 'M4']))).toEqual({ met: false, by: undefined, members: 10, needed: 6, asked: 5 });
    expect(extraMeetingDemand(rule, roster(8), asks(['M0', 'M1', 'M2', 'M3', 'M4', 'M4', 'Clerk', 'Substitute'])).met).toBe(false);
    expect(extraMeetingDemand(rule, roster(8), asks(['M0', 'M1', 'M2', 'M3', 'M4', 'M5']))).toMatchObject({ met: true, by: 'members' });
    // 9 members: more than half is 5.
    expect(extraMeetingDemand(rule, roster(7), asks(['M0', 'M1', 'M2', 'M3', 'M4'])).met).toBe(true);
  });

  it('is met by the chair or the vice chair alone where the rule says so', () => {
    expect(extraMeetingDemand(rule, roster(8), [{ key: 'vice', role: 'vice-chair' }])).toMatchObject({ met: true, by: 'officer' });
    expect(extraMeetingDemand({ ...rule, officersMayRequire: false }, roster(8), [{ key: 'vice', role: 'vice-chair' }]).met).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, civilDateIn, isoWeekday, zonedInstant } from '../../src/domain/civil-date.ts';
import { deadlineState, meetingDeadlines, type DeadlineSettings } from '../../src/domain/deadlines.ts';
import { workingCalendar } from '../../src/domain/working-days.ts';

const LUND: DeadlineSettings = {
  timeZone: 'Europe/Stockholm',
  noticeDaysBefore: 14,
  shiftToPreviousWorkingDay: true,
  proposalsCloseDaysBeforeNotice: 7,
  agendaApprovalWorkingDaysBeforeNotice: 1,
};
const SE = workingCalendar({ country: 'SE' });
const DK = workingCalendar({ country: 'DK', closedDays: ['06-05', '12-24'] });
const at = (date: string, time = '18:00', zone = 'Europe/Stockholm') => zonedInstant(date, time, zone);

describe('notice deadline', () => {
  it('is exactly 14 days before when that day is a working day', () => {
    const d = meetingDeadlines(at('2027-02-16'), LUND, SE);
    expect(d.meetingDate).toBe('2027-02-16');
    expect(d.notice).toEqual({ kind: 'notice', date: '2027-02-02', ideal: '2027-02-02' });
    expect(d.approval.date).toBe('2027-02-01');
    expect(d.proposals.date).toBe('2027-01-26');
  });

  it('moves from Easter Monday to the Thursday before Good Friday', () => {
    // Meeting Monday 2026-04-20: 14 days before is Easter Monday 2026-04-06; Good Friday is 04-03.
    const d = meetingDeadlines(at('2026-04-20'), LUND, SE);
    expect(d.notice.ideal).toBe('2026-04-06');
    expect(d.notice.date).toBe('2026-04-02');
    expect(d.notice.movedFrom).toEqual({ kind: 'holiday', name: 'annandag påsk' });
    // Approval is one working day before the notice: Wednesday.
    expect(d.approval.date).toBe('2026-04-01');
  });

  it('moves from a Sunday to the Friday before', () => {
    const d = meetingDeadlines(at('2026-03-15'), LUND, SE);
    expect(d.notice.ideal).toBe('2026-03-01');
    expect(isoWeekday('2026-03-01')).toBe(7);
    expect(d.notice).toMatchObject({ date: '2026-02-27', movedFrom: { kind: 'weekend' } });
  });

  it('counts Midsummer Eve and Christmas Eve as days off in Sweden (bank holidays), and a Danish closed day', () => {
    // Meeting 2026-07-03: 14 days before is Friday 19 June, Midsummer Eve.
    expect(meetingDeadlines(at('2026-07-03'), LUND, SE).notice.date).toBe('2026-06-18');
    const htk = { ...LUND, timeZone: 'Europe/Copenhagen' };
    // Meeting 2027-06-19 (Saturday): 14 days before is Saturday 5 June; Friday 4 June is a working day.
    expect(meetingDeadlines(at('2027-06-19', '10:00', 'Europe/Copenhagen'), htk, DK).notice.date).toBe('2027-06-04');
    // Meeting 2026-06-19: 14 days before is Friday 5 June, Constitution Day (closed): Thursday 4 June.
    const d = meetingDeadlines(at('2026-06-19', '17:00', 'Europe/Copenhagen'), htk, DK);
    expect(d.notice.date).toBe('2026-06-04');
    expect(d.notice.movedFrom).toEqual({ kind: 'holiday', name: 'Grundlovsdag' });
  });

  it('crosses the year end and its holidays', () => {
    // Meeting Tuesday 2027-01-12: 14 days before is 2026-12-29 (Tuesday, a working day).
    expect(meetingDeadlines(at('2027-01-12'), LUND, SE).notice.date).toBe('2026-12-29');
    // Meeting Friday 2027-01-08: ideal Friday 2026-12-25 (Christmas Day) → Wednesday 23 December.
    const d = meetingDeadlines(at('2027-01-08'), LUND, SE);
    expect(d.notice.date).toBe('2026-12-23');
    expect(d.approval.date).toBe('2026-12-22');
  });

  it('is not moved when the council does not move deadlines', () => {
    const d = meetingDeadlines(at('2026-04-20'), { ...LUND, shiftToPreviousWorkingDay: false }, SE);
    expect(d.notice).toEqual({ kind: 'notice', date: '2026-04-06', ideal: '2026-04-06' });
  });

  it('takes the meeting day in the council zone, not in UTC', () => {
    // 00:30 in Stockholm on 1 March is still 28 February in UTC.
    const d = meetingDeadlines(at('2027-03-01', '00:30'), LUND, SE);
    expect(d.meetingDate).toBe('2027-03-01');
    expect(d.notice.ideal).toBe('2027-02-15');
  });
});

describe('deadline engine properties', () => {
  const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays('2025-01-01', n));
  const time = fc.constantFrom('00:15', '08:00', '12:00', '18:00', '23:45', '02:30');
  const zone = fc.constantFrom('Europe/Stockholm', 'Europe/Copenhagen');
  const settings = fc.record({
    noticeDaysBefore: fc.integer({ min: 1, max: 60 }),
    shiftToPreviousWorkingDay: fc.boolean(),
    proposalsCloseDaysBeforeNotice: fc.integer({ min: 0, max: 30 }),
    agendaApprovalWorkingDaysBeforeNotice: fc.integer({ min: 0, max: 10 }),
  });
  const calendar = fc.constantFrom(SE, DK);

  it('never later than the ideal day; a working day when moving; exactly N days when no move is needed; in order', () => {
    fc.assert(
      fc.property(day, time, zone, settings, calendar, (date, t, z, s, cal) => {
        const full = { ...s, timeZone: z };
        const d = meetingDeadlines(zonedInstant(date, t, z), full, cal);
        expect(d.meetingDate).toBe(date);
        expect(d.notice.ideal).toBe(addDays(date, -s.noticeDaysBefore));
        expect(d.notice.date <= d.notice.ideal).toBe(true);
        if (s.shiftToPreviousWorkingDay) expect(cal.isWorkingDay(d.notice.date)).toBe(true);
        if (!s.shiftToPreviousWorkingDay || cal.isWorkingDay(d.notice.ideal)) expect(d.notice.date).toBe(d.notice.ideal);
        expect(d.proposals.date <= d.approval.date).toBe(true);
        expect(d.approval.date <= d.notice.date).toBe(true);
        expect(d.notice.date < d.meetingDate).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('deadline state', () => {
  it('is upcoming, today or passed by the council clock', () => {
    const tz = 'Europe/Stockholm';
    expect(deadlineState('2027-02-02', tz, new Date('2027-01-31T12:00:00Z'))).toEqual({ state: 'upcoming', daysLeft: 2 });
    expect(deadlineState('2027-02-02', tz, new Date('2027-02-02T22:59:00Z'))).toEqual({ state: 'today' });
    // 23:00 UTC on 2 February is already 3 February in Stockholm.
    expect(deadlineState('2027-02-02', tz, new Date('2027-02-02T23:00:00Z'))).toEqual({ state: 'passed' });
  });

  it('counts days across a DST change without losing or gaining one', () => {
    // Sweden moves to summer time on 2026-03-29.
    expect(deadlineState('2026-04-02', 'Europe/Stockholm', new Date('2026-03-27T10:00:00Z'))).toEqual({ state: 'upcoming', daysLeft: 6 });
    expect(civilDateIn(new Date('2026-03-29T22:30:00Z'), 'Europe/Stockholm')).toBe('2026-03-30');
  });
});

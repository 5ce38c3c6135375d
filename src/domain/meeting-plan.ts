import rrule from 'rrule';
import { addDays, monthOf, zonedInstant, type CivilDate } from './civil-date.ts';

/**
 * A council's regular meetings: an RFC 5545 RRULE ("FREQ=YEARLY;BYMONTH=2,4,9,11;BYDAY=+3TU") read
 * as wall-clock days, a local start time and a duration, from a first day on.
 */
export type MeetingPlan = {
  rrule: string;
  /** Local start time, "18:00". */
  start: string;
  since: CivilDate;
  durationMinutes: number;
  place: string;
  /** Months whose meeting is the one tied to the budget process. */
  budgetMonths: readonly number[];
};

export type PlannedMeeting = {
  /** The meeting's day: at most one planned meeting per day, so the day names it. */
  planKey: CivilDate;
  startsAt: Date;
  endsAt: Date;
  place: string;
  budget: boolean;
};

// Frequencies finer than weekly would let one line of a council file produce thousands of meetings.
const ALLOWED_FREQUENCIES = new Set([rrule.Frequency.YEARLY, rrule.Frequency.MONTHLY, rrule.Frequency.WEEKLY]);

/** Why an RRULE is not usable as a meeting plan, or undefined when it is. */
export function rruleProblem(text: string): string | undefined {
  if (/DTSTART|\n/i.test(text)) return 'must be one RRULE line without DTSTART (the plan has `since` and `start`)';
  try {
    const options = rrule.RRule.parseString(text.replace(/^RRULE:/i, ''));
    if (options.freq === undefined || !ALLOWED_FREQUENCIES.has(options.freq)) return 'FREQ must be YEARLY, MONTHLY or WEEKLY';
    return undefined;
  } catch (err) {
    return `is not an RFC 5545 RRULE (${(err as Error).message})`;
  }
}

/**
 * The planned meetings whose day lies in [from, to]. The rule is expanded on floating wall-clock
 * days (rrule's UTC fields stand for local ones) and each day's start time is then placed in the
 * council's zone, so DST never moves a meeting's hour.
 */
export function plannedMeetings(plan: MeetingPlan, timeZone: string, from: CivilDate, to: CivilDate): PlannedMeeting[] {
  const rule = rrule.rrulestr(`DTSTART:${plan.since.replaceAll('-', '')}T120000Z\nRRULE:${plan.rrule.replace(/^RRULE:/i, '')}`);
  const days = rule
    .between(new Date(`${from}T00:00:00Z`), new Date(`${addDays(to, 1)}T00:00:00Z`), true)
    .map((d) => d.toISOString().slice(0, 10));
  return [...new Set(days)].map((day) => {
    const startsAt = zonedInstant(day, plan.start, timeZone);
    return {
      planKey: day,
      startsAt,
      endsAt: new Date(startsAt.getTime() + plan.durationMinutes * 60_000),
      place: plan.place,
      budget: plan.budgetMonths.includes(monthOf(day)),
    };
  });
}

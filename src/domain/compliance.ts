import { civilDateIn, endOfDay, yearOf, type CivilDate } from './civil-date.ts';
import type { MeetingDeadlines } from './deadlines.ts';
import type { Meeting } from './meetings.ts';

export type ComplianceRules = {
  timeZone: string;
  minPerYear: number;
  budgetMeetingRequired: boolean;
};

export type ComplianceWarning =
  | { kind: 'too-few-meetings'; year: number; planned: number; minimum: number }
  | { kind: 'no-budget-meeting'; year: number }
  | { kind: 'notice-overdue'; meetingId: string; meetingDate: CivilDate; deadline: CivilDate };

/**
 * What staff should fix: a year (this one, and the next once it has meetings) with fewer meetings
 * than the rules ask or without the budget meeting, and coming meetings whose notice deadline has
 * passed without the notice being sent.
 */
export function complianceWarnings(
  meetings: readonly Meeting[],
  deadlinesOf: (m: Meeting) => MeetingDeadlines,
  rules: ComplianceRules,
  now: Date,
): ComplianceWarning[] {
  const scheduled = meetings.filter((m) => m.status === 'scheduled');
  const thisYear = yearOf(civilDateIn(now, rules.timeZone));
  const yearOfMeeting = (m: Meeting) => yearOf(civilDateIn(m.startsAt, rules.timeZone));
  const years = [thisYear, ...(scheduled.some((m) => yearOfMeeting(m) === thisYear + 1) ? [thisYear + 1] : [])];
  const warnings: ComplianceWarning[] = [];
  for (const year of years) {
    const inYear = scheduled.filter((m) => yearOfMeeting(m) === year);
    if (inYear.length < rules.minPerYear) warnings.push({ kind: 'too-few-meetings', year, planned: inYear.length, minimum: rules.minPerYear });
    if (rules.budgetMeetingRequired && !inYear.some((m) => m.budget)) warnings.push({ kind: 'no-budget-meeting', year });
  }
  for (const m of scheduled) {
    if (m.noticeSentAt || m.startsAt.getTime() <= now.getTime()) continue;
    const d = deadlinesOf(m);
    if (now.getTime() >= endOfDay(d.notice.date, rules.timeZone).getTime()) {
      warnings.push({ kind: 'notice-overdue', meetingId: m.id, meetingDate: d.meetingDate, deadline: d.notice.date });
    }
  }
  return warnings;
}

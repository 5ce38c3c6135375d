import { addDays, civilDateIn, endOfDay, type CivilDate } from './civil-date.ts';
import type { DayOff, WorkingCalendar } from './working-days.ts';

export type DeadlineSettings = {
  timeZone: string;
  /** Calendar days between the notice deadline and the meeting day (14 in Lund). */
  noticeDaysBefore: number;
  /** Move a deadline on a weekend or public holiday to the working day before it. */
  shiftToPreviousWorkingDay: boolean;
  /** Calendar days between the proposal deadline and the notice deadline. */
  proposalsCloseDaysBeforeNotice: number;
  /** Working days between agenda approval and the notice deadline. */
  agendaApprovalWorkingDaysBeforeNotice: number;
};

export const DEADLINE_KINDS = ['proposals', 'approval', 'notice'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type Deadline = {
  kind: DeadlineKind;
  /** The last day: the thing must be done by the end of it, in the council's zone. */
  date: CivilDate;
  /** The day the rule gives before any move for weekends and holidays. */
  ideal: CivilDate;
  /** Why `date` is earlier than `ideal`, when it is. */
  movedFrom?: DayOff;
};

export type MeetingDeadlines = { meetingDate: CivilDate } & Record<DeadlineKind, Deadline>;

/**
 * The three deadlines of a meeting. The notice is the rule's ("in members' hands 14 days before
 * the meeting"); the other two are the council's working practice before it. Always
 * proposals ≤ approval ≤ notice < meeting day.
 */
export function meetingDeadlines(
  meetingStart: Date,
  settings: DeadlineSettings,
  calendar: WorkingCalendar,
): MeetingDeadlines {
  const meetingDate = civilDateIn(meetingStart, settings.timeZone);
  const shift = (kind: DeadlineKind, ideal: CivilDate): Deadline => {
    if (!settings.shiftToPreviousWorkingDay) return { kind, date: ideal, ideal };
    const date = calendar.onOrBefore(ideal);
    const movedFrom = date === ideal ? undefined : calendar.dayOff(ideal);
    return movedFrom ? { kind, date, ideal, movedFrom } : { kind, date, ideal };
  };

  const notice = shift('notice', addDays(meetingDate, -settings.noticeDaysBefore));
  const approvalDate =
    settings.agendaApprovalWorkingDaysBeforeNotice > 0
      ? calendar.workingDaysBefore(notice.date, settings.agendaApprovalWorkingDaysBeforeNotice)
      : notice.date;
  const approval: Deadline = { kind: 'approval', date: approvalDate, ideal: approvalDate };
  let proposals = shift('proposals', addDays(notice.date, -settings.proposalsCloseDaysBeforeNotice));
  // Proposals must close before the agenda is approved, whatever the settings say.
  if (proposals.date > approval.date) proposals = { kind: 'proposals', date: approval.date, ideal: proposals.ideal };
  return { meetingDate, proposals, approval, notice };
}

export type DeadlineState = { state: 'upcoming'; daysLeft: number } | { state: 'today' } | { state: 'passed' };

/** Where `now` stands against a deadline day, in the council's zone. */
export function deadlineState(date: CivilDate, timeZone: string, now: Date): DeadlineState {
  if (now.getTime() >= endOfDay(date, timeZone).getTime()) return { state: 'passed' };
  const today = civilDateIn(now, timeZone);
  if (today === date) return { state: 'today' };
  let daysLeft = 0;
  for (let d = today; d < date; d = addDays(d, 1)) daysLeft++;
  return { state: 'upcoming', daysLeft };
}

import type { Council, RosterEntry } from '../councils/schema.ts';
import { addDays, civilDateIn, yearOf, zonedInstant } from '../domain/civil-date.ts';
import { complianceWarnings, type ComplianceWarning } from '../domain/compliance.ts';
import { meetingDeadlines, type MeetingDeadlines } from '../domain/deadlines.ts';
import { extraMeetingDemand, type ExtraMeetingDemand } from '../domain/extra-meeting.ts';
import { plannedMeetings } from '../domain/meeting-plan.ts';
import { upcoming, type Meeting, type MeetingDetails } from '../domain/meetings.ts';
import { workingCalendar } from '../domain/working-days.ts';
import type { MeetingStore, UpdateResult } from '../store/meetings.ts';

// The plan is brought into the store at most this often per council (and at every start).
const PLAN_SYNC_INTERVAL_MS = 60 * 60 * 1000;

export type ExtraMeetingOutcome =
  | { kind: 'no-rule' }
  | { kind: 'not-a-member' }
  | { kind: 'recorded'; added: boolean; demand: ExtraMeetingDemand; requesters: string[]; reasons: string[] };

/** Meetings of a council: the plan, the store, the deadlines and the rules, with the clock passed in. */
export class MeetingService {
  private readonly syncedAt = new Map<string, { at: number; year: number }>();

  constructor(private readonly store: MeetingStore) {}

  deadlines(council: Council, meeting: Pick<Meeting, 'startsAt'>): MeetingDeadlines {
    return meetingDeadlines(
      meeting.startsAt,
      {
        timeZone: council.timeZone,
        noticeDaysBefore: council.notice.daysBefore,
        shiftToPreviousWorkingDay: council.notice.shiftToPreviousWorkingDay,
        ...council.deadlines,
      },
      workingCalendar({ country: council.notice.holidayCountry, closedDays: council.notice.closedDays }),
    );
  }

  /**
   * Puts the plan's meetings of this year and the next into the store, so that the year's list is
   * complete and single meetings can be moved or cancelled like any other.
   */
  async syncPlan(council: Council, now: Date, force = false): Promise<void> {
    const plan = council.meetings.plan;
    if (!plan) return;
    const year = yearOf(civilDateIn(now, council.timeZone));
    const last = this.syncedAt.get(council.id);
    if (!force && last && last.year === year && now.getTime() - last.at < PLAN_SYNC_INTERVAL_MS) return;
    const from = `${year}-01-01`;
    const to = `${year + 1}-12-31`;
    const planned = plannedMeetings(
      { ...plan, durationMinutes: council.meetings.defaultDurationMinutes, place: council.meetings.defaultPlace },
      council.timeZone,
      from,
      to,
    );
    await this.store.syncPlan(council.id, planned, {
      from: zonedInstant(from, '00:00', council.timeZone),
      to: zonedInstant(addDays(to, 1), '00:00', council.timeZone),
      now,
    });
    this.syncedAt.set(council.id, { at: now.getTime(), year });
  }

  async upcoming(council: Council, now: Date): Promise<Meeting[]> {
    await this.syncPlan(council, now);
    return upcoming(await this.store.list(council.id, { from: now }), now);
  }

  async next(council: Council, now: Date): Promise<Meeting | undefined> {
    return (await this.upcoming(council, now))[0];
  }

  /** The meetings of a calendar year in the council's zone, cancelled ones included (they are news). */
  async ofYear(council: Council, year: number, now: Date): Promise<Meeting[]> {
    await this.syncPlan(council, now);
    return this.store.list(council.id, {
      from: zonedInstant(`${year}-01-01`, '00:00', council.timeZone),
      to: zonedInstant(`${year + 1}-01-01`, '00:00', council.timeZone),
      includeCancelled: true,
    });
  }

  async get(council: Council, id: string): Promise<Meeting | undefined> {
    const meeting = await this.store.get(id);
    // A meeting of another council is as good as missing: ids from cards are not trusted.
    return meeting?.councilId === council.id ? meeting : undefined;
  }

  schedule(council: Council, details: MeetingDetails, actor: string): Promise<Meeting> {
    return this.store.create(council.id, details, actor);
  }

  async change(council: Council, id: string, sequence: number, details: MeetingDetails, actor: string): Promise<UpdateResult> {
    if (!(await this.get(council, id))) return { ok: false, reason: 'not-found' };
    return this.store.update(id, sequence, { kind: 'change', details }, actor);
  }

  async cancel(council: Council, id: string, sequence: number, reason: string | undefined, actor: string): Promise<UpdateResult> {
    if (!(await this.get(council, id))) return { ok: false, reason: 'not-found' };
    return this.store.update(id, sequence, { kind: 'cancel', reason }, actor);
  }

  async markNoticeSent(council: Council, id: string, now: Date, actor: string): Promise<UpdateResult> {
    if (!(await this.get(council, id))) return { ok: false, reason: 'not-found' };
    return this.store.update(id, 0, { kind: 'notice-sent', at: now }, actor);
  }

  async warnings(council: Council, now: Date): Promise<ComplianceWarning[]> {
    const year = yearOf(civilDateIn(now, council.timeZone));
    const meetings = [...(await this.ofYear(council, year, now)), ...(await this.ofYear(council, year + 1, now))];
    return complianceWarnings(meetings, (m) => this.deadlines(council, m), {
      timeZone: council.timeZone,
      minPerYear: council.meetings.minPerYear,
      budgetMeetingRequired: council.meetings.budgetMeetingRequired,
    }, now);
  }

  /** Records a member's request for an extra meeting and tells whether the rule is now met. */
  async requestExtraMeeting(council: Council, member: RosterEntry | undefined, reason: string, actor: string, now: Date): Promise<ExtraMeetingOutcome> {
    const rule = council.extraMeeting;
    if (!rule) return { kind: 'no-rule' };
    if (!member) return { kind: 'not-a-member' };
    const { added, open } = await this.store.requestExtraMeeting({
      councilId: council.id,
      memberKey: member.name.toLowerCase(),
      memberName: member.name,
      memberRole: member.role,
      actor,
      reason,
    });
    const demand = extraMeetingDemand(rule, council.roster, open.map((r) => ({ key: r.memberKey, role: r.memberRole })));
    const requesters = open.map((r) => r.memberName);
    const reasons = open.map((r) => r.reason);
    if (demand.met) await this.store.closeExtraMeetingRound(council.id, now);
    return { kind: 'recorded', added, demand, requesters, reasons };
  }
}

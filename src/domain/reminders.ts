import type { Role, RosterEntry } from '../councils/schema.ts';
import { addDays, endOfDay, zonedInstant } from './civil-date.ts';
import type { MeetingDeadlines } from './deadlines.ts';

export const REMINDER_KINDS = ['proposals-closing', 'proposals-closed', 'agenda-approval-due', 'notice-due', 'notice-overdue', 'meeting-tomorrow'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Calendar invites by e-mail travel through the same durable jobs as reminders. */
export const MAIL_KINDS = ['calendar-invite', 'calendar-cancel'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export type JobKind = ReminderKind | MailKind;
export const isMailKind = (kind: JobKind): kind is MailKind => (MAIL_KINDS as readonly string[]).includes(kind);

export type ReminderSettings = {
  timeZone: string;
  /** Local time of day reminders go out, "09:00". */
  sendAt: string;
  /** Days before the proposal deadline that members are reminded. */
  proposalsClosingDaysBefore: number;
};

export type PlannedReminder = {
  /** The same reminder always has the same key: (meeting, kind, recipient, step). */
  key: string;
  kind: JobKind;
  /** Escalation step for overdue notices: 1, 2, …; the meeting's SEQUENCE for calendar e-mails. */
  step: number;
  recipient: string;
  dueAt: Date;
  /** After this it no longer makes sense to send it (no "meeting tomorrow" after the meeting). */
  expiresAt: Date;
};

const OFFICERS: readonly Role[] = ['chair', 'vice-chair'];
const everyoneBut = (roster: readonly RosterEntry[], role: Role) => roster.filter((r) => r.role !== role);
const withRoles = (roster: readonly RosterEntry[], roles: readonly Role[]) => roster.filter((r) => roles.includes(r.role));

/** Who gets which reminder, and when. */
export function reminderPlan(
  meeting: { id: string; startsAt: Date },
  deadlines: MeetingDeadlines,
  roster: readonly RosterEntry[],
  s: ReminderSettings,
): PlannedReminder[] {
  const at = (day: string) => zonedInstant(day, s.sendAt, s.timeZone);
  const end = (day: string) => endOfDay(day, s.timeZone);
  const plan: PlannedReminder[] = [];
  const add = (kind: ReminderKind, people: readonly RosterEntry[], dueAt: Date, expiresAt: Date, step = 1) => {
    for (const p of people) plan.push({ key: `${meeting.id}|${kind}|${step}|${p.name}`, kind, step, recipient: p.name, dueAt, expiresAt });
  };
  const { proposals, approval, notice, meetingDate } = deadlines;
  add('proposals-closing', everyoneBut(roster, 'secretary'), at(addDays(proposals.date, -s.proposalsClosingDaysBefore)), end(proposals.date));
  add('proposals-closed', withRoles(roster, OFFICERS), at(addDays(proposals.date, 1)), end(approval.date));
  add('agenda-approval-due', withRoles(roster, OFFICERS), at(approval.date), end(approval.date));
  add('notice-due', withRoles(roster, ['secretary', 'chair']), at(notice.date), end(notice.date));
  // Escalating: the secretary and the chair the day after, the vice chair too the day after that.
  add('notice-overdue', withRoles(roster, ['secretary', 'chair']), at(addDays(notice.date, 1)), meeting.startsAt, 1);
  add('notice-overdue', withRoles(roster, ['secretary', 'chair', 'vice-chair']), at(addDays(notice.date, 2)), meeting.startsAt, 2);
  add('meeting-tomorrow', everyoneBut(roster, 'secretary'), at(addDays(meetingDate, -1)), meeting.startsAt);
  // A reminder due after it expires (e.g. a meeting scheduled at short notice) is not planned.
  return plan.filter((r) => r.dueAt.getTime() < r.expiresAt.getTime());
}

/**
 * The calendar e-mails a meeting needs: once the notice is out, every member with an address gets
 * the invite of the meeting's current version, or its cancellation. A new version supersedes the
 * e-mails of the old one that are still waiting.
 */
export function calendarMailPlan(
  meeting: { id: string; status: 'scheduled' | 'cancelled'; sequence: number; noticeSentAt: Date | undefined; startsAt: Date; updatedAt: Date },
  roster: readonly RosterEntry[],
): PlannedReminder[] {
  if (!meeting.noticeSentAt) return [];
  const kind: MailKind = meeting.status === 'cancelled' ? 'calendar-cancel' : 'calendar-invite';
  // The secretary is the organizer: the invite comes from them, not to them.
  return roster
    .filter((p) => p.email && p.role !== 'secretary')
    .map((p) => ({
      key: `${meeting.id}|${kind}|${meeting.sequence}|${p.name}`,
      kind,
      step: meeting.sequence,
      recipient: p.name,
      dueAt: meeting.updatedAt,
      expiresAt: meeting.startsAt,
    }));
}

/** Transient failures are retried; these status codes are what Teams uses for them. */
export const TRANSIENT_STATUS = new Set([429, 412, 502, 503, 504]);
/** The bot was removed, the user or conversation is gone: retrying will not help. */
export const PERMANENT_STATUS = new Set([400, 401, 403, 404]);

/**
 * How long to wait before the next attempt: exponential from `baseMs`, capped, with full jitter
 * (`random` in [0, 1)), and never sooner than the server's Retry-After.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: number, baseMs = 1_000, capMs = 5 * 60_000): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + (random * exponential) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Reads a Retry-After header: seconds, or an HTTP date relative to `now`. */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * Token buckets for Teams' limits: per conversation (7 messages a second) and for the whole app (about
 * 50 a second). `take` returns how long to wait before sending; the clock is passed in.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: { perConversation: number; perApp: number }) {}

  private waitFor(key: string, ratePerSecond: number, now: number): number {
    const b = this.buckets.get(key) ?? { tokens: ratePerSecond, at: now };
    const tokens = Math.min(ratePerSecond, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    const wait = Math.ceil(((1 - tokens) / ratePerSecond) * 1000);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return wait;
  }

  /** Reserves one send for `conversationId` at `now` (ms); returns the wait in ms before it may go. */
  take(conversationId: string, now: number): number {
    if (!Number.isFinite(this.limits.perApp) && !Number.isFinite(this.limits.perConversation)) return 0;
    return Math.max(this.waitFor('*app*', this.limits.perApp, now), this.waitFor(conversationId, this.limits.perConversation, now));
  }
}

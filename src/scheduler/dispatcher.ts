import type { ConversationReference } from 'botbuilder';
import type { Council, RosterEntry } from '../councils/schema.ts';
import type { Meeting } from '../domain/meetings.ts';
import { isMailKind, PERMANENT_STATUS, RateLimiter, retryDelayMs, TRANSIENT_STATUS, type ReminderKind } from '../domain/reminders.ts';
import { civilDateIn } from '../domain/civil-date.ts';
import { formatDay } from '../i18n/format.ts';
import { t } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { ProposalService } from '../proposals/service.ts';
import type { ReminderJob } from '../store/reminders.ts';
import type { Store, StoredConversation } from '../store/store.ts';
import { reminderText } from './reminder-text.ts';

export type SendResult =
  | { ok: true; activityId: string | undefined }
  /** `transient` overrides what the status code says (SMTP codes are not HTTP codes). */
  | { ok: false; status: number | undefined; retryAfterMs: number | undefined; error: string; transient?: boolean };
/** Sends one calendar e-mail; never throws. */
export type MailInvite = (council: Council, meeting: Meeting, to: RosterEntry) => Promise<SendResult>;
/** Sends one message into a stored conversation; never throws. */
export type Deliver = (reference: Partial<ConversationReference>, text: string) => Promise<SendResult>;

export type DispatcherDeps = {
  store: Store;
  councils: ReadonlyMap<string, Council>;
  meetings: MeetingService;
  proposals: ProposalService;
  deliver: Deliver;
  /** Calendar e-mails; without it such jobs are cancelled. */
  mail?: MailInvite | undefined;
  clock: () => Date;
  /** Names this instance in the job table. */
  owner: string;
  log: Logger;
  limiter?: RateLimiter;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  batchSize?: number;
  /** Jobs of a batch sent at the same time (the rate limiter still spaces them). */
  concurrency?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Cites the rule in notice reminders: section title and document for a council's rule id. */
  cite?: (council: Council, sectionId: string | undefined) => string;
};

export type TickResult = Record<'sent' | 'retried' | 'failed' | 'expired' | 'cancelled' | 'muted' | 'skipped' | 'lost', number>;

/** What the jobs of one batch share, read once per batch: meetings, mutes, personal chats. */
type RoundCache = {
  meetings: Map<string, Promise<Meeting | undefined>>;
  /** `council|person` → the kinds that person muted. */
  mutes: Map<string, ReminderKind[]>;
  /** `council|person` → their personal chat, if any. */
  chats: Map<string, StoredConversation | undefined>;
};

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = load();
    map.set(key, value);
  }
  return value;
}

/** Teams' documented limits: 7 messages a second per conversation, about 50 a second per app. */
export const TEAMS_LIMITS = { perConversation: 7, perApp: 50 };

/** Claims due reminders from the store and sends them, politely and at most once each. */
export class ReminderDispatcher {
  private readonly limiter: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: DispatcherDeps) {
    this.limiter = deps.limiter ?? new RateLimiter(TEAMS_LIMITS);
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** One round: claim a batch, send each. Returns what happened, for logs and tests. */
  async tick(): Promise<TickResult> {
    const result: TickResult = { sent: 0, retried: 0, failed: 0, expired: 0, cancelled: 0, muted: 0, skipped: 0, lost: 0 };
    const now = this.deps.clock();
    const jobs = await this.deps.store.reminders.claim(this.deps.owner, now, new Date(now.getTime() + (this.deps.leaseMs ?? 120_000)), this.deps.batchSize ?? 50);
    const cache = await this.prefetch(jobs);
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) result[await this.process(jobs[next++]!, cache)]++;
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.deps.concurrency ?? 4, jobs.length)) }, worker));
    return result;
  }

  /** Reads the mutes and personal chats of a batch's recipients in two queries, not two per job. */
  private async prefetch(jobs: readonly ReminderJob[]): Promise<RoundCache> {
    const people = new Map<string, { councilId: string; person: string; entry: RosterEntry }>();
    for (const job of jobs) {
      const entry = isMailKind(job.kind) ? undefined : this.deps.councils.get(job.councilId)?.roster.find((r) => r.name === job.recipient);
      if (entry) people.set(`${job.councilId}|${entry.name}`, { councilId: job.councilId, person: entry.name, entry });
    }
    const asked = [...people.entries()];
    const [mutes, chats] = await Promise.all([
      this.deps.store.reminders.mutedKindsOf(asked.map(([, p]) => p)),
      this.deps.store.findPersonalConversations(asked.map(([, { entry }]) => ({ aadObjectId: entry.aadObjectId, email: entry.email, upn: entry.upn }))),
    ]);
    return { meetings: new Map(), mutes, chats: new Map(asked.map(([key], i) => [key, chats[i]])) };
  }

  private async finish(job: ReminderJob, status: 'failed' | 'expired' | 'cancelled' | 'muted' | 'skipped', error?: string): Promise<keyof TickResult> {
    await this.deps.store.reminders.finish(job.id, this.deps.owner, { status, error });
    return status;
  }

  private async process(job: ReminderJob, cache: RoundCache): Promise<keyof TickResult> {
    const { store, clock } = this.deps;
    const now = clock();
    const council = this.deps.councils.get(job.councilId);
    if (!council) return this.finish(job, 'cancelled', 'council no longer configured');
    if (now.getTime() >= job.expiresAt.getTime()) return this.finish(job, 'expired');
    const meeting = await memo(cache.meetings, job.meetingId, () => this.deps.meetings.get(council, job.meetingId));
    const entry = council.roster.find((r) => r.name === job.recipient);
    if (isMailKind(job.kind)) {
      // Only the meeting's current version is mailed: a newer one supersedes what still waits.
      const current = meeting && (job.kind === 'calendar-cancel' ? meeting.status === 'cancelled' : meeting.status === 'scheduled') && meeting.sequence === job.step;
      if (!current) return this.finish(job, 'cancelled', 'superseded by a newer version of the meeting');
      if (!entry?.email) return this.finish(job, 'cancelled', 'no e-mail address on the roster');
      if (!this.deps.mail) return this.finish(job, 'cancelled', 'e-mail is not configured');
      const mail = this.deps.mail;
      if (!(await store.reminders.beginSend(job.id, this.deps.owner))) return 'lost';
      return this.settle(job, council, await mail(council, meeting, entry), () => this.reportMailFailure(council, meeting, entry));
    }
    if (!meeting || meeting.status !== 'scheduled') return this.finish(job, 'cancelled', 'meeting cancelled');
    if ((job.kind === 'notice-due' || job.kind === 'notice-overdue') && meeting.noticeSentAt) return this.finish(job, 'skipped', 'notice already sent');
    if (!entry) return this.finish(job, 'cancelled', 'no longer on the roster');
    const person = `${council.id}|${entry.name}`;
    if (cache.mutes.get(person)?.includes(job.kind)) return this.finish(job, 'muted');
    const conversation = cache.chats.get(person);
    if (!conversation) return this.finish(job, 'failed', 'no-chat');

    const deadlines = this.deps.meetings.deadlines(council, meeting);
    const pending = job.kind === 'proposals-closed' ? (await this.deps.proposals.pending(meeting)).length : 0;
    const language = council.languages[0]!;
    const rule = this.deps.cite?.(council, council.notice.rule) ?? '';
    const text = reminderText(job.kind, { council, language }, meeting, deadlines, { pending, rule });

    const wait = this.limiter.take(conversation.conversationId, clock().getTime());
    if (wait > 0) await this.sleep(wait);
    // From here the send is under way: if this instance dies now, the job is never sent again.
    if (!(await store.reminders.beginSend(job.id, this.deps.owner))) return 'lost';
    return this.settle(job, council, await this.deps.deliver(conversation.reference, text));
  }

  /** Records how a send went: sent, retried later (transient failures), or failed for good. */
  private async settle(job: ReminderJob, council: Council, sent: SendResult, onFailed?: () => Promise<void>): Promise<keyof TickResult> {
    const { store, clock } = this.deps;
    if (sent.ok) {
      await store.reminders.finish(job.id, this.deps.owner, { status: 'sent', at: clock(), activityId: sent.activityId });
      this.deps.log.info({ council: council.id, kind: job.kind, job: job.id }, 'reminder delivered');
      return 'sent';
    }
    const attempts = job.attempts + 1;
    const transient = sent.transient ?? ((sent.status === undefined || TRANSIENT_STATUS.has(sent.status)) && !PERMANENT_STATUS.has(sent.status ?? 0));
    if (transient && attempts < (this.deps.maxAttempts ?? 6)) {
      const delay = retryDelayMs(attempts, sent.retryAfterMs, (this.deps.random ?? Math.random)());
      await store.reminders.retry(job.id, this.deps.owner, new Date(clock().getTime() + delay), `${sent.status ?? 'network'}: ${sent.error}`);
      this.deps.log.warn({ council: council.id, kind: job.kind, job: job.id, status: sent.status, delayMs: delay }, 'reminder will be retried');
      return 'retried';
    }
    await store.reminders.finish(job.id, this.deps.owner, { status: 'failed', error: `${sent.status ?? 'network'}: ${sent.error}` });
    this.deps.log.warn({ council: council.id, kind: job.kind, job: job.id, status: sent.status }, 'reminder not delivered');
    await onFailed?.().catch((err: unknown) => this.deps.log.warn({ err }, 'failure not reported'));
    return 'failed';
  }

  /** Tells the secretary in Teams which member did not get the calendar e-mail. */
  private async reportMailFailure(council: Council, meeting: Meeting, member: RosterEntry): Promise<void> {
    const secretary = council.roster.find((r) => r.role === 'secretary');
    const chat = secretary && (await this.deps.store.findPersonalConversation({ aadObjectId: secretary.aadObjectId, email: secretary.email, upn: secretary.upn }));
    if (!chat) return;
    const language = council.languages[0]!;
    const day = formatDay(civilDateIn(meeting.startsAt, council.timeZone), language);
    await this.deps.deliver(chat.reference, t(language, 'calendar.mailFailed', { day, names: member.name }));
  }
}

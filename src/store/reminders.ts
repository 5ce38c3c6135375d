import { MAIL_KINDS, type JobKind, type PlannedReminder, type ReminderKind } from '../domain/reminders.ts';
import type { Database } from './database.ts';
import { toDate } from './values.ts';

export type ReminderStatus = 'pending' | 'claimed' | 'sending' | 'sent' | 'failed' | 'expired' | 'cancelled' | 'muted' | 'skipped' | 'unknown';

export type ReminderJob = {
  id: string;
  key: string;
  councilId: string;
  meetingId: string;
  kind: JobKind;
  step: number;
  recipient: string;
  dueAt: Date;
  expiresAt: Date;
  status: ReminderStatus;
  attempts: number;
  lastError: string | undefined;
  sentAt: Date | undefined;
};

export type JobFamily = 'reminders' | 'mail';
const MAIL = [...MAIL_KINDS];

/** Durable reminder jobs: planned idempotently, claimed with a lease, finished once. */
export interface ReminderStore {
  /**
   * Makes the pending jobs of a meeting in one family (reminders, or calendar e-mails) match `plan`:
   * adds new ones, moves the due time of pending ones, cancels pending ones the plan no longer has.
   * Jobs already sent are never touched.
   */
  plan(councilId: string, meetingId: string, plan: readonly PlannedReminder[], family?: JobFamily): Promise<{ added: number; cancelled: number }>;
  /** Cancels the pending reminders of a meeting (not its calendar e-mails). */
  cancelMeeting(meetingId: string): Promise<number>;
  /**
   * Claims up to `limit` due jobs for `owner` until `leaseUntil` (FOR UPDATE SKIP LOCKED: two
   * instances never claim the same job). Jobs whose claim lapsed before their send began are
   * claimable again; jobs whose send began on an instance that died are marked 'unknown' and not
   * sent again: a reminder is delivered at most once.
   */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ReminderJob[]>;
  /** Marks the send as under way (false when the claim was lost). */
  beginSend(id: string, owner: string): Promise<boolean>;
  finish(id: string, owner: string, outcome: { status: 'sent'; at: Date; activityId: string | undefined } | { status: 'failed' | 'expired' | 'cancelled' | 'muted' | 'skipped'; error?: string }): Promise<void>;
  retry(id: string, owner: string, dueAt: Date, error: string): Promise<void>;
  list(filter: { meetingId?: string; councilId?: string }): Promise<ReminderJob[]>;
  mute(councilId: string, person: string, kinds: readonly ReminderKind[]): Promise<void>;
  unmute(councilId: string, person: string, kinds: readonly ReminderKind[]): Promise<void>;
  mutedKinds(councilId: string, person: string): Promise<ReminderKind[]>;
  /** The muted kinds of many people at once, keyed `council|person` (people with none are absent). */
  mutedKindsOf(people: readonly { councilId: string; person: string }[]): Promise<Map<string, ReminderKind[]>>;
}

type Row = Record<string, unknown>;
function toJob(r: Row): ReminderJob {
  return {
    id: String(r.id),
    key: String(r.idempotency_key),
    councilId: String(r.council_id),
    meetingId: String(r.meeting_id),
    kind: r.kind as JobKind,
    step: Number(r.step),
    recipient: String(r.recipient),
    dueAt: toDate(r.due_at),
    expiresAt: toDate(r.expires_at),
    status: r.status as ReminderStatus,
    attempts: Number(r.attempts),
    lastError: r.last_error === null || r.last_error === undefined ? undefined : String(r.last_error),
    sentAt: r.sent_at === null || r.sent_at === undefined ? undefined : toDate(r.sent_at),
  };
}

export class SqlReminderStore implements ReminderStore {
  constructor(private readonly db: Database) {}

  async plan(councilId: string, meetingId: string, plan: readonly PlannedReminder[], family: JobFamily = 'reminders') {
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const p of plan) {
        const { rows } = await tx.query<{ inserted: boolean }>(
          `INSERT INTO reminder_jobs (idempotency_key, council_id, meeting_id, kind, step, recipient, due_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (idempotency_key) DO UPDATE SET due_at = EXCLUDED.due_at, expires_at = EXCLUDED.expires_at,
             status = CASE WHEN reminder_jobs.status = 'cancelled' THEN 'pending' ELSE reminder_jobs.status END, updated_at = now()
             WHERE reminder_jobs.status IN ('pending', 'cancelled')
           RETURNING (xmax = 0) AS inserted`,
          [p.key, councilId, meetingId, p.kind, p.step, p.recipient, p.dueAt, p.expiresAt],
        );
        if (rows[0]?.inserted) added++;
      }
      const { rows } = await tx.query(
        `UPDATE reminder_jobs SET status = 'cancelled', updated_at = now()
          WHERE meeting_id = $1 AND status = 'pending' AND NOT (idempotency_key = ANY($2::text[]))
            AND (kind = ANY($3::text[])) = $4 RETURNING id`,
        [meetingId, plan.map((p) => p.key), MAIL, family === 'mail'],
      );
      return { added, cancelled: rows.length };
    });
  }

  async cancelMeeting(meetingId: string): Promise<number> {
    const { rows } = await this.db.query(
      `UPDATE reminder_jobs SET status = 'cancelled', updated_at = now()
        WHERE meeting_id = $1 AND status = 'pending' AND NOT (kind = ANY($2::text[])) RETURNING id`,
      [meetingId, MAIL],
    );
    return rows.length;
  }

  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ReminderJob[]> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE reminder_jobs SET status = 'unknown', last_error = 'the instance sending it stopped', updated_at = now()
          WHERE status = 'sending' AND lease_until < $1`,
        [now],
      );
      const { rows } = await tx.query<Row>(
        `UPDATE reminder_jobs SET status = 'claimed', claimed_by = $1, lease_until = $3, updated_at = now()
          WHERE id IN (
            SELECT id FROM reminder_jobs
             WHERE (status = 'pending' AND due_at <= $2) OR (status = 'claimed' AND lease_until < $2)
             ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        [owner, now, leaseUntil, limit],
      );
      return rows.map(toJob).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || Number(a.id) - Number(b.id));
    });
  }

  async beginSend(id: string, owner: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `UPDATE reminder_jobs SET status = 'sending', attempts = attempts + 1, updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND status = 'claimed' RETURNING id`,
      [id, owner],
    );
    return rows.length === 1;
  }

  async finish(id: string, owner: string, o: Parameters<ReminderStore['finish']>[2]): Promise<void> {
    await this.db.query(
      `UPDATE reminder_jobs SET status = $3, sent_at = $4, activity_id = $5, last_error = $6, lease_until = NULL, updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND status IN ('claimed', 'sending')`,
      [id, owner, o.status, o.status === 'sent' ? o.at : null, o.status === 'sent' ? (o.activityId ?? null) : null, o.status === 'sent' ? null : (o.error ?? null)],
    );
  }

  async retry(id: string, owner: string, dueAt: Date, error: string): Promise<void> {
    await this.db.query(
      `UPDATE reminder_jobs SET status = 'pending', due_at = $3, last_error = $4, lease_until = NULL, claimed_by = NULL, updated_at = now()
        WHERE id = $1 AND claimed_by = $2 AND status = 'sending'`,
      [id, owner, dueAt, error],
    );
  }

  async list(filter: { meetingId?: string; councilId?: string }): Promise<ReminderJob[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM reminder_jobs WHERE ($1::uuid IS NULL OR meeting_id = $1) AND ($2::text IS NULL OR council_id = $2)
        ORDER BY due_at, id`,
      [filter.meetingId ?? null, filter.councilId ?? null],
    );
    return rows.map(toJob);
  }

  async mute(councilId: string, person: string, kinds: readonly ReminderKind[]): Promise<void> {
    for (const kind of kinds) {
      await this.db.query('INSERT INTO reminder_mutes (council_id, person, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [councilId, person, kind]);
    }
  }

  async unmute(councilId: string, person: string, kinds: readonly ReminderKind[]): Promise<void> {
    await this.db.query('DELETE FROM reminder_mutes WHERE council_id = $1 AND person = $2 AND kind = ANY($3::text[])', [councilId, person, [...kinds]]);
  }

  async mutedKinds(councilId: string, person: string): Promise<ReminderKind[]> {
    return (await this.mutedKindsOf([{ councilId, person }])).get(`${councilId}|${person}`) ?? [];
  }

  async mutedKindsOf(people: readonly { councilId: string; person: string }[]): Promise<Map<string, ReminderKind[]>> {
    const muted = new Map<string, ReminderKind[]>();
    if (people.length === 0) return muted;
    const { rows } = await this.db.query<{ council_id: string; person: string; kind: ReminderKind }>(
      `SELECT m.council_id, m.person, m.kind FROM reminder_mutes m
         JOIN unnest($1::text[], $2::text[]) AS p(council_id, person) ON m.council_id = p.council_id AND m.person = p.person
        ORDER BY m.council_id, m.person, m.kind`,
      [people.map((p) => p.councilId), people.map((p) => p.person)],
    );
    for (const r of rows) {
      const key = `${r.council_id}|${r.person}`;
      muted.set(key, [...(muted.get(key) ?? []), r.kind]);
    }
    return muted;
  }
}

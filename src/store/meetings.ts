import type { Meeting, MeetingAction, MeetingDetails, MeetingHistoryEntry, MeetingStatus } from '../domain/meetings.ts';
import type { PlannedMeeting } from '../domain/meeting-plan.ts';
import type { Database, SqlClient } from './database.ts';
import { fromJson as json, isUuid, toDate as date } from './values.ts';

export type ExtraMeetingRequest = {
  councilId: string;
  memberKey: string;
  memberName: string;
  memberRole: string;
  actor: string;
  reason: string;
  createdAt: Date;
};

export type MeetingUpdate =
  | { kind: 'change'; details: MeetingDetails }
  | { kind: 'cancel'; reason: string | undefined }
  | { kind: 'notice-sent'; at: Date };

export type UpdateResult = { ok: true; meeting: Meeting } | { ok: false; reason: 'not-found' | 'stale' | 'cancelled' };

/** Meetings, their history and extra-meeting requests. */
export interface MeetingStore {
  /**
   * Brings the planned meetings in [from, to] into the store: adds the plan's days that are
   * missing, and withdraws future plan meetings nobody has touched whose day the plan no longer
   * has. Meetings staff have changed or cancelled are left as they are.
   */
  syncPlan(councilId: string, planned: readonly PlannedMeeting[], window: { from: Date; to: Date; now: Date }): Promise<{ added: number; withdrawn: number }>;
  list(councilId: string, filter?: { from?: Date; to?: Date; includeCancelled?: boolean }): Promise<Meeting[]>;
  get(id: string): Promise<Meeting | undefined>;
  create(councilId: string, details: MeetingDetails, actor: string): Promise<Meeting>;
  /**
   * Changes a meeting if it is still at `expectedSequence` (the version the person saw), so two
   * people editing at once cannot overwrite each other silently, and records the change.
   */
  update(id: string, expectedSequence: number, update: MeetingUpdate, actor: string): Promise<UpdateResult>;
  history(id: string): Promise<MeetingHistoryEntry[]>;
  /** Records a request unless the member already has one in the open round; returns the open round. */
  requestExtraMeeting(request: Omit<ExtraMeetingRequest, 'createdAt'>): Promise<{ added: boolean; open: ExtraMeetingRequest[] }>;
  /** Closes the open round (the rule was met and the people concerned were told). */
  closeExtraMeetingRound(councilId: string, at: Date): Promise<number>;
}

type MeetingRow = {
  id: string;
  council_id: string;
  starts_at: Date;
  ends_at: Date;
  place: string;
  online_url: string | null;
  budget: boolean;
  note: string | null;
  status: MeetingStatus;
  cancel_reason: string | null;
  plan_key: string | null;
  sequence: number;
  notice_sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
};


function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    councilId: r.council_id,
    startsAt: date(r.starts_at),
    endsAt: date(r.ends_at),
    place: r.place,
    onlineUrl: r.online_url ?? undefined,
    budget: r.budget,
    note: r.note ?? undefined,
    status: r.status,
    cancelReason: r.cancel_reason ?? undefined,
    planKey: r.plan_key ?? undefined,
    sequence: r.sequence,
    noticeSentAt: r.notice_sent_at ? date(r.notice_sent_at) : undefined,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

function detailsOf(m: Meeting): MeetingDetails {
  return { startsAt: m.startsAt, endsAt: m.endsAt, place: m.place, onlineUrl: m.onlineUrl, budget: m.budget, note: m.note };
}

async function record(
  tx: SqlClient,
  meetingId: string,
  actor: string,
  action: MeetingAction,
  before: object | undefined,
  after: object,
  reason?: string,
): Promise<void> {
  await tx.query(
    'INSERT INTO meeting_history (meeting_id, actor, action, before, after, reason) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)',
    [meetingId, actor, action, before === undefined ? null : JSON.stringify(before), JSON.stringify(after), reason ?? null],
  );
}

const SELECT = 'SELECT * FROM meetings';

export class SqlMeetingStore implements MeetingStore {
  constructor(private readonly db: Database) {}

  async syncPlan(councilId: string, planned: readonly PlannedMeeting[], window: { from: Date; to: Date; now: Date }) {
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const p of planned) {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO meetings (council_id, starts_at, ends_at, place, budget, plan_key, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, 'plan')
           ON CONFLICT (council_id, plan_key) DO NOTHING
           RETURNING id`,
          [councilId, p.startsAt, p.endsAt, p.place, p.budget, p.planKey],
        );
        if (rows[0]) {
          added++;
          await record(tx, rows[0].id, 'plan', 'planned', undefined, { startsAt: p.startsAt, endsAt: p.endsAt, place: p.place, budget: p.budget });
        }
      }
      const { rows: stale } = await tx.query<{ id: string }>(
        `UPDATE meetings SET status = 'cancelled', cancel_reason = 'plan-changed', sequence = sequence + 1, updated_at = now()
          WHERE council_id = $1 AND plan_key IS NOT NULL AND NOT (plan_key = ANY($2::text[]))
            AND status = 'scheduled' AND sequence = 0 AND starts_at >= $3 AND starts_at < $4
          RETURNING id`,
        [councilId, planned.map((p) => p.planKey), window.now > window.from ? window.now : window.from, window.to],
      );
      for (const { id } of stale) await record(tx, id, 'plan', 'withdrawn-from-plan', undefined, { status: 'cancelled' }, 'plan-changed');
      return { added, withdrawn: stale.length };
    });
  }

  async list(councilId: string, filter: { from?: Date; to?: Date; includeCancelled?: boolean } = {}): Promise<Meeting[]> {
    const { rows } = await this.db.query<MeetingRow>(
      `${SELECT} WHERE council_id = $1 AND ($2::timestamptz IS NULL OR ends_at > $2)
          AND ($3::timestamptz IS NULL OR starts_at < $3) AND ($4 OR status = 'scheduled')
        ORDER BY starts_at, id`,
      [councilId, filter.from ?? null, filter.to ?? null, filter.includeCancelled ?? false],
    );
    return rows.map(toMeeting);
  }

  async get(id: string): Promise<Meeting | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<MeetingRow>(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] && toMeeting(rows[0]);
  }

  async create(councilId: string, d: MeetingDetails, actor: string): Promise<Meeting> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<MeetingRow>(
        `INSERT INTO meetings (council_id, starts_at, ends_at, place, online_url, budget, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [councilId, d.startsAt, d.endsAt, d.place, d.onlineUrl ?? null, d.budget, d.note ?? null, actor],
      );
      const meeting = toMeeting(rows[0]!);
      await record(tx, meeting.id, actor, 'scheduled', undefined, d);
      return meeting;
    });
  }

  async update(id: string, expectedSequence: number, update: MeetingUpdate, actor: string): Promise<UpdateResult> {
    if (!isUuid(id)) return { ok: false, reason: 'not-found' };
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<MeetingRow>(`${SELECT} WHERE id = $1 FOR UPDATE`, [id]);
      const current = rows[0] && toMeeting(rows[0]);
      if (!current) return { ok: false, reason: 'not-found' } as const;
      if (current.status === 'cancelled') return { ok: false, reason: 'cancelled' } as const;
      if (update.kind === 'notice-sent') {
        const { rows: after } = await tx.query<MeetingRow>(
          `UPDATE meetings SET notice_sent_at = $2, updated_at = now() WHERE id = $1 RETURNING *`,
          [id, update.at],
        );
        await record(tx, id, actor, 'notice-sent', undefined, { noticeSentAt: update.at });
        return { ok: true, meeting: toMeeting(after[0]!) } as const;
      }
      if (current.sequence !== expectedSequence) return { ok: false, reason: 'stale' } as const;
      if (update.kind === 'cancel') {
        const { rows: after } = await tx.query<MeetingRow>(
          `UPDATE meetings SET status = 'cancelled', cancel_reason = $2, sequence = sequence + 1, updated_at = now()
            WHERE id = $1 RETURNING *`,
          [id, update.reason ?? null],
        );
        await record(tx, id, actor, 'cancelled', detailsOf(current), { status: 'cancelled' }, update.reason);
        return { ok: true, meeting: toMeeting(after[0]!) } as const;
      }
      const d = update.details;
      const { rows: after } = await tx.query<MeetingRow>(
        `UPDATE meetings SET starts_at = $2, ends_at = $3, place = $4, online_url = $5, budget = $6, note = $7,
                sequence = sequence + 1, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, d.startsAt, d.endsAt, d.place, d.onlineUrl ?? null, d.budget, d.note ?? null],
      );
      await record(tx, id, actor, 'changed', detailsOf(current), d);
      return { ok: true, meeting: toMeeting(after[0]!) } as const;
    });
  }

  async history(id: string): Promise<MeetingHistoryEntry[]> {
    const { rows } = await this.db.query<{ at: Date; actor: string; action: MeetingAction; before: unknown; after: unknown; reason: string | null }>(
      'SELECT at, actor, action, before, after, reason FROM meeting_history WHERE meeting_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((r) => ({
      at: date(r.at),
      actor: r.actor,
      action: r.action,
      before: r.before === null || r.before === undefined ? undefined : json(r.before as object),
      after: json(r.after as object),
      reason: r.reason ?? undefined,
    }));
  }

  async requestExtraMeeting(r: Omit<ExtraMeetingRequest, 'createdAt'>) {
    return this.db.transaction(async (tx) => {
      const { rows: inserted } = await tx.query(
        `INSERT INTO extra_meeting_requests (council_id, member_key, member_name, member_role, actor, reason)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (council_id, member_key) WHERE closed_at IS NULL DO NOTHING RETURNING id`,
        [r.councilId, r.memberKey, r.memberName, r.memberRole, r.actor, r.reason],
      );
      const { rows } = await tx.query<{ council_id: string; member_key: string; member_name: string; member_role: string; actor: string; reason: string; created_at: Date }>(
        'SELECT * FROM extra_meeting_requests WHERE council_id = $1 AND closed_at IS NULL ORDER BY id',
        [r.councilId],
      );
      return {
        added: inserted.length > 0,
        open: rows.map((o) => ({
          councilId: o.council_id,
          memberKey: o.member_key,
          memberName: o.member_name,
          memberRole: o.member_role,
          actor: o.actor,
          reason: o.reason,
          createdAt: date(o.created_at),
        })),
      };
    });
  }

  async closeExtraMeetingRound(councilId: string, at: Date): Promise<number> {
    const { rows } = await this.db.query(
      'UPDATE extra_meeting_requests SET closed_at = $2 WHERE council_id = $1 AND closed_at IS NULL RETURNING id',
      [councilId, at],
    );
    return rows.length;
  }
}

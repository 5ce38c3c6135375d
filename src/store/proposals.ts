import type { AgendaState } from '../domain/agenda.ts';
import type { Proposal, ProposalContent, ProposalStatus } from '../domain/proposals.ts';
import type { Database, SqlClient } from './database.ts';
import { fromJson as json, isUuid, toDate as d } from './values.ts';

export type NewProposal = ProposalContent & {
  councilId: string;
  meetingId: string;
  late: boolean;
  submitterId: string;
  submitterName: string;
  submitterUserId: string | undefined;
};

export type ProposalChange = {
  to: ProposalStatus;
  actor: string;
  actorName: string;
  reason: string | undefined;
  /** Where a deferred proposal goes: the next meeting. */
  meetingId?: string;
  at: Date;
};

export type ProposalHistoryEntry = {
  at: Date;
  actor: string;
  actorName: string | undefined;
  action: string;
  fromStatus: ProposalStatus | undefined;
  toStatus: ProposalStatus;
  reason: string | undefined;
  details: Record<string, unknown>;
};

export type CardCopy = { conversationId: string; activityId: string; reference: Record<string, unknown> };
export type NoticeDelivery = { recipient: string; approval: number; conversationId: string | undefined; activityId: string | undefined; deliveredAt: Date | undefined; failure: string | undefined };
export type Versioned<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'stale' };
export type Arrangement = { proposalId: string; position: number; minutes: number | undefined };

/** Proposals, their history and card copies; agendas and notice deliveries. */
export interface ProposalStore {
  create(p: NewProposal): Promise<Proposal>;
  get(id: string): Promise<Proposal | undefined>;
  listForMeeting(meetingId: string): Promise<Proposal[]>;
  listBySubmitter(councilId: string, submitterId: string): Promise<Proposal[]>;
  /**
   * Moves a proposal to a new status if it is still at `expectedVersion`. Approving an item for an
   * agenda that was already approved makes it a supplementary item and the agenda a draft again.
   */
  decide(id: string, expectedVersion: number, change: ProposalChange): Promise<Versioned<Proposal>>;
  history(id: string): Promise<ProposalHistoryEntry[]>;
  addCard(proposalId: string, copy: CardCopy): Promise<void>;
  cards(proposalId: string): Promise<CardCopy[]>;
  agenda(meetingId: string): Promise<AgendaState>;
  /** The chair's order and minutes; an approved agenda becomes a draft needing re-approval. */
  arrangeAgenda(meetingId: string, expectedVersion: number, items: readonly Arrangement[], actor: string): Promise<Versioned<AgendaState>>;
  approveAgenda(meetingId: string, expectedVersion: number, actor: string, actorName: string, at: Date): Promise<Versioned<AgendaState>>;
  recordDelivery(meetingId: string, d: NoticeDelivery): Promise<void>;
  deliveries(meetingId: string): Promise<NoticeDelivery[]>;
}

type Row = Record<string, unknown>;
const opt = <T>(v: unknown, f: (x: unknown) => T): T | undefined => (v === null || v === undefined ? undefined : f(v));
const str = (v: unknown) => v as string;

function toProposal(r: Row): Proposal {
  return {
    id: str(r.id),
    councilId: str(r.council_id),
    meetingId: str(r.meeting_id),
    title: str(r.title),
    summary: opt(r.summary, str),
    presenter: opt(r.presenter, str),
    registryNumber: opt(r.registry_number, str),
    links: json<string[]>(r.links),
    estimatedMinutes: opt(r.estimated_minutes, Number),
    kind: r.kind as Proposal['kind'],
    status: r.status as ProposalStatus,
    late: Boolean(r.late),
    submitterId: str(r.submitter_id),
    submitterName: str(r.submitter_name),
    submitterUserId: opt(r.submitter_user_id, str),
    decidedBy: opt(r.decided_by, str),
    decidedByName: opt(r.decided_by_name, str),
    decidedAt: opt(r.decided_at, d),
    decisionReason: opt(r.decision_reason, str),
    position: opt(r.position, Number),
    agendaMinutes: opt(r.agenda_minutes, Number),
    supplementary: Boolean(r.supplementary),
    version: Number(r.version),
    createdAt: d(r.created_at),
    updatedAt: d(r.updated_at),
  };
}

function toAgenda(meetingId: string, r: Row | undefined): AgendaState {
  return {
    meetingId,
    status: (r?.status as AgendaState['status'] | undefined) ?? 'draft',
    approvedBy: opt(r?.approved_by, str),
    approvedName: opt(r?.approved_name, str),
    approvedAt: opt(r?.approved_at, d),
    approvals: Number(r?.approvals ?? 0),
    version: Number(r?.version ?? 0),
  };
}

async function history(tx: SqlClient, id: string, e: Omit<ProposalHistoryEntry, 'at' | 'details'> & { details?: Record<string, unknown> }) {
  await tx.query(
    `INSERT INTO proposal_history (proposal_id, actor, actor_name, action, from_status, to_status, reason, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [id, e.actor, e.actorName ?? null, e.action, e.fromStatus ?? null, e.toStatus, e.reason ?? null, JSON.stringify(e.details ?? {})],
  );
}

async function lockAgenda(tx: SqlClient, meetingId: string): Promise<AgendaState> {
  await tx.query('INSERT INTO agendas (meeting_id) VALUES ($1) ON CONFLICT (meeting_id) DO NOTHING', [meetingId]);
  const { rows } = await tx.query<Row>('SELECT * FROM agendas WHERE meeting_id = $1 FOR UPDATE', [meetingId]);
  return toAgenda(meetingId, rows[0]);
}

export class SqlProposalStore implements ProposalStore {
  constructor(private readonly db: Database) {}

  async create(p: NewProposal): Promise<Proposal> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `INSERT INTO proposals (council_id, meeting_id, title, summary, presenter, registry_number, links,
           estimated_minutes, kind, late, submitter_id, submitter_name, submitter_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13) RETURNING *`,
        [p.councilId, p.meetingId, p.title, p.summary ?? null, p.presenter ?? null, p.registryNumber ?? null, JSON.stringify(p.links),
          p.estimatedMinutes ?? null, p.kind, p.late, p.submitterId, p.submitterName, p.submitterUserId ?? null],
      );
      const proposal = toProposal(rows[0]!);
      await history(tx, proposal.id, { actor: p.submitterId, actorName: p.submitterName, action: 'submitted', fromStatus: undefined, toStatus: 'submitted', reason: undefined, details: { late: p.late, meetingId: p.meetingId } });
      return proposal;
    });
  }

  async get(id: string): Promise<Proposal | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await this.db.query<Row>('SELECT * FROM proposals WHERE id = $1', [id]);
    return rows[0] && toProposal(rows[0]);
  }

  async listForMeeting(meetingId: string): Promise<Proposal[]> {
    if (!isUuid(meetingId)) return [];
    const { rows } = await this.db.query<Row>('SELECT * FROM proposals WHERE meeting_id = $1 ORDER BY created_at, id', [meetingId]);
    return rows.map(toProposal);
  }

  async listBySubmitter(councilId: string, submitterId: string): Promise<Proposal[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM proposals WHERE council_id = $1 AND submitter_id = $2 ORDER BY created_at DESC, id', [councilId, submitterId]);
    return rows.map(toProposal);
  }

  async decide(id: string, expectedVersion: number, c: ProposalChange): Promise<Versioned<Proposal>> {
    if (!isUuid(id)) return { ok: false, reason: 'not-found' };
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>('SELECT * FROM proposals WHERE id = $1 FOR UPDATE', [id]);
      if (!rows[0]) return { ok: false, reason: 'not-found' } as const;
      const current = toProposal(rows[0]);
      if (current.version !== expectedVersion) return { ok: false, reason: 'stale' } as const;
      const meetingId = c.meetingId ?? current.meetingId;
      let supplementary = current.supplementary;
      if (c.to === 'approved') {
        const agenda = await lockAgenda(tx, meetingId);
        if (agenda.status === 'approved') {
          supplementary = true;
          await tx.query(`UPDATE agendas SET status = 'draft', version = version + 1, updated_at = now() WHERE meeting_id = $1`, [meetingId]);
        }
      }
      const moved = meetingId !== current.meetingId;
      const { rows: after } = await tx.query<Row>(
        `UPDATE proposals SET status = $2, meeting_id = $3, decided_by = $4, decided_by_name = $5, decided_at = $6,
            decision_reason = $7, supplementary = $8, version = version + 1, updated_at = now(),
            position = CASE WHEN $9 THEN NULL ELSE position END, agenda_minutes = CASE WHEN $9 THEN NULL ELSE agenda_minutes END
          WHERE id = $1 RETURNING *`,
        [id, c.to, meetingId, c.actor, c.actorName, c.at, c.reason ?? null, supplementary, moved],
      );
      await history(tx, id, {
        actor: c.actor,
        actorName: c.actorName,
        action: c.to,
        fromStatus: current.status,
        toStatus: c.to,
        reason: c.reason,
        details: moved ? { fromMeetingId: current.meetingId, toMeetingId: meetingId } : supplementary && !current.supplementary ? { supplementary: true } : {},
      });
      return { ok: true, value: toProposal(after[0]!) } as const;
    });
  }

  async history(id: string): Promise<ProposalHistoryEntry[]> {
    if (!isUuid(id)) return [];
    const { rows } = await this.db.query<Row>('SELECT * FROM proposal_history WHERE proposal_id = $1 ORDER BY id', [id]);
    return rows.map((r) => ({
      at: d(r.at),
      actor: str(r.actor),
      actorName: opt(r.actor_name, str),
      action: str(r.action),
      fromStatus: opt(r.from_status, (v) => v as ProposalStatus),
      toStatus: r.to_status as ProposalStatus,
      reason: opt(r.reason, str),
      details: json<Record<string, unknown>>(r.details),
    }));
  }

  async addCard(proposalId: string, copy: CardCopy): Promise<void> {
    await this.db.query(
      `INSERT INTO proposal_cards (proposal_id, conversation_id, activity_id, reference) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT DO NOTHING`,
      [proposalId, copy.conversationId, copy.activityId, JSON.stringify(copy.reference)],
    );
  }

  async cards(proposalId: string): Promise<CardCopy[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM proposal_cards WHERE proposal_id = $1 ORDER BY conversation_id, activity_id', [proposalId]);
    return rows.map((r) => ({ conversationId: str(r.conversation_id), activityId: str(r.activity_id), reference: json<Record<string, unknown>>(r.reference) }));
  }

  async agenda(meetingId: string): Promise<AgendaState> {
    const { rows } = await this.db.query<Row>('SELECT * FROM agendas WHERE meeting_id = $1', [meetingId]);
    return toAgenda(meetingId, rows[0]);
  }

  async arrangeAgenda(meetingId: string, expectedVersion: number, items: readonly Arrangement[], actor: string): Promise<Versioned<AgendaState>> {
    return this.db.transaction(async (tx) => {
      const agenda = await lockAgenda(tx, meetingId);
      if (agenda.version !== expectedVersion) return { ok: false, reason: 'stale' } as const;
      for (const item of items) {
        const { rows } = await tx.query<Row>(
          `UPDATE proposals SET position = $3, agenda_minutes = $4, updated_at = now()
            WHERE id = $1 AND meeting_id = $2 AND status = 'approved'
              AND (position IS DISTINCT FROM $3 OR agenda_minutes IS DISTINCT FROM $4) RETURNING id`,
          [item.proposalId, meetingId, item.position, item.minutes ?? null],
        );
        if (rows[0]) await history(tx, item.proposalId, { actor, actorName: undefined, action: 'arranged', fromStatus: 'approved', toStatus: 'approved', reason: undefined, details: { position: item.position, minutes: item.minutes ?? null } });
      }
      const { rows } = await tx.query<Row>(
        `UPDATE agendas SET status = 'draft', version = version + 1, updated_at = now() WHERE meeting_id = $1 RETURNING *`,
        [meetingId],
      );
      return { ok: true, value: toAgenda(meetingId, rows[0]) } as const;
    });
  }

  async approveAgenda(meetingId: string, expectedVersion: number, actor: string, actorName: string, at: Date): Promise<Versioned<AgendaState>> {
    return this.db.transaction(async (tx) => {
      const agenda = await lockAgenda(tx, meetingId);
      if (agenda.version !== expectedVersion || agenda.status === 'approved') return { ok: false, reason: 'stale' } as const;
      const { rows } = await tx.query<Row>(
        `UPDATE agendas SET status = 'approved', approved_by = $2, approved_name = $3, approved_at = $4,
            approvals = approvals + 1, version = version + 1, updated_at = now()
          WHERE meeting_id = $1 RETURNING *`,
        [meetingId, actor, actorName, at],
      );
      return { ok: true, value: toAgenda(meetingId, rows[0]) } as const;
    });
  }

  async recordDelivery(meetingId: string, x: NoticeDelivery): Promise<void> {
    await this.db.query(
      `INSERT INTO notice_deliveries (meeting_id, recipient, approval, conversation_id, activity_id, delivered_at, failure)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (meeting_id, recipient, approval) DO UPDATE SET conversation_id = EXCLUDED.conversation_id,
         activity_id = EXCLUDED.activity_id, delivered_at = EXCLUDED.delivered_at, failure = EXCLUDED.failure
       WHERE notice_deliveries.delivered_at IS NULL`,
      [meetingId, x.recipient, x.approval, x.conversationId ?? null, x.activityId ?? null, x.deliveredAt ?? null, x.failure ?? null],
    );
  }

  async deliveries(meetingId: string): Promise<NoticeDelivery[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM notice_deliveries WHERE meeting_id = $1 ORDER BY approval, recipient', [meetingId]);
    return rows.map((r) => ({
      recipient: str(r.recipient),
      approval: Number(r.approval),
      conversationId: opt(r.conversation_id, str),
      activityId: opt(r.activity_id, str),
      deliveredAt: opt(r.delivered_at, d),
      failure: opt(r.failure, str),
    }));
  }
}

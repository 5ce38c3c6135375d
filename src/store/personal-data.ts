import type { Database, SqlClient } from './database.ts';

/** A person as the records name them: the roster name, and every id and address Teams gave for them. */
export type DataSubject = { councilId: string; name: string; ids: string[]; addresses: string[] };

export type PersonalDataExport = Record<string, Record<string, unknown>[]>;

export type ErasureCounts = Record<string, number>;

/**
 * Everything the store holds about one person (GDPR art. 15), and its erasure (art. 17) as
 * pseudonymisation: the proposals, decisions and histories stay, as public records, under a
 * pseudonym; chats, reminder settings and planned reminders are removed.
 */
export class PersonalDataStore {
  constructor(private readonly db: Database) {}

  /** The name as the records spell it, for a name typed in any case; undefined when no record has it. */
  async knownName(councilId: string, typed: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ name: string }>(
      `SELECT submitter_name AS name FROM proposals WHERE council_id = $1 AND lower(submitter_name) = lower($2)
       UNION SELECT member_name FROM extra_meeting_requests WHERE council_id = $1 AND lower(member_name) = lower($2)
       UNION SELECT recipient FROM reminder_jobs WHERE council_id = $1 AND lower(recipient) = lower($2)
       LIMIT 1`,
      [councilId, typed],
    );
    return rows[0]?.name;
  }

  /** The ids and addresses the records hold for a roster name, besides those the caller knows. */
  async subject(councilId: string, name: string, known: { ids: string[]; addresses: string[] }): Promise<DataSubject> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT submitter_id AS id FROM proposals WHERE council_id = $1 AND submitter_name = $2
       UNION SELECT submitter_user_id FROM proposals WHERE council_id = $1 AND submitter_name = $2 AND submitter_user_id IS NOT NULL
       UNION SELECT decided_by FROM proposals WHERE council_id = $1 AND decided_by_name = $2
       UNION SELECT h.actor FROM proposal_history h JOIN proposals p ON p.id = h.proposal_id WHERE p.council_id = $1 AND h.actor_name = $2
       UNION SELECT actor FROM extra_meeting_requests WHERE council_id = $1 AND member_name = $2`,
      [councilId, name],
    );
    const addresses = known.addresses.map((a) => a.toLowerCase());
    const chats = addresses.length
      ? await this.db.query<{ user_id: string | null; aad_object_id: string | null }>(
          `SELECT user_id, aad_object_id FROM conversation_refs
           WHERE scope = 'personal' AND (lower(email) = ANY($1::text[]) OR lower(upn) = ANY($1::text[]))`,
          [addresses],
        )
      : { rows: [] };
    const ids = new Set([...known.ids, ...rows.map((r) => r.id), ...chats.rows.flatMap((r) => [r.user_id, r.aad_object_id])].filter((v): v is string => Boolean(v)));
    return { councilId, name, ids: [...ids], addresses };
  }

  async collect(s: DataSubject): Promise<PersonalDataExport> {
    const q = async (sql: string, params: unknown[]) => (await this.db.query<Record<string, unknown>>(sql, params)).rows;
    const ids = s.ids;
    return {
      chats: await q(
        `SELECT conversation_id, scope, tenant_id, user_id, aad_object_id, email, upn, created_at, updated_at FROM conversation_refs
         WHERE user_id = ANY($1::text[]) OR aad_object_id = ANY($1::text[]) OR lower(email) = ANY($2::text[]) OR lower(upn) = ANY($2::text[])
         ORDER BY created_at`,
        [ids, s.addresses],
      ),
      proposals: await q(
        `SELECT * FROM proposals WHERE council_id = $1 AND (submitter_id = ANY($2::text[]) OR submitter_user_id = ANY($2::text[]) OR submitter_name = $3)
         ORDER BY created_at`,
        [s.councilId, ids, s.name],
      ),
      decisions: await q(
        `SELECT id, title, status, decided_at, decision_reason FROM proposals WHERE council_id = $1 AND (decided_by = ANY($2::text[]) OR decided_by_name = $3)
         ORDER BY decided_at`,
        [s.councilId, ids, s.name],
      ),
      proposalHistory: await q(
        `SELECT h.* FROM proposal_history h JOIN proposals p ON p.id = h.proposal_id
         WHERE p.council_id = $1 AND (h.actor = ANY($2::text[]) OR h.actor_name = $3) ORDER BY h.id`,
        [s.councilId, ids, s.name],
      ),
      agendaApprovals: await q(
        `SELECT a.meeting_id, a.approved_at, a.approvals FROM agendas a JOIN meetings m ON m.id = a.meeting_id
         WHERE m.council_id = $1 AND (a.approved_by = ANY($2::text[]) OR a.approved_name = $3)`,
        [s.councilId, ids, s.name],
      ),
      meetingChanges: await q(
        `SELECT h.meeting_id, h.at, h.action, h.reason FROM meeting_history h JOIN meetings m ON m.id = h.meeting_id
         WHERE m.council_id = $1 AND h.actor = ANY($2::text[]) ORDER BY h.id`,
        [s.councilId, ids],
      ),
      noticeDeliveries: await q(
        `SELECT d.meeting_id, d.approval, d.delivered_at, d.failure FROM notice_deliveries d JOIN meetings m ON m.id = d.meeting_id
         WHERE m.council_id = $1 AND d.recipient = $2 ORDER BY d.delivered_at`,
        [s.councilId, s.name],
      ),
      reminders: await q(
        `SELECT meeting_id, kind, step, due_at, status, sent_at FROM reminder_jobs WHERE council_id = $1 AND recipient = $2 ORDER BY due_at`,
        [s.councilId, s.name],
      ),
      reminderSettings: await q(`SELECT kind, muted_at FROM reminder_mutes WHERE council_id = $1 AND person = $2`, [s.councilId, s.name]),
      extraMeetingRequests: await q(
        `SELECT reason, created_at, closed_at FROM extra_meeting_requests WHERE council_id = $1 AND (member_name = $2 OR actor = ANY($3::text[])) ORDER BY id`,
        [s.councilId, s.name, ids],
      ),
      auditLog: await q(`SELECT at, action, council_id, subject, details FROM audit_log WHERE actor = ANY($1::text[]) ORDER BY id`, [ids]),
    };
  }

  /** Replaces the person by `pseudonym` everywhere, in one transaction; returns how many rows changed where. */
  async erase(s: DataSubject, pseudonym: { name: string; id: string }): Promise<ErasureCounts> {
    return this.db.transaction(async (tx: SqlClient) => {
      await tx.query(`SELECT set_config('council_bot.erasure', 'on', true)`);
      const counts: ErasureCounts = {};
      const run = async (key: string, sql: string, params: unknown[]) => {
        const { rows } = await tx.query<{ n: number }>(`WITH changed AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM changed`, params);
        counts[key] = (counts[key] ?? 0) + (rows[0]?.n ?? 0);
      };
      const [ids, name, council] = [s.ids, s.name, s.councilId];
      await run(
        'proposals',
        `UPDATE proposals SET submitter_name = $3, submitter_id = $4, submitter_user_id = NULL
         WHERE council_id = $1 AND (submitter_id = ANY($2::text[]) OR submitter_user_id = ANY($2::text[]) OR submitter_name = $5)`,
        [council, ids, pseudonym.name, pseudonym.id, name],
      );
      await run('proposals', `UPDATE proposals SET presenter = $3 WHERE council_id = $1 AND presenter = $2`, [council, name, pseudonym.name]);
      await run(
        'decisions',
        `UPDATE proposals SET decided_by = $4, decided_by_name = $3 WHERE council_id = $1 AND (decided_by = ANY($2::text[]) OR decided_by_name = $5)`,
        [council, ids, pseudonym.name, pseudonym.id, name],
      );
      await run(
        'proposalHistory',
        `UPDATE proposal_history h SET actor = $4, actor_name = $3 FROM proposals p
         WHERE p.id = h.proposal_id AND p.council_id = $1 AND (h.actor = ANY($2::text[]) OR h.actor_name = $5)`,
        [council, ids, pseudonym.name, pseudonym.id, name],
      );
      await run(
        'agendaApprovals',
        `UPDATE agendas a SET approved_by = $4, approved_name = $3 FROM meetings m
         WHERE m.id = a.meeting_id AND m.council_id = $1 AND (a.approved_by = ANY($2::text[]) OR a.approved_name = $5)`,
        [council, ids, pseudonym.name, pseudonym.id, name],
      );
      await run(
        'meetingChanges',
        `UPDATE meeting_history h SET actor = $3 FROM meetings m WHERE m.id = h.meeting_id AND m.council_id = $1 AND h.actor = ANY($2::text[])`,
        [council, ids, pseudonym.id],
      );
      await run(
        'noticeDeliveries',
        `UPDATE notice_deliveries d SET recipient = $3 FROM meetings m WHERE m.id = d.meeting_id AND m.council_id = $1 AND d.recipient = $2`,
        [council, name, pseudonym.name],
      );
      await run('reminders', `DELETE FROM reminder_jobs WHERE council_id = $1 AND recipient = $2 AND status = 'pending'`, [council, name]);
      await run('reminders', `UPDATE reminder_jobs SET recipient = $3 WHERE council_id = $1 AND recipient = $2`, [council, name, pseudonym.name]);
      await run('reminderSettings', `DELETE FROM reminder_mutes WHERE council_id = $1 AND person = $2`, [council, name]);
      await run(
        'extraMeetingRequests',
        `UPDATE extra_meeting_requests SET member_name = $3, member_key = $4, actor = $4 WHERE council_id = $1 AND (member_name = $5 OR actor = ANY($2::text[]))`,
        [council, ids, pseudonym.name, pseudonym.id, name],
      );
      const theirChats = `SELECT conversation_id FROM conversation_refs WHERE scope = 'personal' AND (user_id = ANY($1::text[]) OR aad_object_id = ANY($1::text[]) OR lower(email) = ANY($2::text[]) OR lower(upn) = ANY($2::text[]))`;
      await run('chats', `DELETE FROM proposal_cards WHERE conversation_id IN (${theirChats})`, [ids, s.addresses]);
      await run(
        'chats',
        `DELETE FROM conversation_refs WHERE scope = 'personal' AND (user_id = ANY($1::text[]) OR aad_object_id = ANY($1::text[]) OR lower(email) = ANY($2::text[]) OR lower(upn) = ANY($2::text[]))`,
        [ids, s.addresses],
      );
      await run('auditLog', `UPDATE audit_log SET actor = $2 WHERE actor = ANY($1::text[])`, [ids, pseudonym.id]);
      return counts;
    });
  }
}

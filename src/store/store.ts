import type { ConversationReference } from 'botbuilder';
import { PersonalDataStore } from './personal-data.ts';
import type { Database } from './database.ts';
import { SqlMeetingStore, type MeetingStore } from './meetings.ts';
import { migrate } from './migrate.ts';
import { SqlProposalStore, type ProposalStore } from './proposals.ts';
import { SqlReminderStore, type ReminderStore } from './reminders.ts';
import { openPglite } from './pglite.ts';
import { openPostgres, type PostgresOptions } from './postgres.ts';
import { fromJson as json } from './values.ts';

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export type StoredConversation = {
  conversationId: string;
  scope: ConversationScope;
  tenantId: string | undefined;
  teamId: string | undefined;
  userId: string | undefined;
  aadObjectId: string | undefined;
  serviceUrl: string;
  reference: Partial<ConversationReference>;
  updatedAt: Date;
  /** Known once the member look-up has answered (personal chats). */
  email?: string | undefined;
};

export type PersonKeys = { aadObjectId?: string | undefined; userId?: string | undefined; email?: string | undefined; upn?: string | undefined };

export type ConversationBinding = { conversationKey: string; councilId: string; boundBy: string; boundAt: Date };

export type AuditEntry = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  councilId: string | undefined;
  subject: string | undefined;
  details: Record<string, unknown>;
};

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Everything the bot keeps. One implementation, two engines (PGlite and PostgreSQL). */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  readonly meetings: MeetingStore;
  readonly proposals: ProposalStore;
  readonly reminders: ReminderStore;
  readonly personalData: PersonalDataStore;
  ping(): Promise<void>;
  saveConversation(c: Omit<StoredConversation, 'updatedAt'>): Promise<void>;
  getConversation(conversationId: string): Promise<StoredConversation | undefined>;
  /** The personal chat of a user, found by Entra object id, Teams user id, e-mail or UPN. */
  findPersonalConversation(user: PersonKeys): Promise<StoredConversation | undefined>;
  /** The same for many people in one round trip, in the order asked. */
  findPersonalConversations(users: readonly PersonKeys[]): Promise<(StoredConversation | undefined)[]>;
  /** Remembers the e-mail and UPN of a personal chat's user (from the member look-up). */
  saveIdentity(conversationId: string, who: { email?: string | undefined; userPrincipalName?: string | undefined }): Promise<void>;
  listConversations(filter?: { teamId?: string; scope?: ConversationScope }): Promise<StoredConversation[]>;
  /** Binds a conversation to a council and writes the audit entry in the same transaction. */
  bindConversation(binding: Omit<ConversationBinding, 'boundAt'>): Promise<void>;
  getBinding(conversationKey: string): Promise<ConversationBinding | undefined>;
  listBindings(councilId: string): Promise<ConversationBinding[]>;
  appendAudit(entry: NewAuditEntry): Promise<void>;
  listAudit(filter?: { councilId?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
  /** The secret stored under `name`; the first caller's `make()` wins when several race. */
  secret(name: string, make: () => string): Promise<string>;
  close(): Promise<void>;
}

type ConversationRow = {
  conversation_id: string;
  scope: ConversationScope;
  tenant_id: string | null;
  team_id: string | null;
  user_id: string | null;
  aad_object_id: string | null;
  service_url: string;
  reference: Partial<ConversationReference> | string;
  updated_at: Date;
  email?: string | null;
};

type AuditRow = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  council_id: string | null;
  subject: string | null;
  details: Record<string, unknown> | string;
};


function toConversation(r: ConversationRow): StoredConversation {
  return {
    conversationId: r.conversation_id,
    scope: r.scope,
    tenantId: r.tenant_id ?? undefined,
    teamId: r.team_id ?? undefined,
    userId: r.user_id ?? undefined,
    aadObjectId: r.aad_object_id ?? undefined,
    serviceUrl: r.service_url,
    reference: json(r.reference),
    updatedAt: r.updated_at,
    email: r.email ?? undefined,
  };
}

const AUDIT_INSERT =
  'INSERT INTO audit_log (actor, action, council_id, subject, details) VALUES ($1, $2, $3, $4, $5::jsonb)';
const auditParams = (e: NewAuditEntry) => [e.actor, e.action, e.councilId ?? null, e.subject ?? null, JSON.stringify(e.details)];

export class SqlStore implements Store {
  readonly meetings: MeetingStore;
  readonly proposals: ProposalStore;
  readonly reminders: ReminderStore;
  readonly personalData: PersonalDataStore;

  constructor(private readonly db: Database) {
    this.meetings = new SqlMeetingStore(db);
    this.proposals = new SqlProposalStore(db);
    this.reminders = new SqlReminderStore(db);
    this.personalData = new PersonalDataStore(db);
  }

  get kind() {
    return this.db.kind;
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async secret(name: string, make: () => string): Promise<string> {
    await this.db.query('INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, make()]);
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [name]);
    return rows[0]!.value;
  }

  async saveConversation(c: Omit<StoredConversation, 'updatedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO conversation_refs
         (conversation_id, scope, tenant_id, team_id, user_id, aad_object_id, service_url, reference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (conversation_id) DO UPDATE SET
         scope = EXCLUDED.scope,
         tenant_id = COALESCE(EXCLUDED.tenant_id, conversation_refs.tenant_id),
         team_id = COALESCE(EXCLUDED.team_id, conversation_refs.team_id),
         user_id = COALESCE(EXCLUDED.user_id, conversation_refs.user_id),
         aad_object_id = COALESCE(EXCLUDED.aad_object_id, conversation_refs.aad_object_id),
         service_url = EXCLUDED.service_url,
         reference = EXCLUDED.reference,
         updated_at = now()`,
      [
        c.conversationId,
        c.scope,
        c.tenantId ?? null,
        c.teamId ?? null,
        c.userId ?? null,
        c.aadObjectId ?? null,
        c.serviceUrl,
        JSON.stringify(c.reference),
      ],
    );
  }

  async getConversation(conversationId: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.db.query<ConversationRow>('SELECT * FROM conversation_refs WHERE conversation_id = $1', [
      conversationId,
    ]);
    return rows[0] && toConversation(rows[0]);
  }

  async findPersonalConversation(user: PersonKeys): Promise<StoredConversation | undefined> {
    return (await this.findPersonalConversations([user]))[0];
  }

  async findPersonalConversations(users: readonly PersonKeys[]): Promise<(StoredConversation | undefined)[]> {
    const found: (StoredConversation | undefined)[] = users.map(() => undefined);
    const asked = users.map((u, i) => ({ u, i })).filter(({ u }) => u.aadObjectId || u.userId || u.email || u.upn);
    if (asked.length === 0) return found;
    const column = (pick: (u: PersonKeys) => string | undefined) => asked.map(({ u }) => pick(u) ?? null);
    // One indexed look-up per key and person (an OR of them all would scan the table), then the
    // chats by primary key: ARRAY(...) keeps the planner from joining the whole table instead.
    // E-mail and UPN are compared crosswise because many tenants use the address as UPN.
    const { rows } = await this.db.query<ConversationRow & { i: number }>(
      `SELECT k.i::int AS i, c.* FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) AS k(i, aad, uid, email, upn)
        CROSS JOIN LATERAL (
          SELECT * FROM conversation_refs WHERE scope = 'personal' AND conversation_id = ANY(ARRAY(
              SELECT conversation_id FROM conversation_refs WHERE aad_object_id = k.aad
              UNION ALL SELECT conversation_id FROM conversation_refs WHERE user_id = k.uid
              UNION ALL SELECT conversation_id FROM conversation_refs WHERE lower(email) = lower(k.email) OR lower(email) = lower(k.upn)
              UNION ALL SELECT conversation_id FROM conversation_refs WHERE lower(upn) = lower(k.upn) OR lower(upn) = lower(k.email)))
            ORDER BY updated_at DESC LIMIT 1) c`,
      [asked.map(({ i }) => i), column((u) => u.aadObjectId), column((u) => u.userId), column((u) => u.email), column((u) => u.upn)],
    );
    for (const r of rows) found[Number(r.i)] = toConversation(r);
    return found;
  }

  async saveIdentity(conversationId: string, who: { email?: string | undefined; userPrincipalName?: string | undefined }): Promise<void> {
    await this.db.query(
      `UPDATE conversation_refs SET email = COALESCE($2, email), upn = COALESCE($3, upn) WHERE conversation_id = $1 AND scope = 'personal'`,
      [conversationId, who.email ?? null, who.userPrincipalName ?? null],
    );
  }

  async listConversations(filter: { teamId?: string; scope?: ConversationScope } = {}): Promise<StoredConversation[]> {
    const { rows } = await this.db.query<ConversationRow>(
      `SELECT * FROM conversation_refs
        WHERE ($1::text IS NULL OR team_id = $1) AND ($2::text IS NULL OR scope = $2)
        ORDER BY conversation_id`,
      [filter.teamId ?? null, filter.scope ?? null],
    );
    return rows.map(toConversation);
  }

  async bindConversation(b: Omit<ConversationBinding, 'boundAt'>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const previous = await tx.query<{ council_id: string }>(
        'SELECT council_id FROM conversation_bindings WHERE conversation_key = $1 FOR UPDATE',
        [b.conversationKey],
      );
      await tx.query(
        `INSERT INTO conversation_bindings (conversation_key, council_id, bound_by) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_key) DO UPDATE SET council_id = EXCLUDED.council_id,
           bound_by = EXCLUDED.bound_by, bound_at = now()`,
        [b.conversationKey, b.councilId, b.boundBy],
      );
      await tx.query(
        AUDIT_INSERT,
        auditParams({
          actor: b.boundBy,
          action: 'conversation.bound',
          councilId: b.councilId,
          subject: b.conversationKey,
          details: { previousCouncilId: previous.rows[0]?.council_id ?? null },
        }),
      );
    });
  }

  async getBinding(conversationKey: string): Promise<ConversationBinding | undefined> {
    const { rows } = await this.db.query<{ conversation_key: string; council_id: string; bound_by: string; bound_at: Date }>(
      'SELECT * FROM conversation_bindings WHERE conversation_key = $1',
      [conversationKey],
    );
    const r = rows[0];
    return r && { conversationKey: r.conversation_key, councilId: r.council_id, boundBy: r.bound_by, boundAt: r.bound_at };
  }

  async listBindings(councilId: string): Promise<ConversationBinding[]> {
    const { rows } = await this.db.query<{ conversation_key: string; council_id: string; bound_by: string; bound_at: Date }>(
      'SELECT * FROM conversation_bindings WHERE council_id = $1 ORDER BY conversation_key',
      [councilId],
    );
    return rows.map((r) => ({ conversationKey: r.conversation_key, councilId: r.council_id, boundBy: r.bound_by, boundAt: r.bound_at }));
  }

  async appendAudit(entry: NewAuditEntry): Promise<void> {
    await this.db.query(AUDIT_INSERT, auditParams(entry));
  }

  async listAudit(filter: { councilId?: string; action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<AuditRow>(
      `SELECT id::text AS id, at, actor, action, council_id, subject, details FROM audit_log
        WHERE ($1::text IS NULL OR council_id = $1) AND ($2::text IS NULL OR action = $2)
        ORDER BY id LIMIT $3`,
      [filter.councilId ?? null, filter.action ?? null, filter.limit ?? 1000],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      councilId: r.council_id ?? undefined,
      subject: r.subject ?? undefined,
      details: json(r.details),
    }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export type StoreOptions =
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; postgres?: PostgresOptions };

/** Opens the configured engine and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const db =
    options.kind === 'pglite'
      ? await openPglite(options.dataDir, options.loadDataDir)
      : await openPostgres(options.url, options.postgres);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return new SqlStore(db);
}

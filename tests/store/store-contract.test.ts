import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, shippedMigrations } from '../../src/store/migrate.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { engines, freshPostgresSchema, TEST_DATABASE_URL } from '../helpers/stores.ts';

const reference = (conversationId: string) => ({
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  bot: { id: '28:bot', name: 'council-bot' },
});

describe.each(engines())('store contract on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ store, dispose } = await engine.open());
  });
  afterEach(async () => {
    await dispose();
  });

  it('reports its kind and answers a ping', async () => {
    expect(store.kind).toBe(engine.name);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('keeps one reference per conversation, updated in place, without forgetting known ids', async () => {
    const base = {
      conversationId: 'a:personal-1',
      scope: 'personal' as const,
      tenantId: 'tenant-1',
      teamId: undefined,
      userId: '29:user-1',
      aadObjectId: 'aad-1',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      reference: reference('a:personal-1'),
    };
    await store.saveConversation(base);
    await store.saveConversation({ ...base, aadObjectId: undefined, serviceUrl: 'https://smba.trafficmanager.net/amer/' });
    const saved = await store.getConversation('a:personal-1');
    expect(saved).toMatchObject({ aadObjectId: 'aad-1', serviceUrl: 'https://smba.trafficmanager.net/amer/', scope: 'personal' });
    expect(saved?.reference).toEqual(reference('a:personal-1'));
    expect(await store.listConversations()).toHaveLength(1);
    expect((await store.findPersonalConversation({ aadObjectId: 'aad-1' }))?.conversationId).toBe('a:personal-1');
    expect((await store.findPersonalConversation({ userId: '29:user-1' }))?.conversationId).toBe('a:personal-1');
    expect(await store.findPersonalConversation({ aadObjectId: 'someone-else' })).toBeUndefined();
  });

  it('finds many people\u2019s personal chats in one call, in the order asked, by any of their keys', async () => {
    for (const n of [1, 2]) {
      const id = `a:personal-${n}`;
      await store.saveConversation({ conversationId: id, scope: 'personal', tenantId: 't', teamId: undefined, userId: `29:user-${n}`, aadObjectId: `aad-${n}`, serviceUrl: 'https://smba.example/', reference: reference(id) });
    }
    await store.saveIdentity('a:personal-2', { email: 'Two@Example.org', userPrincipalName: 'two.upn@example.org' });
    const found = await store.findPersonalConversations([
      { email: 'two@example.org' },
      { aadObjectId: 'nobody' },
      {},
      { upn: 'TWO.UPN@example.org' },
      { userId: '29:user-1' },
    ]);
    expect(found.map((c) => c?.conversationId)).toEqual(['a:personal-2', undefined, undefined, 'a:personal-2', 'a:personal-1']);
    expect(await store.findPersonalConversations([])).toEqual([]);
  });

  it('lists the channels of a team', async () => {
    for (const [id, team] of [
      ['19:general@thread.tacv2', 'team-a'],
      ['19:planning@thread.tacv2', 'team-a'],
      ['19:other@thread.tacv2', 'team-b'],
    ] as const) {
      await store.saveConversation({
        conversationId: id,
        scope: 'channel',
        tenantId: 't',
        teamId: team,
        userId: undefined,
        aadObjectId: undefined,
        serviceUrl: 'https://example.org/',
        reference: reference(id),
      });
    }
    const channels = await store.listConversations({ teamId: 'team-a', scope: 'channel' });
    expect(channels.map((c) => c.conversationId)).toEqual(['19:general@thread.tacv2', '19:planning@thread.tacv2']);
  });

  it('binds a team to a council and records each binding in the audit log', async () => {
    expect(await store.getBinding('team-a')).toBeUndefined();
    await store.bindConversation({ conversationKey: 'team-a', councilId: 'lund', boundBy: 'aad-secretary' });
    await store.bindConversation({ conversationKey: 'team-a', councilId: 'hoje-taastrup', boundBy: 'aad-secretary' });
    expect(await store.getBinding('team-a')).toMatchObject({ councilId: 'hoje-taastrup', boundBy: 'aad-secretary' });
    const audit = await store.listAudit({ action: 'conversation.bound' });
    expect(audit.map((a) => [a.councilId, a.details.previousCouncilId])).toEqual([
      ['lund', null],
      ['hoje-taastrup', 'lund'],
    ]);
  });

  it('keeps the audit log append-only: rows cannot be changed or removed', async () => {
    await store.appendAudit({ actor: 'aad-1', action: 'test.entry', councilId: 'lund', subject: 's', details: { n: 1 } });
    const db = (store as unknown as { db: { query(sql: string): Promise<unknown> } }).db;
    await expect(db.query("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const [entry] = await store.listAudit({ councilId: 'lund' });
    expect(entry).toMatchObject({ actor: 'aad-1', action: 'test.entry', subject: 's', details: { n: 1 } });
    expect(entry?.at).toBeInstanceOf(Date);
  });

  it('lets an erasure change only who did it, and nothing else, even in erasure mode', async () => {
    await store.appendAudit({ actor: 'aad-erase', action: 'test.erasure', councilId: 'lund', subject: 's', details: {} });
    const db = (store as unknown as { db: { transaction<T>(fn: (tx: { query(sql: string): Promise<unknown> }) => Promise<T>): Promise<T> } }).db;
    await expect(
      db.transaction(async (tx) => {
        await tx.query("SELECT set_config('council_bot.erasure', 'on', true)");
        await tx.query("UPDATE audit_log SET action = 'rewritten' WHERE actor = 'aad-erase'");
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.transaction(async (tx) => {
        await tx.query("SELECT set_config('council_bot.erasure', 'on', true)");
        await tx.query("DELETE FROM audit_log WHERE actor = 'aad-erase'");
      }),
    ).rejects.toThrow(/append-only/);
    await db.transaction(async (tx) => {
      await tx.query("SELECT set_config('council_bot.erasure', 'on', true)");
      await tx.query("UPDATE audit_log SET actor = 'pseudonym:1' WHERE actor = 'aad-erase'");
    });
    expect((await store.listAudit({ action: 'test.erasure' })).map((a) => a.actor)).toEqual(['pseudonym:1']);
  });

  it('stores text with quotes, newlines and other scripts exactly', async () => {
    const details = { text: "O'Brien; DROP TABLE audit_log; --\n\u0639\u0631\u0628\u064a \ud83d\ude00 ${x}" };
    await store.appendAudit({ actor: 'a', action: 'test.text', councilId: undefined, subject: undefined, details });
    expect((await store.listAudit({ action: 'test.text' }))[0]?.details).toEqual(details);
  });
});

describe('migrations', () => {
  it('are numbered SQL files applied once', async () => {
    expect(shippedMigrations().map((m) => m.version)[0]).toBe('001_foundation');
  });

  it.runIf(TEST_DATABASE_URL)('are safe when two instances start at the same moment (PostgreSQL)', async () => {
    const { schema, drop } = await freshPostgresSchema();
    try {
      const url = TEST_DATABASE_URL!;
      const [a, b] = await Promise.all([
        openPostgres(url, { schema, maxConnections: 2 }),
        openPostgres(url, { schema, maxConnections: 2 }),
      ]);
      const applied = await Promise.all([migrate(a), migrate(b)]);
      expect(applied.flat().sort()).toEqual(shippedMigrations().map((m) => m.version));
      expect(await migrate(a)).toEqual([]);
      const { rows } = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe(shippedMigrations().length);
      await Promise.all([a.close(), b.close()]);
      // A store opened afterwards finds the schema ready.
      const store = await openStore({ kind: 'postgres', url, postgres: { schema } });
      await store.ping();
      await store.close();
    } finally {
      await drop();
    }
  });
});

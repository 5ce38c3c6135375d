import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.ts';
import { message, user } from '../helpers/activities.ts';
import { startConnector } from '../helpers/connector.ts';
import { freePort, startProcess, waitHealthy } from '../../src/dev/process.ts';
import { freshPostgresSchema, TEST_DATABASE_URL } from '../helpers/stores.ts';

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

describe('starting the bot as `npm start` does', () => {
  it('exits with code 2 and names each bad variable', async () => {
    const p = startProcess({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('council-bot: env: PORT: must be a port number (0-65535)');
    expect(p.stderr()).toContain('council-bot: env: LOG_LEVEL: must be one of');
  });

  it('exits with code 2 and names the file, path and problem of a broken council', async () => {
    const dir = tmp('councils-');
    mkdirSync(path.join(dir, 'broken'));
    writeFileSync(path.join(dir, 'broken', 'council.yaml'), 'id: broken\nnames: { en: Broken }\nlanguages: [fi]\n');
    const p = startProcess({ COUNCILS_DIR: dir, PORT: String(await freePort()) });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toMatch(/broken[/\\]council\.yaml: languages\.0: /);
    expect(p.stderr()).toMatch(/broken[/\\]council\.yaml: timeZone: /);
  });

  it('refuses to start in production without an app id, unless local mode is allowed on purpose', async () => {
    const p = startProcess({ NODE_ENV: 'production', PORT: String(await freePort()) });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('council-bot: env: MicrosoftAppId: is required when NODE_ENV=production');
  });

  it('exits with code 2 for a default council that does not exist', async () => {
    const p = startProcess({ COUNCIL: 'atlantis', PORT: String(await freePort()) });
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('env: COUNCIL: there is no council "atlantis"; known councils: hoje-taastrup, lund');
  });

  it('exits with code 1 when PostgreSQL cannot be reached', async () => {
    const p = startProcess({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: String(await freePort()) });
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toMatch(/store: cannot open the postgres store at DATABASE_URL: .*ECONNREFUSED/);
  });

  it(
    'serves on the embedded store, replies at the serviceUrl, shuts down on SIGTERM and keeps what it stored',
    async () => {
      const dataDir = tmp('council-bot-data-');
      const port = await freePort();
      const connector = await startConnector();
      try {
        const p = startProcess({ PORT: String(port), DATA_DIR: dataDir });
        await waitHealthy(port, p);
        const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
        expect(health).toEqual({ status: 'ok', store: 'pglite', councils: ['hoje-taastrup', 'lund'] });
        expect(p.stdout()).toContain('LOCAL MODE');

        const bea = user('Bea Berg');
        const activity = message('hjälp', { serviceUrl: connector.url, from: bea });
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        expect(res.status).toBe(200);
        expect(connector.sentTo(activity.conversation.id)).toHaveLength(1);

        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
        expect(p.stdout()).toContain('shutting down');

        const store = await openStore({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
        try {
          expect((await store.findPersonalConversation({ aadObjectId: bea.aadObjectId }))?.conversationId).toBe(
            activity.conversation.id,
          );
        } finally {
          await store.close();
        }
      } finally {
        await connector.close();
      }
    },
    90_000,
  );

  it.runIf(TEST_DATABASE_URL)('serves on PostgreSQL when DATABASE_URL is set', async () => {
    const { schema, drop } = await freshPostgresSchema();
    try {
      const port = await freePort();
      const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL!.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
      const p = startProcess({ PORT: String(port), DATABASE_URL: url, COUNCIL: 'hoje-taastrup' });
      await waitHealthy(port, p);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ store: 'postgres' });
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      await drop();
    }
  });
});

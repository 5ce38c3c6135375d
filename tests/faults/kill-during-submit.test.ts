import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startProcess, waitHealthy, type Started } from '../../src/dev/process.ts';
import { cardAction, message, user } from '../helpers/activities.ts';
import { adaptiveCardOf } from '../helpers/cards.ts';
import { startConnector, type Connector } from '../helpers/connector.ts';
import { councilCopy } from '../helpers/council-copy.ts';
import { TEST_DATABASE_URL } from '../helpers/stores.ts';

const COUNCIL = 'lund-kill';
const ROUNDS = 6;

/**
 * The bot process is killed with SIGKILL while a member submits proposals. After each restart every
 * submission is either stored whole (with its history) or was not confirmed to the member: nothing is
 * confirmed and missing, nothing half-stored.
 */
describe.skipIf(!TEST_DATABASE_URL)('SIGKILL while a proposal is being submitted', () => {
  const database = `kill_${process.pid}_${Date.now()}`;
  let url: string;
  let connector: Connector;
  let councils: string;
  const member = user('Mira Melander');
  const admin = () => new pg.Client({ connectionString: TEST_DATABASE_URL });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${database}`);
    await c.end();
    const u = new URL(TEST_DATABASE_URL!);
    u.pathname = `/${database}`;
    url = u.toString();
    connector = await startConnector();
    connector.addMember({ id: member.id, name: member.name, aadObjectId: member.aadObjectId, email: 'mira@example.org' });
    councils = councilCopy('lund', COUNCIL, { 'Mira Melander': 'mira@example.org' });
  });
  afterAll(async () => {
    await connector?.close();
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await c.end();
  });

  async function start(): Promise<{ bot: Started; port: number }> {
    const port = await freePort();
    const bot = startProcess({ PORT: String(port), DATABASE_URL: url, COUNCIL, COUNCILS_DIR: councils, REMINDER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' });
    await waitHealthy(port, bot, 60_000);
    return { bot, port };
  }
  const post = (port: number, activity: object) =>
    fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  it('leaves every confirmed proposal stored, and none half-stored', async () => {
    const confirmed: string[] = [];
    const attempted: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const { bot, port } = await start();
      await post(port, message('föreslå punkt', { serviceUrl: connector.url, from: member, locale: 'sv-SE' }));
      const form = adaptiveCardOf(connector.sentTo(`a:personal-${member.id}`).at(-1)!)!;
      const meetingId = ((form.body as Record<string, unknown>[]).find((b) => b.id === 'meetingId') as { value: string }).value;
      // A burst of submissions, and a kill at a different moment in each round.
      const sends = Array.from({ length: 5 }, (_, i) => {
        const title = `Runda ${round} förslag ${i}`;
        attempted.push(title);
        return post(port, cardAction('proposal.submit', { title, kind: 'discussion', meetingId }, { serviceUrl: connector.url, from: member, locale: 'sv-SE' }))
          .then(async (res) => {
            const body = JSON.stringify(await res.json());
            if (body.includes('Ditt förslag är sparat')) confirmed.push(title);
          })
          .catch(() => undefined);
      });
      await new Promise((r) => setTimeout(r, [10, 60, 150, 300, 600, 1200][round % 6]));
      bot.child.kill('SIGKILL');
      await Promise.all(sends);
      await bot.exited;
    }
    // After a last restart: the store agrees with what members were told.
    const { bot } = await start();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ title: string; history: number }>(
      `SELECT p.title, count(h.id)::int AS history FROM proposals p LEFT JOIN proposal_history h ON h.proposal_id = p.id WHERE p.council_id = $1 GROUP BY p.title`,
      [COUNCIL],
    );
    await c.end();
    bot.child.kill('SIGTERM');
    await bot.exited;
    const stored = new Set(rows.map((r) => r.title));
    for (const title of confirmed) expect(stored.has(title), title).toBe(true);
    for (const r of rows) expect(r.history, r.title).toBe(1);
    for (const title of stored) expect(attempted).toContain(title);
    process.stdout.write(`kill: ${attempted.length} submitted, ${rows.length} stored, ${confirmed.length} confirmed\n`);
    expect(confirmed.length).toBeGreaterThan(0);
    expect(confirmed.length).toBeLessThan(attempted.length);
  }, 300_000);
});

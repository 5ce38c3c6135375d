/**
 * Reminder throughput: BENCH_COUNCILS councils (default 1,000) × 4 meetings × 30 members = 120,000
 * "meeting tomorrow" reminders, planned into PostgreSQL and dispatched by two scheduler instances —
 * two processes, as two bot instances would be — to a local stand-in for the Bot Connector, with
 * Teams' rate limits lifted. Prints planning time, reminders per second and duplicates.
 *
 *   npm run bench:reminders        (PostgreSQL from BENCH_DATABASE_URL, TEST_DATABASE_URL or 127.0.0.1:5432/test)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { councilSchema, type Council } from '../src/councils/schema.ts';
import { zonedInstant } from '../src/domain/civil-date.ts';
import { RateLimiter, type PlannedReminder } from '../src/domain/reminders.ts';
import { createAdapter } from '../src/http/adapter.ts';
import { MeetingService } from '../src/meetings/service.ts';
import { ProposalService } from '../src/proposals/service.ts';
import { adapterDeliver } from '../src/scheduler/deliver.ts';
import { ReminderDispatcher } from '../src/scheduler/dispatcher.ts';
import { openStore } from '../src/store/store.ts';

const COUNCILS = Number(process.env.BENCH_COUNCILS ?? 1000);
const MEETINGS = 4;
const MEMBERS = 30;
const NOW = new Date('2027-03-01T12:00:00Z');
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function councils(): Map<string, Council> {
  const map = new Map<string, Council>();
  for (let c = 0; c < COUNCILS; c++) {
    map.set(
      `c${c}`,
      councilSchema.parse({
        id: `c${c}`,
        names: { en: `Council ${c}` },
        municipality: 'Benchby',
        languages: ['en'],
        timeZone: 'Europe/Stockholm',
        notice: { daysBefore: 14, shiftToPreviousWorkingDay: true, holidayCountry: 'SE' },
        meetings: { minPerYear: 4, defaultDurationMinutes: 120, defaultPlace: 'Town hall' },
        secretary: { title: { en: 'Clerk' }, email: `clerk@c${c}.example` },
        roster: Array.from({ length: MEMBERS }, (_, m) => ({ name: `Member ${m}`, role: 'member', email: `m${m}@c${c}.example` })),
        sources: [{ id: 'rules', title: 'Rules' }],
      }),
    );
  }
  return map;
}

/** One scheduler instance: claims and sends until nothing is left, then reports on stdout. */
async function worker(schema: string, owner: string): Promise<void> {
  const log = pino({ level: 'silent' });
  const store = await openStore({ kind: 'postgres', url, postgres: { schema, maxConnections: 16 } });
  const meetings = new MeetingService(store.meetings);
  const dispatcher = new ReminderDispatcher({
    store,
    councils: councils(),
    meetings,
    proposals: new ProposalService(store.proposals, meetings),
    deliver: adapterDeliver(createAdapter(loadConfig({}), log), '', () => NOW),
    clock: () => NOW,
    owner,
    log,
    limiter: new RateLimiter({ perConversation: Infinity, perApp: Infinity }),
    batchSize: 200,
    concurrency: 16,
  });
  let sent = 0;
  for (;;) {
    const r = await dispatcher.tick();
    sent += r.sent;
    if (Object.values(r).every((n) => n === 0)) break;
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ owner, sent })}\n`);
}

async function main(): Promise<void> {
  const seen = new Map<string, number>();
  let deliveries = 0;
  // A connector stand-in that only counts, per conversation and text, so a duplicate shows.
  const connector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const conversation = decodeURIComponent(req.url?.split('/')[3] ?? '');
      const text = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: string }).text ?? '';
      const key = `${conversation}|${text}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      deliveries++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"a${deliveries}"}`);
    });
  });
  await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;

  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = await openStore({ kind: 'postgres', url, postgres: { schema, maxConnections: 4 } });
  try {
    const t0 = performance.now();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`SET search_path TO ${schema}`);
    await db.query(
      `INSERT INTO meetings (council_id, starts_at, ends_at, place, created_by)
       SELECT 'c' || c, $1::timestamptz + (m || ' days')::interval, $1::timestamptz + (m || ' days')::interval + interval '2 hours', 'Town hall', 'bench'
         FROM generate_series(0, $2 - 1) c, generate_series(0, $3 - 1) m`,
      [zonedInstant('2027-03-02', '18:00', 'Europe/Stockholm'), COUNCILS, MEETINGS],
    );
    await db.query(
      `INSERT INTO conversation_refs (conversation_id, scope, user_id, service_url, reference, email)
       SELECT 'a:c' || c || '-m' || m, 'personal', '29:c' || c || '-m' || m, $1,
              jsonb_build_object('conversation', jsonb_build_object('id', 'a:c' || c || '-m' || m, 'conversationType', 'personal'),
                                 'serviceUrl', $1::text, 'channelId', 'msteams', 'bot', jsonb_build_object('id', '28:bot')),
              'm' || m || '@c' || c || '.example'
         FROM generate_series(0, $2 - 1) c, generate_series(0, $3 - 1) m`,
      [serviceUrl, COUNCILS, MEMBERS],
    );
    const { rows: meetings } = await db.query<{ id: string; council_id: string; starts_at: Date }>('SELECT id::text, council_id, starts_at FROM meetings');
    await db.end();
    const seeded = performance.now() - t0;

    // Plan through the store, as the bot does: one idempotent plan per meeting.
    const t1 = performance.now();
    for (const m of meetings) {
      const plan: PlannedReminder[] = Array.from({ length: MEMBERS }, (_, i) => ({
        key: `${m.id}|meeting-tomorrow|1|Member ${i}`,
        kind: 'meeting-tomorrow',
        step: 1,
        recipient: `Member ${i}`,
        dueAt: new Date(NOW.getTime() - 60_000),
        expiresAt: new Date(m.starts_at.getTime() + 7 * 86_400_000),
      }));
      await store.reminders.plan(m.council_id, m.id, plan);
    }
    const planned = performance.now() - t1;
    const total = meetings.length * MEMBERS;

    const script = fileURLToPath(import.meta.url);
    const t2 = performance.now();
    const reports = await Promise.all(
      ['one', 'two'].map(
        (owner) =>
          new Promise<{ owner: string; sent: number }>((resolve, reject) => {
            const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), '--disable-warning=DEP0111', '--import', 'tsx', script, 'worker', schema, owner], {
              stdio: ['ignore', 'pipe', 'inherit'],
              env: process.env,
            });
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
            child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as { owner: string; sent: number }) : reject(new Error(`worker ${owner} exited ${code}`))));
          }),
      ),
    );
    const dispatched = (performance.now() - t2) / 1000;
    const duplicates = [...seen.values()].reduce((n, v) => n + (v > 1 ? v - 1 : 0), 0);

    console.log(`\nReminder dispatch (node ${process.version}; PostgreSQL; 2 instance processes; rate limits lifted)`);
    console.table({
      reminders: { value: total },
      'seeding (meetings, chats)': { value: `${(seeded / 1000).toFixed(1)} s` },
      'planning (one plan per meeting)': { value: `${(planned / 1000).toFixed(1)} s (${Math.round(total / (planned / 1000))}/s)` },
      'dispatch time (incl. process start)': { value: `${dispatched.toFixed(1)} s` },
      'reminders per second': { value: Math.round(deliveries / dispatched) },
      'delivered (at the connector)': { value: deliveries },
      'sent by instance one / two': { value: reports.map((r) => r.sent).join(' / ') },
      duplicates: { value: duplicates },
    });
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    connector.close();
  }
}

if (process.argv[2] === 'worker') await worker(process.argv[3]!, process.argv[4]!);
else await main();

/**
 * Time from process start to a healthy /healthz, and resident memory once idle, for the embedded
 * store (first start, which creates the database, and later starts) and for PostgreSQL.
 *
 *   npm run bench:startup                 # PostgreSQL from BENCH_DATABASE_URL, TEST_DATABASE_URL or the local default
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startProcess, waitHealthy } from '../src/dev/process.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IDLE_MS = 2_000;
const postgresUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function measure(env: Record<string, string>): Promise<{ healthyMs: number; rssMb: number }> {
  const port = await freePort();
  const p = startProcess({ ...env, PORT: String(port), LOG_LEVEL: 'warn' });
  const healthyMs = await waitHealthy(port, p, 120_000);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rss = rssMb(p.child.pid!);
  p.child.kill('SIGTERM');
  const code = await p.exited;
  if (code !== 0) throw new Error(`the bot exited with ${code}: ${p.stderr()}`);
  return { healthyMs, rssMb: rss };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const rows: { store: string; start: string; healthyMs: number; rssMb: number; runs: number }[] = [];

function record(store: string, start: string, samples: { healthyMs: number; rssMb: number }[]) {
  rows.push({
    store,
    start,
    healthyMs: Math.round(median(samples.map((s) => s.healthyMs))),
    rssMb: Math.round(median(samples.map((s) => s.rssMb))),
    runs: samples.length,
  });
}

// Embedded store: the first start creates the database (initdb); later starts open it.
const dataDir = mkdtempSync(path.join(tmpdir(), 'council-bot-bench-'));
try {
  record('pglite', 'first (creates the database)', [await measure({ DATA_DIR: dataDir })]);
  const later = [];
  for (let i = 0; i < ROUNDS; i++) later.push(await measure({ DATA_DIR: dataDir }));
  record('pglite', 'later', later);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

// PostgreSQL, in a schema of its own so the benchmark leaves the database as it found it.
const schema = `bench_${process.pid}`;
const admin = new pg.Client({ connectionString: postgresUrl });
try {
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await measure({ DATABASE_URL: url }));
  record('postgres', 'any', samples);
} catch (err) {
  console.error(`postgres skipped: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
  await admin.end().catch(() => {});
}

console.log(`\ncouncil-bot start-up (median of the runs; RSS after ${IDLE_MS / 1000} s idle; node ${process.version})`);
console.table(rows);

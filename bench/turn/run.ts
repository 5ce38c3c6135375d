/**
 * `npm run bench:turn`: council-bot against two echo bots on the same stack (below), under the
 * same load — autocannon, 20 connections, a rules question with `deliveryMode: expectReplies` (the
 * replies come back in the HTTP body, no connector involved) — in alternating rounds within one
 * run, so all meet the same machine. Prints throughput, p50/p99 latency and RSS of each, and the ratios.
 *
 * Two echo bots: one on botbuilder's defaults (the baseline: a bare echo bot), and one on
 * council-bot's own adapter set-up, which reuses connector clients across turns where botbuilder builds
 * new ones per turn. Against the second, the ratio is the cost of the bot's own work alone.
 *
 * BENCH_ROUNDS (3) and BENCH_SECONDS (10) set the length; the bot uses the embedded store.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startProcess, track, waitHealthy, type Started } from '../../src/dev/process.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

const activity = (port: number) => ({
  type: 'message',
  id: 'bench-1',
  channelId: 'msteams',
  serviceUrl: `http://127.0.0.1:${port}/unused-connector/`,
  deliveryMode: 'expectReplies',
  from: { id: '29:bench-member', name: 'Bench Member', aadObjectId: '5a1c0e1e-0000-4000-8000-00000000b001' },
  recipient: { id: '28:council-bot', name: 'council-bot' },
  conversation: { id: 'a:bench-personal', conversationType: 'personal', tenantId: '5a1c0e1e-0000-4000-8000-0000000000aa' },
  channelData: { tenant: { id: '5a1c0e1e-0000-4000-8000-0000000000aa' } },
  locale: 'sv-SE',
  text: 'hur många dagar före mötet ska kallelsen skickas?',
});

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

async function load(port: number): Promise<{ rps: number; p50: number; p99: number; non2xx: number; errors: number; replied: boolean }> {
  const body = JSON.stringify(activity(port));
  const check = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const replied = check.status === 200 && JSON.stringify(await check.json()).includes('activities');
  const r = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, replied };
}

const here = fileURLToPath(new URL('./', import.meta.url));
type Name = 'council-bot' | 'echo' | 'echo-reused';
const startEcho = (port: number, adapter: string): Started =>
  track(
    spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', path.join(here, 'echo-bot.ts')], {
      env: { ...process.env, PORT: String(port), ECHO_ADAPTER: adapter },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
const ports: Record<Name, number> = { 'council-bot': await freePort(), echo: await freePort(), 'echo-reused': await freePort() };
const procs: Record<Name, Started> = {
  'council-bot': startProcess({ PORT: String(ports['council-bot']), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bench-turn-')), REMINDER_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn' }),
  echo: startEcho(ports.echo, 'botbuilder'),
  'echo-reused': startEcho(ports['echo-reused'], 'council-bot'),
};
const names = Object.keys(ports) as Name[];
await Promise.all(names.map((n) => waitHealthy(ports[n], procs[n], 120_000)));

type Row = { rps: number; p50: number; p99: number; rss: number };
const results: Record<Name, Row[]> = { 'council-bot': [], echo: [], 'echo-reused': [] };
// A short warm-up each, so the first measured round is not the JIT's.
for (const n of names) await load(ports[n]);
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const name of names) {
    const r = await load(ports[name]);
    if (!r.replied || r.non2xx > 0 || r.errors > 0) console.log(`  ${name}: replied=${r.replied} non2xx=${r.non2xx} errors=${r.errors}`);
    const row = { rps: r.rps, p50: r.p50, p99: r.p99, rss: rssMb(procs[name].child.pid!) };
    results[name].push(row);
    console.log(`round ${round} ${name.padEnd(11)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  RSS ${row.rss} MB`);
  }
}
for (const n of names) procs[n].child.kill('SIGTERM');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (rows: Row[]) => ({ rps: median(rows.map((r) => r.rps)), p50: median(rows.map((r) => r.p50)), p99: median(rows.map((r) => r.p99)), rss: Math.max(...rows.map((r) => r.rss)) });
console.log(`\n${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, medians (RSS: peak)`);
const label: Record<Name, string> = { 'council-bot': 'council-bot', echo: 'echo bot (botbuilder defaults)', 'echo-reused': "echo bot (council-bot's adapter)" };
for (const n of names) {
  const s = summary(results[n]);
  console.log(`${label[n].padEnd(33)} ${s.rps.toFixed(0).padStart(6)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  RSS ${s.rss} MB`);
}
// Each round's runs were back to back on the same machine state, so their ratio is the fairest figure.
const ratios = (baseline: Name) => results['council-bot'].map((r, i) => r.rps / results[baseline][i]!.rps);
const bot = summary(results['council-bot']);
const bare = ratios('echo');
const reused = ratios('echo-reused');
console.log(`ratio to the bare echo bot        ${median(bare).toFixed(2)} (rounds ${bare.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.8); p99 ${bot.p99} ms (target ≤ 50 ms)`);
console.log(`ratio to the echo bot on the same adapter ${median(reused).toFixed(2)} (rounds ${reused.map((r) => r.toFixed(2)).join(', ')}): the bot's own work`);
await Promise.all(names.map((n) => procs[n].exited));

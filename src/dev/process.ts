import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The command `npm start` runs, taken from package.json so tests and tools follow the README. */
export const START_COMMAND = (
  JSON.parse(readFileSync(`${PROJECT_DIR}package.json`, 'utf8')) as { scripts: { start: string } }
).scripts.start;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type Started = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
};

/**
 * Starts the bot as `npm start` would, with `env` on top of a clean environment (or of this
 * process's own with `inheritEnv`). `exec` lets SIGTERM reach the bot itself.
 */
export function startProcess(env: Record<string, string>, options: { inheritEnv?: boolean; echo?: boolean } = {}): Started {
  const base = options.inheritEnv
    ? (process.env as Record<string, string>)
    : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn('sh', ['-c', `exec ${START_COMMAND}`], {
    cwd: PROJECT_DIR,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, options.echo);
}

/** Collects a child's output and exit code; with `echo`, passes its output through too. */
export function track(child: ChildProcess, echo = false): Started {
  if (echo) {
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  }
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `url` (by default the bot's /healthz) until it answers 200; returns the milliseconds that took. */
export async function waitHealthy(port: number, started: Started, timeoutMs = 60_000, url = `http://127.0.0.1:${port}/healthz`): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (started.child.exitCode !== null) throw new Error(`the process exited early: ${started.stderr()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not healthy within ${timeoutMs} ms: ${started.stderr()}`);
}

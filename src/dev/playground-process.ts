import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml, stringifyYaml } from '../yaml.ts';
import { track, waitHealthy, type Started } from './process.ts';

const CLI = fileURLToPath(new URL('../../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url));
/** The playground reads `.m365agentsplayground.yml` from its working folder; this one is the shipped cast. */
export const PLAYGROUND_CONFIG_DIR = fileURLToPath(new URL('./', import.meta.url));
const CONFIG_FILE = '.m365agentsplayground.yml';

type Person = { id: string; name: string; [key: string]: unknown };
type PlaygroundConfig = { currentUser: Person; users: Person[]; [key: string]: unknown };

/**
 * A folder with the shipped playground configuration, but with `name` (one of its users) as the
 * current user and the former current user among the others — the same chat, seen by someone else.
 */
export function playgroundConfigAs(name: string): string {
  const config = parseYaml(readFileSync(path.join(PLAYGROUND_CONFIG_DIR, CONFIG_FILE), 'utf8')) as PlaygroundConfig;
  const everyone = [config.currentUser, ...config.users];
  const me = everyone.find((p) => p.name === name);
  if (!me) throw new Error(`${name} is not in ${CONFIG_FILE}`);
  config.currentUser = me;
  config.users = everyone.filter((p) => p !== me);
  const dir = mkdtempSync(path.join(tmpdir(), 'playground-'));
  writeFileSync(path.join(dir, CONFIG_FILE), stringifyYaml(config));
  return dir;
}

/** Starts Microsoft 365 Agents Playground (offline, no browser of its own) against the bot; resolves once it serves its page. */
export async function startPlayground(opts: { botPort: number; port: number; configDir?: string; echo?: boolean }): Promise<Started> {
  const playground = track(
    spawn(
      process.execPath,
      [CLI, '-e', `http://127.0.0.1:${opts.botPort}/api/messages`, '-c', 'msteams', '-p', String(opts.port), '--dt'],
      {
        cwd: opts.configDir ?? PLAYGROUND_CONFIG_DIR,
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
    opts.echo,
  );
  await waitHealthy(opts.port, playground, 60_000, `http://127.0.0.1:${opts.port}/`);
  return playground;
}

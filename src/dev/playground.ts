/**
 * `npm run playground`: starts the bot and Microsoft 365 Agents Playground (a Teams-like chat that
 * works offline) and prints the address to open. Ctrl+C stops both.
 *
 * PORT (3978) and PLAYGROUND_PORT (56150) choose the ports; every other variable goes to the bot.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startProcess, track, waitHealthy } from './process.ts';

const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const cli = fileURLToPath(new URL('../../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url));
// The playground reads .m365agentsplayground.yml from its working folder.
const configDir = fileURLToPath(new URL('./', import.meta.url));

const bot = startProcess({ PORT: String(botPort) }, { inheritEnv: true, echo: true });
await waitHealthy(botPort, bot, 120_000);

const playground = track(
  spawn(
    process.execPath,
    [cli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt'],
    { cwd: configDir, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
  ),
);
await waitHealthy(playgroundPort, playground, 60_000, `http://127.0.0.1:${playgroundPort}/`);

console.log(`\n  council-bot is running at http://127.0.0.1:${botPort}/api/messages`);
console.log(`  Open Microsoft 365 Agents Playground at http://localhost:${playgroundPort} (Ctrl+C stops both)\n`);

const stop = () => {
  playground.child.kill('SIGTERM');
  bot.child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
const first = await Promise.race([bot.exited.then(() => 'bot'), playground.exited.then(() => 'playground')]);
if (first === 'playground' && bot.child.exitCode === null) {
  console.error(`the playground stopped: ${playground.stderr().slice(-2000)}`);
  bot.child.kill('SIGTERM');
}
await Promise.all([bot.exited, playground.exited.catch(() => null)]);

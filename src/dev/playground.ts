/**
 * `npm run playground`: starts the bot and Microsoft 365 Agents Playground (a Teams-like chat that
 * works offline) and prints the address to open. Ctrl+C stops both.
 *
 * PORT (3978) and PLAYGROUND_PORT (56150) choose the ports; PLAYGROUND_USER (a name from
 * src/dev/.m365agentsplayground.yml, e.g. "Yanira Difonis") chooses who you are; every other
 * variable goes to the bot.
 */
import { playgroundConfigAs, startPlayground } from './playground-process.ts';
import { startProcess, waitHealthy } from './process.ts';

const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

const bot = startProcess({ PORT: String(botPort) }, { inheritEnv: true, echo: true });
await waitHealthy(botPort, bot, 120_000);

const configDir = process.env.PLAYGROUND_USER ? playgroundConfigAs(process.env.PLAYGROUND_USER) : undefined;
const playground = await startPlayground({ botPort, port: playgroundPort, configDir });

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

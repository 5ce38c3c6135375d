/**
 * The baseline for `npm run bench:turn`: an echo bot on the same stack as council-bot (restify 11,
 * CloudAdapter, no authentication), answering every message with its own text. With
 * ECHO_ADAPTER=council-bot it uses council-bot's own adapter set-up (connector clients reused across
 * turns) instead of botbuilder's defaults, so the difference to the bot is only the bot's own work.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { loadConfig } from '../../src/config.ts';
import { createAdapter } from '../../src/http/adapter.ts';
import { createLogger } from '../../src/log.ts';

const adapter =
  process.env.ECHO_ADAPTER === 'council-bot'
    ? createAdapter(loadConfig({}), createLogger('warn'))
    : new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (ctx: TurnContext) => {
    if (ctx.activity.type === 'message') await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`);
  });
});
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));

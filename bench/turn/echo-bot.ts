/**
 * The baseline for `npm run bench:turn`: a bare botbuilder echo bot on the same stack as council-bot
 * (restify 11, CloudAdapter, no authentication), answering every message with its own text.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
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

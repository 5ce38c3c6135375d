import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import restify from 'restify';
import { activitySchema, tenantOf } from '../bot/activity.ts';
import type { CouncilBot } from '../bot/council-bot.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { formatIssues } from '../validation.ts';
import { createAdapter } from './adapter.ts';
import type { CalendarLinks } from '../calendar/links.ts';
import { feedPath, invitePath } from '../calendar/links.ts';
import type { CalendarService } from '../calendar/service.ts';
import { sendCalendar } from './calendar-response.ts';
import { registerTabRoutes } from './tab-routes.ts';
import type { OverviewQuery, TabOverview } from '../tab/overview.ts';

export const MAX_BODY_BYTES = 256 * 1024;

export type HttpDeps = {
  config: Config;
  councilIds: readonly string[];
  bot: CouncilBot;
  store: Store;
  log: Logger;
  /** The adapter for the Bot Service; created from the config when not given. */
  adapter?: CloudAdapter;
  /** The printable notice of a meeting, or undefined when there is none to show. */
  noticePage?: (meetingId: string, lang: string | undefined) => Promise<string | undefined>;
  /** Invites and feeds; the routes answer 404 without it. */
  calendar?: { links: CalendarLinks; service: CalendarService; clock: () => Date };
  /** What the meetings tab shows; /tab/overview.json answers 404 without it. */
  tabOverview?: (query: OverviewQuery) => Promise<TabOverview>;
};

export type HttpServer = {
  server: restify.Server;
  url: string;
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting, waits for requests in flight (at most `graceMs`), then returns. */
  close(graceMs?: number): Promise<void>;
};

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

export function createHttpServer(deps: HttpDeps): HttpServer {
  const { config, log } = deps;
  const adapter = deps.adapter ?? createAdapter(config, log);
  const server = restify.createServer({ name: 'council-bot', handleUncaughtExceptions: false });

  let inFlight = 0;
  let drained: (() => void) | undefined;
  server.pre((req, res, next) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.get('/healthz', async (_req, res) => {
    try {
      await withTimeout(deps.store.ping(), 2_000);
      res.send(200, { status: 'ok', store: deps.store.kind, councils: deps.councilIds });
    } catch (err) {
      log.warn({ err }, 'health check: store unavailable');
      res.send(503, { status: 'unavailable', store: deps.store.kind, councils: deps.councilIds });
    }
  });

  server.get('/meetings/:id/notice', async (req, res) => {
    const id = String((req.params as { id?: unknown }).id ?? '');
    const lang = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') ?? undefined;
    const html = deps.noticePage ? await deps.noticePage(id, lang) : undefined;
    if (!html) {
      res.send(404, { error: 'no approved notice for this meeting' });
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
    });
    res.end(html);
  });

  // Feeds and invites. The signature is checked before anything is looked up, so an unsigned
  // request learns nothing about which meetings or councils exist.
  server.get('/calendar/meetings/:file', async (req, res) => {
    const m = /^([0-9a-f-]{36})\.ics$/i.exec(String((req.params as { file?: unknown }).file ?? ''));
    await sendCalendar(req, res, deps.calendar, m?.[1] && invitePath(m[1]), (c, lang) => c.service.invite(m![1]!, lang), 'attachment; filename="meeting.ics"');
  });
  server.get('/calendar/:file', async (req, res) => {
    const m = /^([a-z0-9][a-z0-9-]{0,62})\.ics$/.exec(String((req.params as { file?: unknown }).file ?? ''));
    await sendCalendar(req, res, deps.calendar, m?.[1] && feedPath(m[1]), (c, lang) => c.service.feed(m![1]!, c.clock(), lang), 'inline; filename="council.ics"');
  });

  registerTabRoutes(server, deps.tabOverview, log);

  server.post('/api/messages', async (req, res) => {
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: 'invalid activity', problems: formatIssues(parsed.error.issues, 'activity') });
      return;
    }
    const allowed = config.allowedTenants;
    if (allowed) {
      const tenant = tenantOf(parsed.data);
      if (!tenant || !allowed.includes(tenant)) {
        log.warn({ tenant: tenant ?? null, activityType: parsed.data.type }, 'activity from a tenant not on the allow-list');
        res.send(403, { error: 'tenant not allowed' });
        return;
      }
    }
    await adapter.process(req, res, (ctx) => deps.bot.run(ctx));
  });

  const http: HttpServer = {
    server,
    url: '',
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          http.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
          resolve(http.url);
        });
      }),
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets with no request would otherwise hold close() open.
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        await withTimeout(new Promise<void>((resolve) => (drained = resolve)), graceMs).catch(() => {
          log.warn({ inFlight }, 'shutting down with requests still in flight');
        });
      }
      server.server.closeAllConnections();
      await closed;
    },
  };
  return http;
}

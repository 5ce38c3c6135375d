import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type restify from 'restify';
import type { Logger } from '../log.ts';
import { overviewQuerySchema, type OverviewQuery, type TabOverview } from '../tab/overview.ts';

type Asset = { type: string; body: Buffer };

const publicFile = (name: string, type: string): Asset => ({
  type,
  body: readFileSync(new URL(`../tab/public/${name}`, import.meta.url)),
});

// Read once at start: the tab is a handful of small files, served from memory.
const ASSETS: Record<string, Asset> = {
  '/tab': publicFile('index.html', 'text/html; charset=utf-8'),
  '/tab/app.js': publicFile('app.js', 'text/javascript; charset=utf-8'),
  '/tab/app.css': publicFile('app.css', 'text/css; charset=utf-8'),
  // The Teams client library, from the installed package rather than a CDN: the tab loads offline too.
  '/tab/teams.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(createRequire(import.meta.url).resolve('@microsoft/teams-js')) },
  '/tab/icon.png': { type: 'image/png', body: readFileSync(new URL('../../manifest/color.png', import.meta.url)) },
  '/privacy': publicFile('privacy.html', 'text/html; charset=utf-8'),
};

// Teams shows tabs in frames of its own hosts (web, desktop, Outlook, microsoft365.com).
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://outlook.office.com',
].join(' ');

// teams-js fetches its list of Teams origins from res.cdn.office.net (it has a built-in list if that fails).
const SECURITY_HEADERS = {
  'content-security-policy': `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self' https://res.cdn.office.net; frame-ancestors ${FRAME_ANCESTORS}`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** GET /tab and its files, /tab/overview.json (public meeting data) and /privacy. */
export function registerTabRoutes(server: restify.Server, overview: ((q: OverviewQuery) => Promise<TabOverview>) | undefined, log: Logger): void {
  for (const [path, asset] of Object.entries(ASSETS)) {
    server.get(path, (_req, res, next) => {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
      res.end(asset.body);
      next();
    });
  }
  server.get('/tab/overview.json', async (req, res) => {
    if (!overview) {
      res.send(404, { error: 'no tab' });
      return;
    }
    // Unknown or malformed parameters fall back to defaults: the tab always shows something.
    const query = overviewQuerySchema.parse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams));
    try {
      const view = await overview(query);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
      res.end(JSON.stringify(view));
    } catch (err) {
      log.warn({ err }, 'tab overview failed');
      res.send(503, { error: 'the meetings could not be read; try again' });
    }
  });
}

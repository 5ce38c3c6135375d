import { createHash } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { CalendarLinks } from '../calendar/links.ts';
import type { CalendarFile, CalendarService } from '../calendar/service.ts';

type CalendarDeps = { links: CalendarLinks; service: CalendarService; clock: () => Date };

const LANG = /^(sv|da|en)$/;

/** The entity tags in an If-None-Match header ("*" matches any). */
function matches(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  return value.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * Answers a calendar request: 404 for a malformed path, 403 for a missing or wrong signature,
 * 404 for what does not exist, 304 when the client has this version, else the file with an ETag.
 */
export async function sendCalendar(
  req: Request,
  res: Response,
  deps: CalendarDeps | undefined,
  path: string | undefined | '',
  load: (deps: CalendarDeps, lang: string | undefined) => Promise<CalendarFile | undefined>,
  disposition: string,
): Promise<void> {
  if (!deps || !path) {
    res.send(404, { error: 'no such calendar' });
    return;
  }
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  if (!deps.links.verify(path, query.get('sig'))) {
    res.send(403, { error: 'this calendar link is not valid; ask the bot for a new one' });
    return;
  }
  const lang = query.get('lang') ?? undefined;
  const file = await load(deps, lang && LANG.test(lang) ? lang : undefined);
  if (!file) {
    res.send(404, { error: 'no such calendar' });
    return;
  }
  const etag = `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 32)}"`;
  const headers: Record<string, string> = {
    etag,
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
    ...(file.lastModified ? { 'last-modified': file.lastModified.toUTCString() } : {}),
  };
  if (matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': disposition });
  res.end(file.body);
}

import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { parseRetryAfter } from '../domain/reminders.ts';
import type { Deliver } from './dispatcher.ts';
import { sendProactive } from '../bot/proactive.ts';

type HttpError = { statusCode?: unknown; response?: { headers?: { get?: (name: string) => string | undefined | null } | Record<string, unknown> } ; message?: unknown };

function retryAfterOf(err: HttpError, now: Date): number | undefined {
  const headers = err.response?.headers;
  if (!headers) return undefined;
  const value = typeof (headers as { get?: unknown }).get === 'function'
    ? (headers as { get: (n: string) => string | undefined | null }).get('retry-after')
    : ((headers as Record<string, unknown>)['retry-after'] as string | undefined);
  return parseRetryAfter(value ?? undefined, now);
}

/**
 * Proactive sends through the Bot Connector; failures come back as status codes, never as throws.
 * The SDK itself retries a throttled or failing call a few times (waiting out Retry-After); what
 * still fails comes back here and the scheduler retries it durably, later.
 */
export function adapterDeliver(adapter: CloudAdapter, appId: string, clock: () => Date): Deliver {
  return async (reference: Partial<ConversationReference>, text: string) => {
    const sent = await sendProactive(adapter, appId, reference, { type: 'message', text });
    if (sent.ok) return sent;
    const err = sent.error as HttpError;
    const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
    return { ok: false, status, retryAfterMs: retryAfterOf(err, clock()), error: String(err.message ?? sent.error).slice(0, 300) };
  };
}

import type { Activity, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createAdapter } from '../../src/http/adapter.ts';
import { createLogger } from '../../src/log.ts';

const activity = (serviceUrl: string): Activity =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:someone' },
    recipient: { id: '28:council-bot' },
    conversation: { id: 'a:chat' },
    text: 'hej',
  }) as Activity;

/** Runs one turn and hands back the connector and user-token clients botbuilder gave it. */
async function clientsOfTurn(adapter: ReturnType<typeof createAdapter>, serviceUrl: string) {
  let seen: { connector: unknown; tokens: unknown } | undefined;
  await adapter.processActivityDirect('', activity(serviceUrl), async (ctx: TurnContext) => {
    seen = { connector: ctx.turnState.get(ctx.adapter.ConnectorClientKey), tokens: ctx.turnState.get((ctx.adapter as typeof adapter).UserTokenClientKey) };
  });
  return seen!;
}

describe('the adapter', () => {
  it('reuses connector clients per service address and user-token clients across turns', async () => {
    const adapter = createAdapter(loadConfig({}), createLogger('silent'));
    const first = await clientsOfTurn(adapter, 'https://smba.trafficmanager.net/emea/');
    const second = await clientsOfTurn(adapter, 'https://smba.trafficmanager.net/emea/');
    const elsewhere = await clientsOfTurn(adapter, 'https://smba.trafficmanager.net/amer/');
    expect(first.connector).toBeDefined();
    expect(second.connector).toBe(first.connector);
    expect(second.tokens).toBe(first.tokens);
    expect(elsewhere.connector).not.toBe(first.connector);
    // The client sends to its own service address, not the first one seen.
    expect((elsewhere.connector as { baseUri?: string }).baseUri).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('stays bounded when every turn names a different service address', async () => {
    const adapter = createAdapter(loadConfig({}), createLogger('silent'));
    const first = await clientsOfTurn(adapter, 'https://a.example/0/');
    for (let i = 1; i <= 100; i += 1) await clientsOfTurn(adapter, `https://a.example/${i}/`);
    // The memo forgot the oldest entries rather than growing without end.
    expect((await clientsOfTurn(adapter, 'https://a.example/0/')).connector).not.toBe(first.connector);
  });
});

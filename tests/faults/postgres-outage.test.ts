import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.ts';
import { cardAction, message, user } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardTexts } from '../helpers/cards.ts';
import { councilCopy } from '../helpers/council-copy.ts';
import { freshPostgresSchema, TEST_DATABASE_URL } from '../helpers/stores.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

// `npm test` takes PostgreSQL away for a few seconds; `npm run test:slow` (and CI) for 30.
const OUTAGE_SECONDS = Number(process.env.OUTAGE_SECONDS ?? 3);
const COUNCIL = 'lund-outage';

describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL gone for ${OUTAGE_SECONDS} s`, () => {
  let bot: TestBot;
  let proxy: TcpProxy;
  let dropSchema: () => Promise<void>;
  const member = user('Mira Melander');
  const chat = `a:personal-${member.id}`;

  beforeAll(async () => {
    const url = new URL(TEST_DATABASE_URL!);
    proxy = await startTcpProxy(Number(url.port || 5432), url.hostname);
    url.host = `127.0.0.1:${proxy.port}`;
    const { schema, drop } = await freshPostgresSchema();
    dropSchema = drop;
    const store = await openStore({ kind: 'postgres', url: url.toString(), postgres: { schema, maxConnections: 4 } });
    const dir = councilCopy('lund', COUNCIL, { 'Mira Melander': 'mira@example.org' });
    bot = await startTestBot({ COUNCIL, COUNCILS_DIR: dir }, store);
    bot.connector.addMember({ id: member.id, name: member.name, aadObjectId: member.aadObjectId, email: 'mira@example.org' });
  });
  afterAll(async () => {
    await bot?.stop();
    await proxy?.close();
    await dropSchema?.();
  });

  async function say(text: string) {
    const before = bot.connector.sentTo(chat).length;
    const res = await bot.post(message(text, { serviceUrl: bot.connector.url, from: member, locale: 'sv-SE' }));
    expect(res.status).toBeLessThan(500);
    return bot.connector.sentTo(chat).slice(before);
  }
  async function submit(meetingId: string, title: string) {
    const res = await bot.post(cardAction('proposal.submit', { title, kind: 'discussion', meetingId }, { serviceUrl: bot.connector.url, from: member, locale: 'sv-SE' }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: unknown }).value;
  }
  const formMeeting = async () => {
    const [form] = await say('föreslå punkt');
    const card = adaptiveCardOf(form!)!;
    return ((card.body as Record<string, unknown>[]).find((b) => b.id === 'meetingId') as { value: string }).value;
  };

  it('answers rules questions, refuses writes with a clear message, loses nothing, and recovers', async () => {
    const meetingId = await formMeeting();
    expect(await submit(meetingId, 'Före avbrottet')).toBeTypeOf('object');

    await proxy.down();
    const until = Date.now() + OUTAGE_SECONDS * 1000;
    let asked = 0;
    while (Date.now() < until) {
      // Rules are answered from memory.
      const [answer] = await say('hur många dagar före mötet ska kallelsen skickas?');
      expect(cardTexts(adaptiveCardOf(answer!)!).join(' ')).toContain('14 dagar före');
      asked += 1;
      // A write is refused in the member's language, and the form is not lost (the card stays).
      const refused = await submit(meetingId, `Under avbrottet ${asked}`);
      expect(JSON.stringify(refused)).toContain("Ditt förslag kunde inte sparas just nu och har därför inte skickats. Texten finns kvar i formuläret");
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(503);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(asked).toBeGreaterThan(0);

    await proxy.up();
    await expect.poll(async () => (await fetch(`${bot.url}/healthz`)).status, { timeout: 15_000 }).toBe(200);
    const stored = await submit(meetingId, 'Efter avbrottet');
    expect(JSON.stringify(stored)).toContain('Ditt förslag är sparat');
    const titles = (await bot.store.proposals.listBySubmitter(COUNCIL, member.aadObjectId)).map((p) => p.title).sort();
    expect(titles).toEqual(['Efter avbrottet', 'Före avbrottet']);
  }, 120_000);
});

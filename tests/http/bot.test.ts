import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOT, botInstalled, message, TENANT, user } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardProblems, cardTexts } from '../helpers/cards.ts';

const FIXTURE_COUNCILS = path.resolve('tests/fixtures/councils');

describe('the bot over HTTP, as the Bot Service talks to it', () => {
  let bot: TestBot;
  const anna = user('Anna Andersson');

  beforeAll(async () => {
    bot = await startTestBot({ COUNCILS_DIR: FIXTURE_COUNCILS });
  });
  afterAll(async () => {
    await bot.stop();
  });
  beforeEach(() => {
    bot.connector.clear();
  });

  const on = (serviceUrl = bot.connector.url) => ({ serviceUrl });

  /** Posts and returns what the bot sent back to the conversation. */
  async function exchange(activity: { conversation: { id: string } }) {
    const already = bot.connector.sentTo(activity.conversation.id).length;
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    return bot.connector.sentTo(activity.conversation.id).slice(already);
  }

  it('answers /healthz with the store and the councils', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'pglite', councils: ['hoje-taastrup', 'lund', 'testrad'] });
  });

  it('welcomes a user who installs it in a personal chat, in their language, with a valid card', async () => {
    const install = botInstalled({ ...on(), from: anna, locale: 'sv-SE' });
    const [reply] = await exchange(install);
    const card = adaptiveCardOf(reply!);
    expect(card?.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    const texts = cardTexts(card);
    expect(texts[0]).toBe('Välkommen till Kommunala integrationsrådet');
    expect(texts.join('\n')).toContain('Ulrika Dagård (ulrika.dagard@lund.se)');
    // The reference is kept for proactive messages later.
    const stored = await bot.store.getConversation(install.conversation.id);
    expect(stored).toMatchObject({ scope: 'personal', aadObjectId: anna.aadObjectId, tenantId: TENANT });
  });

  it('welcomes a team in the channel and says the team is not linked to a council yet', async () => {
    const where = { scope: 'channel' as const, conversationId: '19:general-welcome@thread.tacv2', teamId: '19:team-welcome' };
    const [reply] = await exchange(botInstalled({ ...on(), from: anna, where }));
    const texts = cardTexts(adaptiveCardOf(reply!));
    expect(texts).toContain('Välkommen till Kommunala integrationsrådet');
    expect(texts.some((t) => t.includes('koppla <råd-id>'))).toBe(true);
    expect((await bot.store.getConversation(where.conversationId))?.teamId).toBe('19:team-welcome');
  });

  it('says nothing when someone else joins a team', async () => {
    const where = { scope: 'channel' as const, conversationId: '19:general-join@thread.tacv2', teamId: '19:team-join' };
    const joined = { ...botInstalled({ ...on(), from: anna, where }), membersAdded: [{ id: '29:new-person' }] };
    expect(await exchange(joined)).toEqual([]);
  });

  it.each([
    ['help', 'en-US', 'What I can do'],
    ['hjälp', 'en-US', 'Det här kan jag'],
    ['hjælp', 'sv-SE', 'Det kan jeg'],
    ['?', 'da-DK', 'Det kan jeg'],
  ])('"%s" with locale %s lists the commands under "%s"', async (text, locale, title) => {
    const [reply] = await exchange(message(text, { ...on(), from: anna, locale }));
    const card = adaptiveCardOf(reply!);
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)[0]).toBe(title);
  });

  it('says honestly that it does not know, in the asker\u2019s language, and who to ask', async () => {
    const [en] = await exchange(message('blorp the flux', { ...on(), from: anna, locale: 'en-GB' }));
    expect(en?.text).toBe(
      'I don\u2019t know the answer to \u201cblorp the flux\u201d: it is not in the rules of Municipal Integration Council of Lund as I have them, and I will not guess. Please ask Ulrika Dagård (ulrika.dagard@lund.se). Write \u201chelp\u201d to see what I can do.',
    );
    const [da] = await exchange(message('blorp', { ...on(), from: anna, locale: 'da-DK' }));
    expect(da?.text).toMatch(/^Jeg ved ikke svaret på \u201cblorp\u201d/);
    const [sv] = await exchange(message('', { ...on(), from: anna, locale: 'sv-SE' }));
    expect(sv?.text).toMatch(/^Hej! Skriv \u201chjälp\u201d/);
  });

  it('answers in the council\u2019s language when the client sends no locale', async () => {
    const [reply] = await exchange(message('xyzzy', { ...on(), from: anna }));
    expect(reply?.text).toMatch(/^Jag vet inte svaret på \u201cxyzzy\u201d/);
  });

  it('shows user text literally, templates and all', async () => {
    const [reply] = await exchange(message('${1+1} {text} <b>x</b>', { ...on(), from: anna, locale: 'en-US' }));
    expect(reply?.text).toContain('\u201c${1+1} {text} <b>x</b>\u201d');
  });

  it('in a channel, answers only when mentioned and reads the text without the mention', async () => {
    const where = { scope: 'channel' as const, conversationId: '19:general-mention@thread.tacv2', teamId: '19:team-mention' };
    expect(await exchange(message('help', { ...on(), from: anna, where, locale: 'en-US' }))).toEqual([]);
    const [reply] = await exchange(message('help', { ...on(), from: anna, where, locale: 'en-US', mention: true }));
    expect(cardTexts(adaptiveCardOf(reply!))[0]).toBe('What I can do');
  });

  it('replies in the HTTP response when the caller asks for expectReplies', async () => {
    const res = await bot.post({ ...message('council', { ...on(), from: anna, locale: 'en-US' }), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: { text: string }[] };
    expect(body.activities[0]?.text).toContain('**Municipal Integration Council of Lund** (lund), Lunds kommun');
    expect(bot.connector.calls).toEqual([]);
  });

  describe('binding a team to a council', () => {
    const where = { scope: 'channel' as const, conversationId: '19:general-bind@thread.tacv2', teamId: '19:team-bind' };
    const clerk = user('Sam Clerk');
    const member = user('Mo Member');

    beforeAll(() => {
      bot.connector.addMember({ id: clerk.id, name: clerk.name, aadObjectId: clerk.aadObjectId, email: 'clerk@example.org' });
      bot.connector.addMember({ id: member.id, name: member.name, aadObjectId: member.aadObjectId, email: 'member@example.org' });
    });

    it('refuses a member, says why, binds nothing and writes the refusal to the audit log', async () => {
      const [reply] = await exchange(message('bind testrad', { ...on(), from: member, where, mention: true }));
      expect(reply?.text).toMatch(/^Only the secretary of Test Advisory Council can link/);
      expect(await bot.store.getBinding('19:team-bind')).toBeUndefined();
      const refused = await bot.store.listAudit({ action: 'conversation.bind-refused' });
      expect(refused.at(-1)).toMatchObject({ actor: member.aadObjectId, councilId: 'testrad', subject: '19:team-bind' });
    });

    it('lets the council\u2019s secretary bind the team; the team is then served as that council', async () => {
      const [done] = await exchange(message('bind testrad', { ...on(), from: clerk, where, mention: true }));
      expect(done?.text).toBe('Done: this conversation now belongs to Test Advisory Council.');
      expect(await bot.store.getBinding('19:team-bind')).toMatchObject({ councilId: 'testrad', boundBy: clerk.aadObjectId });
      const audit = await bot.store.listAudit({ action: 'conversation.bound', councilId: 'testrad' });
      expect(audit).toHaveLength(1);

      // Another channel of the same team follows the binding; with no locale, the council's language.
      const other = { ...where, conversationId: '19:planning-bind@thread.tacv2' };
      const [answer] = await exchange(message('council', { ...on(), from: member, where: other, mention: true }));
      expect(answer?.text).toContain('**Test Advisory Council** (testrad)');
    });

    it('explains the command and the known councils when the id is missing or unknown', async () => {
      const [usage] = await exchange(message('koppla', { ...on(), from: clerk, where, mention: true }));
      expect(usage?.text).toMatch(/^Skriv \u201ckoppla\u201d följt av ett råd-id.*Kända råd: hoje-taastrup, lund, testrad\.$/);
      const [unknown] = await exchange(message('bind atlantis', { ...on(), from: clerk, where, mention: true }));
      expect(unknown?.text).toBe('There is no council with the id \u201catlantis\u201d. Known councils: hoje-taastrup, lund, testrad.');
    });
  });

  it('writes one log line per turn with type, council and duration, and never the message text', async () => {
    const secret = 'my personal number is 19121212-1212';
    bot.logs.length = 0;
    await exchange(message(secret, { ...on(), from: anna, locale: 'en-US' }));
    const turns = bot.logs.filter((l) => l.msg === 'turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ activityType: 'message', council: 'lund', scope: 'personal' });
    expect(turns[0]?.outcome).toMatch(/^qa-(answer|suggest|abstain)$/);
    expect(typeof turns[0]?.durationMs).toBe('number');
    expect(JSON.stringify(bot.logs)).not.toContain('19121212');
  });

  it('refuses malformed JSON and activities without the fields a reply needs, storing nothing', async () => {
    const before = (await bot.store.listConversations()).length;
    const bad = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(bad.status).toBe(400);
    const incomplete = await bot.post({ type: 'message', text: 'hi', from: { id: BOT.id } });
    expect(incomplete.status).toBe(400);
    const body = (await incomplete.json()) as { problems: string[] };
    expect(body.problems).toContain('activity: conversation: Invalid input: expected object, received undefined');
    expect((await bot.store.listConversations()).length).toBe(before);
  });
});

describe('the tenant allow-list', () => {
  let bot: TestBot;
  const outsider = user('Eve Outsider');

  beforeAll(async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: TENANT });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('serves the allowed tenant', async () => {
    const res = await bot.post(message('help', { serviceUrl: bot.connector.url, from: user('Ada Allowed') }));
    expect(res.status).toBe(200);
    expect(bot.connector.calls).toHaveLength(1);
  });

  it('answers 403 to any other tenant, or none, and stores nothing', async () => {
    const foreign = message('help', { serviceUrl: bot.connector.url, from: outsider, tenantId: '00000000-0000-0000-0000-000000000bad' });
    expect((await bot.post(foreign)).status).toBe(403);
    const { channelData: _dropped, ...noTenant } = message('help', { serviceUrl: bot.connector.url, from: outsider });
    expect((await bot.post({ ...noTenant, conversation: { id: 'a:x', conversationType: 'personal' } })).status).toBe(403);
    expect(await bot.store.findPersonalConversation({ aadObjectId: outsider.aadObjectId })).toBeUndefined();
    expect(bot.connector.sentTo(foreign.conversation.id)).toEqual([]);
  });
});

describe('a deployment for Høje-Taastrup (COUNCIL=hoje-taastrup)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ COUNCIL: 'hoje-taastrup' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('welcomes in Danish and names the secretariat', async () => {
    const install = botInstalled({ serviceUrl: bot.connector.url, from: user('Mette Madsen') });
    await bot.post(install);
    const texts = cardTexts(adaptiveCardOf(bot.connector.sentTo(install.conversation.id)[0]!));
    expect(texts[0]).toBe('Velkommen til Integrationsrådet i Høje-Taastrup Kommune');
    expect(texts.join('\n')).toContain('Integrationskonsulent (sekretariatet) (kommune@htk.dk, telefon 43 59 10 00)');
  });
});

describe('limits and shutdown', () => {
  it('refuses bodies over 256 kB with 413 and stores nothing', async () => {
    const bot = await startTestBot();
    try {
      const huge = message('x'.repeat(300 * 1024), { serviceUrl: bot.connector.url, from: user('Big Sender') });
      expect((await bot.post(huge)).status).toBe(413);
      expect(await bot.store.listConversations()).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('lets a turn in flight finish before it closes the store', async () => {
    const bot = await startTestBot();
    bot.connector.delayMs = 700; // Teams is slow to accept the reply
    const activity = message('help', { serviceUrl: bot.connector.url, from: user('Late Larsson'), locale: 'en-US' });
    const inFlight = bot.post(activity);
    // Stop only once the turn is under way (its reply is with Teams): a fixed wait raced a busy machine.
    await vi.waitFor(
      () => {
        if (bot.connector.answering === 0) throw new Error('the reply has not reached Teams yet');
      },
      { timeout: 10_000, interval: 10 },
    );
    const stopped = bot.stop();
    expect((await inFlight).status).toBe(200);
    await stopped;
    expect(bot.connector.sentTo(activity.conversation.id)).toHaveLength(1);
    await expect(bot.store.ping()).rejects.toThrow();
    // Nothing listens any more.
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
  });
});

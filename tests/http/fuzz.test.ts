import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEETING_VERBS } from '../../src/bot/meeting-handlers.ts';
import { PROPOSAL_VERBS } from '../../src/bot/proposal-handlers.ts';
import { BOT, TENANT, user } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { councilCopy } from '../helpers/council-copy.ts';

// `npm test` runs a few hundred; `npm run test:slow` (and CI) runs 10,000.
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const NOW = new Date('2026-11-23T10:00:00Z');

/**
 * Random activities and card payloads as an attacker or a broken client might send them: missing
 * fields, wrong types, huge and odd strings, forged roles, other people's ids, stale versions. The
 * bot must never answer 5xx, and nothing already stored may change.
 */
describe(`fuzzing /api/messages with ${RUNS} activities`, () => {
  let bot: TestBot;
  let proposalId: string;
  let meetingId: string;
  const member = user('Mira Melander');
  const chair = user('Yanira Difonis');
  // The sender: someone off the roster, claiming what a card or a name can claim. (The sender's ids
  // themselves come from the Bot Service, which authenticates them when an app id is set.)
  const outsider = user('Eve Outsider');

  beforeAll(async () => {
    const dir = councilCopy('lund', 'lund-fuzz', { 'Yanira Difonis': 'chair@example.org', 'Mira Melander': 'member@example.org' });
    bot = await startTestBot({ COUNCIL: 'lund-fuzz', COUNCILS_DIR: dir }, undefined, { clock: () => NOW });
    bot.connector.addMember({ id: chair.id, name: chair.name, aadObjectId: chair.aadObjectId, email: 'chair@example.org' });
    bot.connector.addMember({ id: member.id, name: member.name, aadObjectId: member.aadObjectId, email: 'member@example.org' });
    const [meeting] = await bot.store.meetings.list('lund-fuzz', { from: NOW });
    meetingId = meeting!.id;
    const p = await bot.store.proposals.create({
      title: 'Språkcaféer', summary: 'Stored before the run', presenter: undefined, registryNumber: undefined, links: [], estimatedMinutes: 15,
      kind: 'discussion', councilId: 'lund-fuzz', meetingId, late: false, submitterId: member.aadObjectId, submitterName: member.name, submitterUserId: member.id,
    });
    proposalId = p.id;
  });
  afterAll(() => bot?.stop());

  const odd = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', ' ', '\u0000', '\u202e', '${user.secret}', '<at>council-bot</at>', '<script>x</script>', 'x'.repeat(30_000), '🏛️'.repeat(2000), 'hjälp', 'föreslå punkt', 'granska förslag', 'bind lund'),
  );
  const anyValue = fc.oneof(odd, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(odd, { maxLength: 3 }), fc.object({ maxDepth: 2 }));
  const account = fc.oneof(
    fc.constantFrom(outsider, BOT, { ...outsider, name: chair.name }),
    fc.record({ id: odd, name: fc.option(odd), aadObjectId: fc.option(odd) }),
    anyValue,
  );
  const verb = fc.oneof(fc.constantFrom(...PROPOSAL_VERBS, ...MEETING_VERBS), odd);
  const cardData = fc.record(
    {
      proposalId: fc.oneof(fc.constant(() => proposalId), odd).map((v) => (typeof v === 'function' ? v() : v)),
      meetingId: fc.oneof(fc.constant(() => meetingId), odd).map((v) => (typeof v === 'function' ? v() : v)),
      version: fc.oneof(fc.integer({ min: -2, max: 5 }), anyValue),
      sequence: anyValue,
      reason: odd,
      title: odd,
      kind: odd,
      role: fc.constantFrom('chair', 'secretary', 'vice-chair'),
      officer: fc.constant(true),
      lang: fc.oneof(fc.constantFrom('sv', 'da', 'en'), odd),
      extra: anyValue,
    },
    { requiredKeys: [] },
  );
  /** Mostly what Teams would send, sometimes junk: most fuzzed activities must get past validation. */
  const mostly = <T, U>(valid: fc.Arbitrary<T>, junk: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 20 }, { arbitrary: junk, weight: 1 });
  const fields = {
    type: mostly(fc.constantFrom('message', 'message', 'invoke', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event'), fc.oneof(odd, anyValue)),
    id: mostly(fc.uuid(), anyValue),
    channelId: mostly(fc.constant('msteams'), odd),
    serviceUrl: mostly(fc.constant('CONNECTOR'), fc.oneof(fc.constant('javascript:alert(1)'), odd)),
    from: mostly(fc.constantFrom(outsider, { ...outsider, name: chair.name }, { id: outsider.id, name: 'Ulrika Dagård' }), account),
    recipient: mostly(fc.constant(BOT), account),
    conversation: mostly(
      fc.record({ id: fc.oneof(fc.constant(`a:personal-${member.id}`), fc.constant(`a:personal-${outsider.id}`), fc.constant('19:team@thread.tacv2'), odd), conversationType: fc.constantFrom('personal', 'groupChat', 'channel'), tenantId: fc.constant(TENANT) }),
      anyValue,
    ),
    text: mostly(fc.oneof(odd, fc.constantFrom('hjälp', 'när är nästa möte?', 'föreslå punkt', 'granska förslag', 'mina förslag', 'föredragningslista', 'bind lund', 'koppla hoje-taastrup', 'export my data', 'planera möte', 'pausa påminnelser')), anyValue),
    locale: mostly(fc.constantFrom('sv-SE', 'da-DK', 'en-US'), odd),
    name: mostly(fc.constant('adaptiveCard/action'), odd),
    value: mostly(
      fc.oneof(fc.record({ action: fc.record({ type: fc.constant('Action.Execute'), verb, data: cardData }) }), cardData.map((d) => ({ ...d, verb: 'proposal.approve' }))),
      anyValue,
    ),
    replyToId: mostly(fc.uuid(), anyValue),
    channelData: mostly(fc.record({ tenant: fc.constant({ id: TENANT }), team: fc.option(fc.record({ id: fc.oneof(fc.constant('19:team@thread.tacv2'), odd) })) }), anyValue),
    membersAdded: mostly(fc.array(fc.constantFrom(BOT, member), { maxLength: 2 }), fc.array(account, { maxLength: 2 })),
    entities: mostly(fc.constant([]), fc.oneof(fc.array(fc.object({ maxDepth: 1 }), { maxLength: 2 }), anyValue)),
  };
  const keys = Object.keys(fields) as (keyof typeof fields)[];
  // Sometimes a field is missing altogether.
  const activity = fc
    .tuple(fc.record(fields), fc.oneof({ arbitrary: fc.constant([] as typeof keys), weight: 4 }, { arbitrary: fc.subarray(keys, { maxLength: 2 }), weight: 1 }))
    .map(([a, drop]) => Object.fromEntries(Object.entries(a).filter(([k]) => !drop.includes(k as never))));

  it('never answers 5xx, and leaves what was stored intact', async () => {
    const proposalBefore = await bot.store.proposals.get(proposalId);
    const historyBefore = await bot.store.proposals.history(proposalId);
    const meetingsBefore = await bot.store.meetings.list('lund-fuzz', { includeCancelled: true });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(activity, async (a) => {
        const body = JSON.stringify(a, (_k, v: unknown) => (v === 'CONNECTOR' ? bot.connector.url : v));
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, body.slice(0, 2000)).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
    );
    // Not-JSON and oversized bodies too.
    for (const raw of ['{', 'null', '[]', '"text"', '{"type":', '\u0000', 'x'.repeat(300 * 1024)]) {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
      expect(res.status, raw.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await bot.store.proposals.get(proposalId)).toEqual(proposalBefore);
    expect(await bot.store.proposals.history(proposalId)).toEqual(historyBefore);
    expect(await bot.store.meetings.list('lund-fuzz', { includeCancelled: true })).toEqual(meetingsBefore);
    // The bot is still itself afterwards.
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    process.stdout.write(`fuzz: ${RUNS} activities, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 600_000);
});

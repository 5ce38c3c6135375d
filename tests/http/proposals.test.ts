import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, message, user, type User } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardProblems, cardTexts } from '../helpers/cards.ts';
import { councilCopy } from '../helpers/council-copy.ts';
import { freshPgliteStore } from '../helpers/stores.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

type Setup = {
  council: string;
  source: string;
  locale: string;
  chair: string;
  member: string;
  roles?: Record<string, string>;
  say: { propose: string; agenda: string; mine: string; review: string };
  expect: { stored: string; approved: RegExp; notAllowed: string; stale: string; sent: RegExp; opening: string; standing: string; supplementary: string; reapprove: string };
};

const setups: Setup[] = [
  {
    council: 'lund-test',
    source: 'lund',
    locale: 'sv-SE',
    chair: 'Yanira Difonis',
    member: 'Philip Sandberg',
    say: { propose: 'föreslå punkt', agenda: 'föredragningslista', mine: 'mina förslag', review: 'granska förslag' },
    expect: {
      stored: 'Tack. Ditt förslag är sparat; ordföranden beslutar om det och du får besked.',
      approved: /^Godkänt av Yanira Difonis måndag 23 november 2026$/,
      notAllowed: 'Bara ordföranden eller vice ordföranden kan besluta om förslag, och bara förslagsställaren kan återta ett.',
      stale: 'Inget ändrades: förslaget är redan avgjort. Så här ser det ut nu.',
      sent: /^Föredragningslistan är godkänd\. Kallelsen nådde 2 av 37 personer i förteckningen\. Går inte att nå i Teams/,
      opening: '1. Mötets öppnande',
      standing: 'Stående punkt: Aktuellt från föreningarna',
      supplementary: 'Extra ärende, tillagt efter att föredragningslistan godkänts.',
      reapprove: 'Ändrad efter godkännandet: behöver godkännas igen av ordföranden.',
    },
  },
  {
    council: 'htk-test',
    source: 'hoje-taastrup',
    locale: 'da-DK',
    chair: 'Hacer Yildrim',
    member: 'Ida Diemar',
    roles: { 'Hacer Yildrim': 'chair' },
    say: { propose: 'foreslå punkt', agenda: 'dagsorden', mine: 'mine forslag', review: 'behandl forslag' },
    expect: {
      stored: 'Tak. Dit forslag er gemt; formanden beslutter om det, og du får besked.',
      approved: /^Godkendt af Hacer Yildrim mandag den 23\. november 2026$/,
      notAllowed: 'Kun formanden eller næstformanden kan beslutte om forslag, og kun forslagsstilleren kan trække et tilbage.',
      stale: 'Intet blev ændret: forslaget er allerede afgjort. Sådan ser det ud nu.',
      sent: /^Dagsordenen er godkendt\. Indkaldelsen nåede 2 af 15 personer på listen\. Kan ikke nås i Teams/,
      opening: '1. Mødets åbning',
      standing: 'Fast punkt: Årets integrationstema',
      supplementary: 'Supplerende punkt, tilføjet efter at dagsordenen blev godkendt.',
      reapprove: 'Ændret efter godkendelsen: skal godkendes igen af formanden.',
    },
  },
];

describe.each(setups)('agenda items for $council, from proposal to notice', (s) => {
  let bot: TestBot;
  const chair: User = user(s.chair);
  const member: User = user(s.member);
  const outsider: User = user('Not On The Roster');
  const secretary: User = user('Ulrika Dagard');

  beforeAll(async () => {
    const dir = councilCopy(s.source, s.council, { [s.chair]: 'chair@example.org', [s.member]: 'member@example.org' }, s.roles);
    bot = await startTestBot({ COUNCIL: s.council, COUNCILS_DIR: dir }, undefined, { clock: () => NOW });
    for (const [u, email] of [[chair, 'chair@example.org'], [member, 'member@example.org'], [outsider, 'outsider@example.org'], [secretary, 'ulrika.dagard@lund.se']] as const) {
      bot.connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, email });
    }
    // The chair and the member have opened a chat with the bot, so it can reach them.
    for (const u of [chair, member]) await bot.post(message('help', { serviceUrl: bot.connector.url, from: u, locale: s.locale }));
  });
  afterAll(async () => {
    await bot.stop();
  });

  const chatOf = (u: User) => `a:personal-${u.id}`;
  async function say(u: User, text: string) {
    const before = bot.connector.sentTo(chatOf(u)).length;
    expect((await bot.post(message(text, { serviceUrl: bot.connector.url, from: u, locale: s.locale }))).status).toBe(200);
    return bot.connector.sentTo(chatOf(u)).slice(before);
  }
  async function press(u: User, verb: string, data: Record<string, unknown>, replyToId?: string) {
    const res = await bot.post(cardAction(verb, data, { serviceUrl: bot.connector.url, from: u, locale: s.locale, ...(replyToId ? { replyToId } : {}) }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: unknown };
    if (typeof body.value === 'object') expect(cardProblems(body.value)).toEqual([]);
    return body.value;
  }
  const proposals = async () => (await bot.store.meetings.list(s.council)).length && (await bot.store.proposals.listBySubmitter(s.council, member.aadObjectId));

  let proposalId = '';
  let formActivityId = '';
  const evil = '**Bold** <b>html</b> ${1+1} [x](https://evil.example)';

  it('a member proposes an item: bad input is shown in the form and stores nothing; a good one is stored and the chair told', async () => {
    const [formMessage] = await say(member, s.say.propose);
    const form = adaptiveCardOf(formMessage!)!;
    expect(cardProblems(form)).toEqual([]);
    formActivityId = String(formMessage!.id);
    const meetingChoice = ((form.body as Record<string, unknown>[]).find((b) => b.id === 'meetingId') as { value: string; choices: { value: string }[] });
    expect(meetingChoice.choices.length).toBeGreaterThan(1);
    // The next meeting: for Høje-Taastrup its proposal deadline (18 November) has passed, so the
    // form proposes the following one by default, and choosing the next one makes the item late.
    const meetingId = meetingChoice.choices[0]!.value;
    expect(meetingChoice.value === meetingId).toBe(s.council === 'lund-test');

    const empty = await press(member, 'proposal.submit', { title: '   ', kind: 'decision', meetingId }, formActivityId);
    expect(cardTexts(empty).length).toBeGreaterThan(3);
    const huge = await press(member, 'proposal.submit', { title: 'x'.repeat(10_000), kind: 'decision', meetingId, registryNumber: 'nonsense' }, formActivityId);
    expect(JSON.stringify(huge)).toContain('x'.repeat(10_000)); // kept in the form, not lost
    const forgedMeeting = await press(member, 'proposal.submit', { title: 'Ok', kind: 'decision', meetingId: '00000000-0000-4000-8000-000000000000' }, formActivityId);
    expect(cardTexts(forgedMeeting)).not.toContain(s.expect.stored);
    expect(await proposals()).toEqual([]);

    const stored = await press(member, 'proposal.submit', { title: evil, summary: 'Line 1\n${user.secret}', kind: 'decision', meetingId, estimatedMinutes: '200', links: 'https://lund.se/underlag.pdf' }, formActivityId);
    const texts = cardTexts(stored);
    expect(texts).toContain(s.expect.stored);
    expect(texts).toContain(evil);
    expect(texts).toContain('Line 1\n${user.secret}');
    const [p] = (await proposals()) as Awaited<ReturnType<TestBot['store']['proposals']['listBySubmitter']>>;
    expect(p).toMatchObject({ title: evil, status: 'submitted', late: s.council === 'htk-test', kind: 'decision', estimatedMinutes: 200, submitterName: s.member });
    if (p!.late) expect(texts).toContain('Foreslået efter fristen (onsdag 18. november); formanden kan stadig tage det med.');
    proposalId = p!.id;
    // The chair gets the card with the decision buttons in their own chat.
    const toChair = bot.connector.sentTo(chatOf(chair)).at(-1)!;
    expect(cardTexts(adaptiveCardOf(toChair))).toEqual(expect.arrayContaining([evil]));
    expect(JSON.stringify(adaptiveCardOf(toChair))).toContain('proposal.approve');
  });

  it('refuses a member\u2019s forged approval and records it; the chair approves once, every copy is updated', async () => {
    const p = (await bot.store.proposals.get(proposalId))!;
    expect(await press(member, 'proposal.approve', { proposalId, version: p.version })).toBe(s.expect.notAllowed);
    expect(await press(outsider, 'proposal.approve', { proposalId, version: p.version })).toBe(s.expect.notAllowed);
    expect((await bot.store.proposals.get(proposalId))!.status).toBe('submitted');
    const refusals = await bot.store.listAudit({ action: 'proposal.action-refused' });
    expect(refusals.map((a) => a.actor)).toEqual(expect.arrayContaining([member.aadObjectId, outsider.aadObjectId]));

    const chairCard = bot.connector.sentTo(chatOf(chair)).at(-1)!;
    const approved = await press(chair, 'proposal.approve', { proposalId, version: p.version }, String(chairCard.id));
    expect(cardTexts(approved).some((x) => s.expect.approved.test(x))).toBe(true);
    // The member's copy (where the form was) is updated in place with the decision.
    const update = bot.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === formActivityId).at(-1);
    expect(update).toBeDefined();
    expect(cardTexts(adaptiveCardOf(update!.activity)).some((x) => s.expect.approved.test(x))).toBe(true);
    // The member is told.
    expect(String(bot.connector.sentTo(chatOf(member)).at(-1)!.text)).toContain(evil);
    // Pressing again does nothing twice.
    const again = await press(chair, 'proposal.approve', { proposalId, version: p.version }, String(chairCard.id));
    expect(cardTexts(again)).toContain(s.expect.stale);
    expect((await bot.store.proposals.history(proposalId)).map((h) => h.action)).toEqual(['submitted', 'approved']);
    const trail = (await bot.store.listAudit({ councilId: s.council })).filter((a) => a.subject === proposalId).map((a) => [a.action, a.actor]);
    expect(trail).toEqual([
      ['proposal.submitted', member.aadObjectId],
      ['proposal.action-refused', member.aadObjectId],
      ['proposal.action-refused', outsider.aadObjectId],
      ['proposal.approved', chair.aadObjectId],
      ['proposal.action-refused', chair.aadObjectId],
    ]);
  });

  it('builds the agenda with the standing items, lets the chair arrange it, warns of overrun, and sends the notice on approval', async () => {
    const [agendaMessage] = await say(chair, s.say.agenda);
    const agenda = adaptiveCardOf(agendaMessage!)!;
    expect(cardProblems(agenda)).toEqual([]);
    const texts = cardTexts(agenda);
    expect(texts).toContain(s.expect.opening);
    expect(texts.some((x) => x.endsWith(`. ${evil}`))).toBe(true);
    expect(texts.some((x) => x.endsWith(s.expect.standing))).toBe(true);
    const meetingId = (await bot.store.proposals.get(proposalId))!.meetingId;
    const state = await bot.store.proposals.agenda(meetingId);
    const arranged = await press(chair, 'agenda.arrange', { meetingId, version: state.version, [`order:${proposalId}`]: '1', [`minutes:${proposalId}`]: '240' });
    expect(cardTexts(arranged).some((x) => /240/.test(x) && /(180|120)/.test(x))).toBe(true);
    expect((await bot.store.proposals.get(proposalId))!.agendaMinutes).toBe(240);
    // A member cannot approve the agenda.
    const afterArrange = await bot.store.proposals.agenda(meetingId);
    expect(typeof (await press(member, 'agenda.approve', { meetingId, version: afterArrange.version }))).toBe('string');
    const done = await press(chair, 'agenda.approve', { meetingId, version: afterArrange.version });
    expect(cardTexts(done).find((x) => s.expect.sent.test(x)), cardTexts(done).join("\n")).toBeDefined();
    // Delivered to the chair and the member (and counted per person), with the proof kept.
    const deliveries = await bot.store.proposals.deliveries(meetingId);
    expect(deliveries.filter((d) => d.deliveredAt).map((d) => d.recipient).sort()).toEqual(expect.arrayContaining([s.chair, s.member]));
    expect(deliveries.filter((d) => !d.deliveredAt).every((d) => d.failure === 'no-chat')).toBe(true);
    const notice = adaptiveCardOf(bot.connector.sentTo(chatOf(member)).at(-1)!)!;
    expect(cardProblems(notice)).toEqual([]);
    expect(cardTexts(notice).some((x) => x.endsWith(evil))).toBe(true);
    expect((await bot.store.meetings.get(meetingId))!.noticeSentAt).toEqual(NOW);
    // The printable notice escapes what members typed.
    const page = await fetch(`${bot.url}/meetings/${meetingId}/notice`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('&lt;b&gt;html&lt;/b&gt;');
    expect(html).not.toContain('<b>html</b>');
    expect((await fetch(`${bot.url}/meetings/00000000-0000-4000-8000-000000000000/notice`)).status).toBe(404);
  });

  it('a proposal approved after the agenda is a supplementary item and the agenda needs approval again; rejection needs a reason', async () => {
    const [formMessage] = await say(member, s.say.propose);
    const form = adaptiveCardOf(formMessage!)!;
    const meetingId = ((form.body as Record<string, unknown>[]).find((b) => b.id === 'meetingId') as { choices: { value: string }[] }).choices[0]!.value;
    await press(member, 'proposal.submit', { title: 'Second item', kind: 'information', meetingId }, String(formMessage!.id));
    await press(member, 'proposal.submit', { title: 'Third item', kind: 'discussion', meetingId });
    const mine = (await bot.store.proposals.listBySubmitter(s.council, member.aadObjectId)).filter((p) => p.status === 'submitted');
    const second = mine.find((p) => p.title === 'Second item')!;
    const third = mine.find((p) => p.title === 'Third item')!;
    const supp = await press(chair, 'proposal.approve', { proposalId: second.id, version: second.version });
    expect(cardTexts(supp)).toContain(s.expect.supplementary);
    const agenda = cardTexts(adaptiveCardOf((await say(chair, s.say.agenda))[0]!));
    expect(agenda).toContain(s.expect.reapprove);

    const noReason = await press(chair, 'proposal.reject', { proposalId: third.id, version: third.version, reason: '  ' });
    expect((await bot.store.proposals.get(third.id))!.status).toBe('submitted');
    expect(cardTexts(noReason).length).toBeGreaterThan(0);
    await press(chair, 'proposal.defer', { proposalId: third.id, version: third.version });
    const deferred = (await bot.store.proposals.get(third.id))!;
    expect(deferred.status).toBe('deferred');
    expect(deferred.meetingId).not.toBe(meetingId);
    const list = cardTexts(adaptiveCardOf((await say(member, s.say.mine))[0]!));
    expect(list).toEqual(expect.arrayContaining([evil, 'Second item', 'Third item']));
  });

  it('gives each person their own view on refresh, and lets only the proposer withdraw', async () => {
    const [formMessage] = await say(member, s.say.propose);
    const form = adaptiveCardOf(formMessage!)!;
    const meetingId = ((form.body as Record<string, unknown>[]).find((b) => b.id === 'meetingId') as { value: string }).value;
    const card = await press(member, 'proposal.submit', { title: 'Fourth item', kind: 'discussion', meetingId }, String(formMessage!.id));
    const refresh = (card as { refresh?: { userIds: string[]; action: { data: { proposalId: string } } } }).refresh!;
    expect(refresh.userIds).toEqual(expect.arrayContaining([member.id, chair.id]));
    const id = refresh.action.data.proposalId;
    const verbs = (c: unknown) => [...JSON.stringify(c).matchAll(/"verb":"(proposal\.[a-z]+)"/g)].map((m) => m[1]).filter((v) => v !== 'proposal.refresh');
    expect(new Set(verbs(await press(chair, 'proposal.refresh', { proposalId: id })))).toEqual(new Set(['proposal.approve', 'proposal.reject', 'proposal.defer']));
    expect(new Set(verbs(await press(member, 'proposal.refresh', { proposalId: id })))).toEqual(new Set(['proposal.withdraw']));
    expect(verbs(await press(outsider, 'proposal.refresh', { proposalId: id }))).toEqual([]);
    const version = (await bot.store.proposals.get(id))!.version;
    expect(await press(outsider, 'proposal.withdraw', { proposalId: id, version })).toBe(s.expect.notAllowed);
    await press(member, 'proposal.withdraw', { proposalId: id, version });
    expect((await bot.store.proposals.get(id))!.status).toBe('withdrawn');
  });

  it('shows the chair the proposals waiting, and refuses the review to others', async () => {
    const refused = await say(member, s.say.review);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.attachments).toBeUndefined();
    const forChair = await say(chair, s.say.review);
    expect(forChair.length).toBeGreaterThanOrEqual(1);
  });
});

describe('a proposal the store cannot take', () => {
  it('is not reported as sent: the member keeps the text in the form and is told', async () => {
    const store = await freshPgliteStore();
    store.proposals.create = () => Promise.reject(new Error('disk full'));
    const bot = await startTestBot({ COUNCIL: 'testrad', COUNCILS_DIR: 'tests/fixtures/councils' }, store, { clock: () => NOW });
    try {
      await bot.app.store.meetings.create('testrad', { startsAt: new Date('2027-01-12T17:00:00Z'), endsAt: new Date('2027-01-12T18:30:00Z'), place: 'Town hall', onlineUrl: undefined, budget: false, note: undefined }, 'clerk');
      const mo = user('Mo Member');
      bot.connector.addMember({ id: mo.id, name: mo.name, aadObjectId: mo.aadObjectId, email: 'member@example.org' });
      const meetingId = (await store.meetings.list('testrad'))[0]!.id;
      const res = await bot.post(cardAction('proposal.submit', { title: 'Keep me', summary: 'All my work', kind: 'decision', meetingId }, { serviceUrl: bot.connector.url, from: mo }));
      const body = (await res.json()) as { value: unknown };
      const texts = cardTexts(body.value);
      expect(texts[2]).toMatch(/^Your proposal could not be stored just now, so it has not been sent\. Your text is still in the form/);
      expect(JSON.stringify(body.value)).toContain('All my work');
    } finally {
      await bot.stop();
    }
  });
});

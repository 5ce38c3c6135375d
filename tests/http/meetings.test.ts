import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, message, user, type User } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardProblems, cardTexts } from '../helpers/cards.ts';

// Monday 23 November 2026, 11:00 in Stockholm and Copenhagen.
const NOW = new Date('2026-11-23T10:00:00Z');
const clock = () => NOW;

type Invoked = { statusCode: number; type: string; value: unknown };

describe('meetings over HTTP', () => {
  let lund: TestBot;
  let htk: TestBot;
  let test: TestBot;
  const secretary: User = user('Ulrika Dagard');
  const stranger: User = user('Someone Else');

  beforeAll(async () => {
    [lund, htk, test] = await Promise.all([
      startTestBot({}, undefined, { clock }),
      startTestBot({ COUNCIL: 'hoje-taastrup' }, undefined, { clock }),
      startTestBot({ COUNCIL: 'testrad', COUNCILS_DIR: 'tests/fixtures/councils' }, undefined, { clock }),
    ]);
    lund.connector.addMember({ id: secretary.id, name: secretary.name, aadObjectId: secretary.aadObjectId, email: 'ulrika.dagard@lund.se' });
    lund.connector.addMember({ id: stranger.id, name: stranger.name, aadObjectId: stranger.aadObjectId, email: 'someone@example.org' });
  });
  afterAll(async () => {
    await Promise.all([lund.stop(), htk.stop(), test.stop()]);
  });

  async function ask(bot: TestBot, text: string, from: User = user('Asker'), locale?: string) {
    const activity = message(text, { serviceUrl: bot.connector.url, from, ...(locale ? { locale } : {}) });
    const before = bot.connector.sentTo(activity.conversation.id).length;
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    const sent = bot.connector.sentTo(activity.conversation.id).slice(before);
    expect(sent).toHaveLength(1);
    return sent[0]!;
  }

  async function press(bot: TestBot, from: User, verb: string, data: Record<string, unknown>): Promise<Invoked> {
    const res = await bot.post(cardAction(verb, data, { serviceUrl: bot.connector.url, from, locale: 'sv-SE' }));
    expect(res.status).toBe(200);
    return (await res.json()) as Invoked;
  }

  const facts = (card: unknown) => {
    const texts = cardTexts(card);
    return (title: string) => texts[texts.indexOf(title) + 1];
  };

  it('answers "när är nästa möte?" with the example plan\u2019s next meeting, local time and the three deadlines', async () => {
    const card = adaptiveCardOf(await ask(lund, 'När är nästa möte?', user('Member'), 'sv-SE'));
    expect(cardProblems(card)).toEqual([]);
    const fact = facts(card);
    expect(cardTexts(card)).toContain('Nästa möte: Kommunala integrationsrådet');
    expect(fact('När')).toBe('tisdag 16 februari 2027 kl. 18:00\u201320:00');
    expect(fact('Plats')).toBe('Diamanten, kommunhuset Kristallen, Lund');
    expect(fact('Kallelse')).toBe('inte skickad än');
    expect(fact('Sista dag att föreslå ärenden')).toBe('tisdag 26 januari \u00b7 om 64 dagar');
    expect(fact('Ordföranden godkänner föredragningslistan')).toBe('måndag 1 februari \u00b7 om 70 dagar');
    expect(fact('Kallelse med föredragningslista hos ledamöterna')).toBe('tisdag 2 februari \u00b7 om 71 dagar');
  });

  it('answers in English and Danish, in the asker\u2019s words', async () => {
    const en = adaptiveCardOf(await ask(lund, 'when is the next meeting?', user('Guest'), 'en-GB'));
    expect(facts(en)('When')).toBe('Tuesday, 16 February 2027, 18:00\u201320:00');
    const da = adaptiveCardOf(await ask(htk, 'Når er næste møde?', user('Medlem'), 'da-DK'));
    const fact = facts(da);
    expect(fact('Hvornår')).toBe('onsdag den 9. december 2026 kl. 17.00\u201320.00');
    expect(fact('Sidste frist for forslag til punkter')).toBe('onsdag 18. november \u00b7 overskredet');
    expect(fact('Formanden godkender dagsordenen')).toBe('tirsdag 24. november \u00b7 i morgen');
    expect(fact('Indkaldelse med dagsorden hos medlemmerne')).toBe('onsdag 25. november \u00b7 om 2 dage');
    for (const phrase of ['hvornår ses vi', 'når ses vi næste gang?', 'når er næste møde']) {
      expect(cardTexts(adaptiveCardOf(await ask(htk, phrase)))).toContain('Næste møde: Integrationsrådet i Høje-Taastrup Kommune');
    }
  });

  it('lists this year\u2019s meetings and the coming deadlines', async () => {
    const year = cardTexts(adaptiveCardOf(await ask(lund, 'möten i år', user('Member'), 'sv-SE')));
    expect(year[0]).toBe('Möten i Kommunala integrationsrådet 2026');
    expect(year.filter((t) => t === 'hållet')).toHaveLength(4);
    expect(year).toContain('tisdag 21 april 2026');
    expect(year).toContain('18:00\u201320:00 \u00b7 Diamanten, kommunhuset Kristallen, Lund \u00b7 budgetmöte');
    const deadlines = adaptiveCardOf(await ask(lund, 'tidsfrister', user('Member'), 'sv-SE'));
    expect(cardProblems(deadlines)).toEqual([]);
    expect(cardTexts(deadlines).filter((t) => t.startsWith('Möte '))).toEqual([
      'Möte tisdag 16 februari kl. 18:00\u201320:00',
      'Möte tisdag 20 april kl. 18:00\u201320:00',
      'Möte tisdag 21 september kl. 18:00\u201320:00',
    ]);
  });

  it('says so, and who to ask, when no meeting is planned', async () => {
    const reply = await ask(test, 'next meeting');
    expect(reply.text).toBe('No coming meeting of Test Advisory Council is planned. Ask Sam Clerk (clerk@example.org).');
  });

  it('lets the secretary schedule a meeting through the form, with errors shown in the card and nothing stored', async () => {
    const form = adaptiveCardOf(await ask(lund, 'planera möte', secretary, 'sv-SE'));
    expect(cardProblems(form)).toEqual([]);
    expect(cardTexts(form)).toContain('Planera ett möte i Kommunala integrationsrådet');
    const before = await lund.store.meetings.list('lund', { includeCancelled: true });

    const bad = await press(lund, secretary, 'meeting.save', { date: '2026-11-01', start: '19:00', end: '18:00', place: '  ', onlineUrl: 'javascript:alert(1)' });
    expect(bad.type).toBe('application/vnd.microsoft.card.adaptive');
    const badTexts = cardTexts(bad.value);
    expect(badTexts).toContain('Inget sparades. Rätta fälten som är markerade nedan.');
    expect(badTexts).toEqual(expect.arrayContaining(['Mötet måste sluta efter att det börjar.', 'Måste fyllas i.', 'Måste vara en https://-länk.']));
    const notADate = await press(lund, secretary, 'meeting.save', { date: '2027-02-30', start: '18:00', end: '20:00', place: 'Stadshallen' });
    expect(cardTexts(notADate.value)).toContain('Skriv datumet som ÅÅÅÅ-MM-DD.');
    const past = await press(lund, secretary, 'meeting.save', { date: '2026-11-20', start: '18:00', end: '20:00', place: 'Stadshallen' });
    expect(cardTexts(past.value)).toContain('Mötet måste ligga i framtiden.');
    expect(await lund.store.meetings.list('lund', { includeCancelled: true })).toEqual(before);

    const ok = await press(lund, secretary, 'meeting.save', {
      date: '2027-01-19',
      start: '17:30:00',
      end: '19:00',
      place: 'Stadshallen, sal 2; "${evil}"',
      onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
      budget: 'false',
      note: 'Extra möte om bostadsfrågan',
    });
    const saved = cardTexts(ok.value);
    expect(saved).toContain('Sparat. Ledamöterna ser de nya uppgifterna när de frågar.');
    expect(saved).toContain('tisdag 19 januari 2027 kl. 17:30\u201319:00');
    expect(saved).toContain('Stadshallen, sal 2; "${evil}"');
    const after = await lund.store.meetings.list('lund', { includeCancelled: true });
    const created = after.find((m) => !before.some((b) => b.id === m.id))!;
    expect(created).toMatchObject({ place: 'Stadshallen, sal 2; "${evil}"', startsAt: new Date('2027-01-19T16:30:00Z'), sequence: 0 });
    expect((await lund.store.meetings.history(created.id)).map((h) => h.action)).toEqual(['scheduled']);
    // It is now the next meeting.
    expect(facts(adaptiveCardOf(await ask(lund, 'nästa möte', user('Member'), 'sv-SE')))('När')).toBe('tisdag 19 januari 2027 kl. 17:30\u201319:00');
  });

  it('refuses staff actions from anyone else, records the attempt, and changes nothing', async () => {
    const meeting = (await lund.store.meetings.list('lund', { from: NOW }))[0]!;
    const reply = await press(lund, stranger, 'meeting.cancel.confirm', { meetingId: meeting.id, sequence: meeting.sequence, reason: 'nope' });
    expect(reply.value).toBe('Det kan bara sekreteraren för Kommunala integrationsrådet göra. Om det är du, be att din e-postadress läggs till i rådets förteckning.');
    expect(await lund.store.meetings.get(meeting.id)).toEqual(meeting);
    const audit = await lund.store.listAudit({ action: 'meeting.action-refused' });
    expect(audit.at(-1)).toMatchObject({ actor: stranger.aadObjectId, subject: meeting.id, details: { what: 'meeting.cancel.confirm' } });
    const typed = await ask(lund, 'kontrollera planen', stranger, 'sv-SE');
    expect(typed.text).toMatch(/^Det kan bara sekreteraren/);
  });

  it('moves and cancels a meeting with its history kept; a stale or forged action changes nothing', async () => {
    const htkMeeting = (await htk.store.meetings.list('hoje-taastrup', { from: NOW }))[0]!;
    // An id from another council is not this council's meeting.
    const forged = await press(lund, secretary, 'meeting.cancel.confirm', { meetingId: htkMeeting.id, sequence: 0 });
    expect(forged.value).toBe('Jag hittar inte det mötet i Kommunala integrationsrådet.');
    const junk = await press(lund, secretary, 'meeting.noticeSent', { meetingId: "'; DROP TABLE meetings; --" });
    expect(junk.value).toBe('Jag hittar inte det mötet i Kommunala integrationsrådet.');

    const target = (await lund.store.meetings.list('lund', { from: NOW })).find((m) => m.planKey === '2027-02-16')!;
    const edit = await press(lund, secretary, 'meeting.edit', { meetingId: target.id, sequence: target.sequence });
    const editTexts = cardTexts(edit.value);
    expect(editTexts).toContain('Ändra mötet tisdag 16 februari 2027');
    const moved = await press(lund, secretary, 'meeting.save', { meetingId: target.id, sequence: target.sequence, date: '2027-02-23', start: '18:00', end: '20:00', place: 'Diamanten' });
    expect(cardTexts(moved.value)).toContain('tisdag 23 februari 2027 kl. 18:00\u201320:00');
    // The same button pressed again carries the old sequence: refused, nothing overwritten.
    const again = await press(lund, secretary, 'meeting.save', { meetingId: target.id, sequence: target.sequence, date: '2027-02-24', start: '18:00', end: '20:00', place: 'Diamanten' });
    expect(cardTexts(again.value)).toContain('Någon har ändrat mötet under tiden, så inget sparades. Så här ser det ut nu.');
    expect((await lund.store.meetings.get(target.id))!.startsAt).toEqual(new Date('2027-02-23T17:00:00Z'));

    const cancelled = await press(lund, secretary, 'meeting.cancel.confirm', { meetingId: target.id, sequence: target.sequence + 1, reason: 'Lokalen är inte tillgänglig' });
    expect(cardTexts(cancelled.value)).toContain('Mötet är inställt: Lokalen är inte tillgänglig');
    const history = await lund.store.meetings.history(target.id);
    expect(history.map((h) => h.action)).toEqual(['planned', 'changed', 'cancelled']);
    expect(history[1]!.before).toMatchObject({ startsAt: '2027-02-16T17:00:00.000Z' });
    expect(history[2]!.reason).toBe('Lokalen är inte tillgänglig');
    const year = cardTexts(adaptiveCardOf(await ask(lund, 'meetings', user('Guest'), 'en-GB')));
    expect(year).toContain('Meetings of Municipal Integration Council of Lund in 2026');
  });

  it('warns the secretary about the plan, citing the rule, and records a sent notice', async () => {
    const check = adaptiveCardOf(await ask(htk, 'check the plan', user('Clerk'), 'en-GB'));
    // HTK's roster has no addresses: nobody is recognised as secretary there.
    expect(check).toBeUndefined();
    const ok = cardTexts(adaptiveCardOf(await ask(lund, 'kontrollera planen', secretary, 'sv-SE')));
    expect(ok).toEqual(['Kontroll av planen: Kommunala integrationsrådet', 'Inga problem: årets möten och kallelser följer reglerna.']);

    // Cancel the April budget meeting of 2027: three meetings left, none tied to the budget.
    const april = (await lund.store.meetings.list('lund', { from: NOW })).find((m) => m.planKey === '2027-04-20')!;
    await press(lund, secretary, 'meeting.cancel.confirm', { meetingId: april.id, sequence: april.sequence });
    const warned = cardTexts(adaptiveCardOf(await ask(lund, 'kontrollera planen', secretary, 'sv-SE')));
    expect(warned).toContain('2027: 3 möten planerade; reglerna kräver minst 4.');
    expect(warned).toContain('2027: inget möte är markerat som budgetmöte; reglerna kräver ett i anslutning till budgetbehandlingen.');
    expect(warned).toContain('Regel: Antal sammanträden, Regler för kommunala råd, beslutade i KS 2018-03-07');

    const next = (await lund.store.meetings.list('lund', { from: NOW }))[0]!;
    const sent = await press(lund, secretary, 'meeting.noticeSent', { meetingId: next.id, sequence: next.sequence });
    const sentTexts = cardTexts(sent.value);
    expect(sentTexts).toContain('Noterat: kallelsen skickades måndag 23 november 2026.');
    expect(sentTexts).toContain('skickad måndag 23 november');
    expect((await lund.store.meetings.get(next.id))!.noticeSentAt).toEqual(NOW);
  });

  it('counts members asking for an extra meeting and tells the secretary when more than half have asked', async () => {
    const as = (name: string, email: string) => {
      const u = user(name);
      test.connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, email });
      return u;
    };
    const clerk = { ...user('Sam Clerk'), aadObjectId: '5a3c1f4e-0000-4000-8000-00000000c1e4' };
    test.connector.addMember({ id: clerk.id, name: clerk.name, aadObjectId: clerk.aadObjectId, email: 'clerk@example.org' });
    await ask(test, 'help', clerk); // the bot now knows the secretary's personal chat
    const mo = as('Mo Member', 'member@example.org');
    const ann = as('Ann Member', 'ann@example.org');
    const bo = as('Bo Member', 'bo@example.org');

    expect((await ask(test, 'extra meeting', mo)).text).toMatch(/^Write \u201cextra meeting\u201d followed by the reason/);
    expect((await ask(test, 'extra meeting about the Housing Report', mo)).text).toBe(
      'Your request is recorded. 1 of 4 members have asked; more than half (3) are needed, or the chair or vice chair.',
    );
    expect((await ask(test, 'extra meeting about the Housing Report', mo)).text).toMatch(/^You have already asked in this round\. 1 of 4/);
    expect((await ask(test, 'extra meeting: budget cuts', user('Outsider'))).text).toMatch(/^I cannot find you among the members/);
    await ask(test, 'extra meeting because of the budget', ann);
    const met = await ask(test, 'extra meeting: schools', bo);
    expect(met.text).toBe('The rule is met: an extra meeting must be held. I have told: Sam Clerk.');
    const toClerk = test.connector.sentTo(`a:personal-${clerk.id}`).at(-1)!;
    expect(toClerk.text).toBe(
      'Test Advisory Council: an extra meeting must be held. Asked by: Mo Member, Ann Member, Bo Member. Reasons: the Housing Report | of the budget | schools',
    );
    // A new round starts after the rule was met.
    expect((await ask(test, 'extra meeting about something else', mo)).text).toMatch(/^Your request is recorded\. 1 of 4/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAction, message, user, type User } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardProblems, cardTexts } from '../helpers/cards.ts';
import { councilCopy } from '../helpers/council-copy.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const COUNCIL = 'lund-gdpr';

describe('personal data: export (GDPR art. 15) and erasure of a former member (art. 17)', () => {
  let bot: TestBot;
  let proposalId: string;
  const member = user('Mira Melander');
  const chair = user('Yanira Difonis');
  const secretary = user('Ulrika Dagård');

  const chatOf = (u: User) => `a:personal-${u.id}`;
  async function say(u: User, text: string) {
    const before = bot.connector.sentTo(chatOf(u)).length;
    expect((await bot.post(message(text, { serviceUrl: bot.connector.url, from: u, locale: 'sv-SE' }))).status).toBe(200);
    return bot.connector.sentTo(chatOf(u)).slice(before);
  }
  async function press(u: User, data: Record<string, unknown>) {
    const res = await bot.post(cardAction('personal.erase', data, { serviceUrl: bot.connector.url, from: u, locale: 'sv-SE' }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: unknown }).value;
  }

  beforeAll(async () => {
    const dir = councilCopy('lund', COUNCIL, { 'Mira Melander': 'mira@example.org', 'Yanira Difonis': 'chair@example.org' });
    bot = await startTestBot({ COUNCIL, COUNCILS_DIR: dir }, undefined, { clock: () => NOW });
    for (const [u, email] of [[member, 'mira@example.org'], [chair, 'chair@example.org'], [secretary, 'ulrika.dagard@lund.se']] as const) {
      bot.connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, email });
    }
    // Mira has a chat with the bot, has turned her reminders off, and proposed an item the chair approved.
    await say(member, 'pausa påminnelser');
    const [meeting] = await bot.store.meetings.list(COUNCIL, { from: NOW });
    const p = await bot.store.proposals.create({
      title: 'Språkcaféer i stadsdelarna', summary: 'Ett förslag från Mira.', presenter: 'Mira Melander', registryNumber: undefined, links: [], estimatedMinutes: 20,
      kind: 'discussion', councilId: COUNCIL, meetingId: meeting!.id, late: false, submitterId: member.aadObjectId, submitterName: member.name, submitterUserId: member.id,
    });
    proposalId = p.id;
    const decided = await bot.store.proposals.decide(p.id, p.version, { to: 'approved', actor: chair.aadObjectId, actorName: chair.name, reason: undefined, at: NOW });
    expect(decided.ok).toBe(true);
  });
  afterAll(() => bot.stop());

  it('gives a member everything stored about them, as JSON', async () => {
    const [intro, ...parts] = await say(member, 'exportera mina uppgifter');
    expect(String(intro!.text)).toMatch(/^Här är allt jag har sparat om dig i Kommunala integrationsrådet \(GDPR art\. 15\): personliga chattar: 1, förslag: 1, händelser i förslagens historik: 1, påminnelseinställningar: \d+, poster i granskningsloggen: 1\./);
    const json = JSON.parse(String(parts.map((p) => String(p.text)).join('')).replace(/```\n?/g, '')) as Record<string, Record<string, unknown>[]>;
    expect(json.proposals![0]).toMatchObject({ title: 'Språkcaféer i stadsdelarna', submitter_name: 'Mira Melander' });
    expect(json.chats![0]).toMatchObject({ conversation_id: chatOf(member), email: 'mira@example.org' });
    expect(json.reminderSettings!.length).toBeGreaterThan(0);
    // Other people appear only as the record of her proposal has them (who decided), not their chats or settings.
    expect(JSON.stringify(json)).not.toContain('chair@example.org');
    expect(JSON.stringify(json.chats)).not.toContain(chair.id);
  });

  it('lets only the secretary erase, checked again when the button is pressed', async () => {
    const [refusal] = await say(member, 'radera personuppgifter Yanira Difonis');
    expect(String(refusal!.text)).toBe('Bara sekreteraren för Kommunala integrationsrådet kan radera personuppgifter.');
    expect(await press(member, { name: 'Yanira Difonis', role: 'secretary' })).toBe('Bara sekreteraren för Kommunala integrationsrådet kan radera personuppgifter.');
    expect((await bot.store.proposals.get(proposalId))!.decidedByName).toBe('Yanira Difonis');
    const [unknown] = await say(secretary, 'radera personuppgifter Ingen Alls');
    expect(String(unknown!.text)).toBe('Jag hittar ingen som heter ”Ingen Alls” i förteckningen eller handlingarna för Kommunala integrationsrådet.');
  });

  it('pseudonymises a former member in the public record and removes their chats and settings', async () => {
    const [confirmMessage] = await say(secretary, 'radera personuppgifter mira melander');
    const confirm = adaptiveCardOf(confirmMessage!)!;
    expect(cardProblems(confirm)).toEqual([]);
    expect(cardTexts(confirm)).toContain('Radera personuppgifterna för Mira Melander?');
    // What will change is counted in Swedish, not under the store's names for its tables.
    expect(JSON.stringify(confirm)).toContain('"title":"förslag"');
    expect(JSON.stringify(confirm)).not.toContain('proposalHistory');
    // Nothing changes before the press.
    expect((await bot.store.proposals.get(proposalId))!.submitterName).toBe('Mira Melander');

    const done = String(await press(secretary, { name: 'Mira Melander' }));
    const pseudonym = /”(Tidigare ledamot [0-9a-f]{8})”/.exec(done)?.[1];
    expect(done, done).toMatch(/^Klart: Mira Melander är nu ”Tidigare ledamot [0-9a-f]{8}” i handlingarna \(.*förslag: \d+.*\)/);
    expect(done).not.toMatch(/proposals|auditLog/);

    const p = (await bot.store.proposals.get(proposalId))!;
    expect(p).toMatchObject({ title: 'Språkcaféer i stadsdelarna', status: 'approved', submitterName: pseudonym, presenter: pseudonym, submitterUserId: undefined, decidedByName: 'Yanira Difonis' });
    expect(p.submitterId).toMatch(/^pseudonym:/);
    const history = await bot.store.proposals.history(proposalId);
    expect(history.map((h) => [h.action, h.actorName])).toEqual([['submitted', pseudonym], ['approved', 'Yanira Difonis']]);
    expect(history[0]!.actor).toMatch(/^pseudonym:/);
    expect(await bot.store.getConversation(chatOf(member))).toBeUndefined();
    expect(await bot.store.reminders.mutedKinds(COUNCIL, 'Mira Melander')).toEqual([]);
    const audit = await bot.store.listAudit({ councilId: COUNCIL });
    expect(audit.some((a) => a.actor === member.aadObjectId)).toBe(false);
    const erased = audit.find((a) => a.action === 'personal-data.erased')!;
    expect(erased.actor).toBe(secretary.aadObjectId);
    expect(JSON.stringify(erased)).not.toContain('Mira');
    // Her export now finds nothing under her ids.
    const [intro] = await say(member, 'exportera mina uppgifter');
    expect(String(intro!.text)).toMatch(/: personliga chattar: 1\./);
  });
});

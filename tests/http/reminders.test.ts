import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_KINDS } from '../../src/domain/reminders.ts';
import { zonedInstant } from '../../src/domain/civil-date.ts';
import { botInstalled, message, user, type User } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { freshPgliteStore } from '../helpers/stores.ts';

const TESTRAD = { COUNCIL: 'testrad', COUNCILS_DIR: 'tests/fixtures/councils' };
const TZ = 'Europe/Stockholm';
const meetingAt = (day: string) => ({ startsAt: zonedInstant(day, '18:00', TZ), endsAt: zonedInstant(day, '19:30', TZ), place: 'Town hall', onlineUrl: undefined, budget: false, note: undefined });

describe('reminders in Teams', () => {
  let bot: TestBot;
  const mo: User = user('Mo Member');
  const ann: User = user('Ann Member');
  const clerk: User = user('Sam Clerk', '5a3c1f4e-0000-4000-8000-00000000c1e4');
  const guest: User = user('Guest Person');
  const now = new Date('2027-02-01T08:00:00Z');

  beforeAll(async () => {
    const store = await freshPgliteStore();
    await store.meetings.create('testrad', meetingAt('2027-03-02'), 'clerk');
    bot = await startTestBot(TESTRAD, store, { clock: () => now });
    for (const [u, email] of [[mo, 'member@example.org'], [ann, 'ann@example.org'], [clerk, 'clerk@example.org'], [guest, 'guest@example.org']] as const) {
      bot.connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, email });
    }
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('opens personal chats for the roster people in a team it joins, and for nobody else', async () => {
    const where = { scope: 'channel' as const, conversationId: '19:team-x', teamId: '19:team-x' };
    const res = await bot.post(botInstalled({ serviceUrl: bot.connector.url, from: clerk, where }));
    expect(res.status).toBe(200);
    expect(bot.connector.created.map((c) => c.memberId).sort()).toEqual([ann.id, clerk.id, mo.id].sort());
    expect((await bot.store.findPersonalConversation({ email: 'member@example.org' }))?.conversationId).toBe(`a:created-${mo.id}`);
    expect(await bot.store.findPersonalConversation({ email: 'guest@example.org' })).toBeUndefined();
  });

  it('lets a person stop and restart reminders, and tells someone off the roster why they get none', async () => {
    const say = async (u: User, text: string) => {
      await bot.post(message(text, { serviceUrl: bot.connector.url, from: u }));
      return String(bot.connector.sentTo(`a:personal-${u.id}`).at(-1)!.text);
    };
    expect(await say(mo, 'stop reminders')).toBe('Reminders are off for you in Test Advisory Council. Write \u201cstart reminders\u201d to turn them on again.');
    expect(await bot.store.reminders.mutedKinds('testrad', 'Mo Member')).toEqual([...REMINDER_KINDS].sort());
    const many = await bot.store.reminders.mutedKindsOf([{ councilId: 'testrad', person: 'Mo Member' }, { councilId: 'testrad', person: 'Ann Member' }, { councilId: 'lund', person: 'Mo Member' }]);
    expect([...many.keys()]).toEqual(['testrad|Mo Member']);
    expect(await say(mo, 'start reminders')).toBe('Reminders are on for you in Test Advisory Council.');
    expect(await bot.store.reminders.mutedKinds('testrad', 'Mo Member')).toEqual([]);
    expect(await say(guest, 'pausa påminnelser')).toMatch(/^Du finns inte i förteckningen för Testrådet/);
  });

  it('shows staff which reminders are planned for the next meeting', async () => {
    const text = async (u: User) => {
      await bot.post(message('planned reminders', { serviceUrl: bot.connector.url, from: u }));
      return String(bot.connector.sentTo(`a:personal-${u.id}`).at(-1)!.text);
    };
    const planned = await text(clerk);
    expect(planned.split('\n')[0]).toBe('Reminders for the meeting of Tuesday 2 March, 18:00\u201319:30');
    expect(planned).toContain('- Proposals closing soon, Tuesday 9 February 09:00: 4 people (4 planned)');
    expect(planned).toContain('- Meeting tomorrow, Monday 1 March 09:00: 4 people (4 planned)');
    expect(await text(mo)).toMatch(/^Only the secretary of Test Advisory Council can do that/);
  });
});

describe('the scheduler in the running bot', () => {
  it('delivers the reminders due at a shifted clock into the right personal chats, once', async () => {
    const store = await freshPgliteStore();
    await store.meetings.create('testrad', meetingAt('2027-03-02'), 'clerk');
    // The bot starts before the reminder is due, so that Mo's personal chat exists when it falls
    // due: a reminder due for someone the bot has no chat with fails for good, and a scheduler round
    // on a loaded machine could otherwise come before Mo's first message.
    let now = zonedInstant('2027-03-01', '08:00', TZ);
    const bot = await startTestBot({ ...TESTRAD, REMINDER_INTERVAL_SECONDS: '1' }, store, { clock: () => now });
    try {
      const mo = user('Mo Member');
      bot.connector.addMember({ id: mo.id, name: mo.name, aadObjectId: mo.aadObjectId, email: 'member@example.org' });
      await bot.post(message('help', { serviceUrl: bot.connector.url, from: mo }));
      const chat = `a:personal-${mo.id}`;
      const tomorrow = () => bot.connector.sentTo(chat).filter((a) => String(a.text).startsWith('Test Advisory Council: the meeting is tomorrow'));
      await new Promise((r) => setTimeout(r, 1500)); // rounds pass before it is due
      expect(tomorrow()).toHaveLength(0);
      now = zonedInstant('2027-03-01', '09:30', TZ);
      for (let i = 0; i < 150 && tomorrow().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 2500)); // more rounds pass
      expect(tomorrow()).toHaveLength(1);
      expect(String(tomorrow()[0]!.text)).toBe(
        'Test Advisory Council: the meeting is tomorrow, Tuesday 2 March, 18:00\u201319:30, Town hall. Write \u201cagenda\u201d to see the agenda. (Write \u201cstop reminders\u201d to turn reminders off.)',
      );
      expect(bot.logs.some((l) => l.msg === 'reminder delivered' && !JSON.stringify(l).includes('meeting is tomorrow'))).toBe(true);
    } finally {
      await bot.stop();
    }
  }, 40_000);
});

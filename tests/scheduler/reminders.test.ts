import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { loadCouncils, SHIPPED_COUNCILS_DIR } from '../../src/councils/load.ts';
import type { Council } from '../../src/councils/schema.ts';
import { zonedInstant } from '../../src/domain/civil-date.ts';
import type { Meeting } from '../../src/domain/meetings.ts';
import { createAdapter } from '../../src/http/adapter.ts';
import { MeetingService } from '../../src/meetings/service.ts';
import { ProposalService } from '../../src/proposals/service.ts';
import { adapterDeliver } from '../../src/scheduler/deliver.ts';
import { ReminderDispatcher, type Deliver } from '../../src/scheduler/dispatcher.ts';
import { ReminderPlanner } from '../../src/scheduler/reminder-service.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { startConnector, type Connector } from '../helpers/connector.ts';
import { engines, freshPostgresSchema, TEST_DATABASE_URL } from '../helpers/stores.ts';

const TZ = 'Europe/Stockholm';
const log = pino({ level: 'silent' });
const council = loadCouncils([SHIPPED_COUNCILS_DIR, 'tests/fixtures/councils']).get('testrad')! as Council;
// testrad: Sam Clerk (secretary), Chris Chair (chair), Mo, Ann, Bo (members); notice 10 days before.
const PEOPLE = council.roster.map((r) => r.name);
const chatOf = (name: string) => `a:personal-${name.toLowerCase().replace(/\W+/g, '-')}`;

async function seedChats(store: Store, connector: Connector) {
  for (const entry of council.roster) {
    const id = chatOf(entry.name);
    await store.saveConversation({
      conversationId: id,
      scope: 'personal',
      tenantId: 't',
      teamId: undefined,
      userId: `29:${entry.name}`,
      aadObjectId: entry.aadObjectId,
      serviceUrl: connector.url,
      reference: { conversation: { id, conversationType: 'personal', isGroup: false, name: '' }, serviceUrl: connector.url, channelId: 'msteams', bot: { id: '28:bot', name: 'bot' }, user: { id: `29:${entry.name}`, name: entry.name } },
    });
    await store.saveIdentity(id, { email: entry.email, userPrincipalName: entry.upn });
  }
}

function world(store: Store, connector: Connector, clock: () => Date, owner: string, deliver?: Deliver, concurrency = 4) {
  const councils = new Map([[council.id, council]]);
  const meetings = new MeetingService(store.meetings);
  const proposals = new ProposalService(store.proposals, meetings);
  const planner = new ReminderPlanner(store.reminders, meetings);
  const dispatcher = new ReminderDispatcher({
    store,
    councils,
    meetings,
    proposals,
    clock,
    owner,
    log,
    deliver: deliver ?? adapterDeliver(createAdapter(loadConfig({}), log), '', clock),
    sleep: async () => {},
    random: () => 0.5,
    concurrency,
  });
  return { meetings, planner, dispatcher };
}

const meetingDetails = { startsAt: zonedInstant('2027-03-02', '18:00', TZ), endsAt: zonedInstant('2027-03-02', '19:30', TZ), place: 'Town hall', onlineUrl: undefined, budget: false, note: undefined };

describe.each(engines())('reminders on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let connector: Connector;
  let now: Date;
  let meeting: Meeting;
  const clock = () => now;

  beforeAll(async () => {
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    ({ store, dispose } = await engine.open());
    connector.clear();
    await seedChats(store, connector);
    meeting = await store.meetings.create(council.id, meetingDetails, 'clerk');
    now = new Date('2027-02-01T08:00:00Z');
  });
  afterEach(async () => {
    await dispose();
  });

  it('plans each reminder once, at 09:00 in the council zone, for the right people', async () => {
    const { planner } = world(store, connector, clock, 'a');
    expect((await planner.planMeeting(council, meeting)).added).toBeGreaterThan(0);
    expect(await planner.planMeeting(council, meeting)).toEqual({ added: 0, cancelled: 0 });
    const jobs = await store.reminders.list({ meetingId: meeting.id });
    const byKind = (kind: string) => jobs.filter((j) => j.kind === kind);
    // Notice deadline: 10 days before Tuesday 2 March = Friday 19 February; proposals close 7 days earlier.
    expect(byKind('proposals-closing').map((j) => j.recipient).sort()).toEqual(PEOPLE.filter((p) => p !== 'Sam Clerk').sort());
    expect(byKind('proposals-closing')[0]!.dueAt).toEqual(zonedInstant('2027-02-09', '09:00', TZ));
    expect(byKind('proposals-closed').map((j) => j.recipient)).toEqual(['Chris Chair']);
    expect(byKind('notice-due').map((j) => j.recipient).sort()).toEqual(['Chris Chair', 'Sam Clerk']);
    expect(byKind('notice-due')[0]!.dueAt).toEqual(zonedInstant('2027-02-19', '09:00', TZ));
    expect(byKind('meeting-tomorrow')[0]!.dueAt).toEqual(zonedInstant('2027-03-01', '09:00', TZ));
    expect(byKind('meeting-tomorrow')[0]!.expiresAt).toEqual(meeting.startsAt);
  });

  it('moves reminders with the meeting and drops them when it is cancelled', async () => {
    const { planner, meetings } = world(store, connector, clock, 'a');
    await planner.planMeeting(council, meeting);
    const moved = await store.meetings.update(meeting.id, 0, { kind: 'change', details: { ...meetingDetails, startsAt: zonedInstant('2027-03-09', '18:00', TZ), endsAt: zonedInstant('2027-03-09', '19:30', TZ) } }, 'clerk');
    await planner.planMeeting(council, moved.ok ? moved.meeting : meeting);
    const tomorrow = (await store.reminders.list({ meetingId: meeting.id })).filter((j) => j.kind === 'meeting-tomorrow');
    expect(tomorrow.every((j) => j.dueAt.getTime() === zonedInstant('2027-03-08', '09:00', TZ).getTime() && j.status === 'pending')).toBe(true);
    const cancelled = await store.meetings.update(meeting.id, 1, { kind: 'cancel', reason: 'x' }, 'clerk');
    await planner.planMeeting(council, cancelled.ok ? cancelled.meeting : meeting);
    expect(new Set((await store.reminders.list({ meetingId: meeting.id })).map((j) => j.status))).toEqual(new Set(['cancelled']));
    expect(await meetings.get(council, meeting.id)).toMatchObject({ status: 'cancelled' });
  });

  it('with the clock moved on, sends what is due to the right chats once, and what expired not at all', async () => {
    const { planner, dispatcher } = world(store, connector, clock, 'a');
    await planner.planMeeting(council, meeting);
    now = zonedInstant('2027-03-01', '10:00', TZ); // the day before the meeting
    const first = await dispatcher.tick();
    // Late but still useful: the overdue notice (the notice was never marked sent) and "meeting tomorrow".
    expect(first.sent).toBe(4 + 2 + 2);
    expect(first.expired).toBeGreaterThan(0);
    expect(await dispatcher.tick()).toMatchObject({ sent: 0 });
    for (const name of ['Chris Chair', 'Mo Member', 'Ann Member', 'Bo Member']) {
      const texts = connector.sentTo(chatOf(name)).map((a) => String(a.text));
      expect(texts.filter((t) => t.startsWith('Test Advisory Council: the meeting is tomorrow'))).toHaveLength(1);
    }
    expect(connector.sentTo(chatOf('Sam Clerk')).map((a) => String(a.text))).toEqual([
      expect.stringMatching(/^Test Advisory Council: the notice for the meeting of Tuesday 2 March, 18:00–19:30 was due on Friday 19 February and has not been sent\./),
      expect.stringMatching(/^Test Advisory Council: the notice for the meeting/),
    ]);
  });

  it('retries a throttled send after Retry-After and delivers it once; a removed bot is not retried', { timeout: 30_000 }, async () => {
    const { planner, dispatcher } = world(store, connector, clock, 'a');
    await planner.planMeeting(council, meeting);
    now = zonedInstant('2027-03-01', '10:00', TZ);
    await store.meetings.update(meeting.id, 0, { kind: 'notice-sent', at: now }, 'clerk');
    // The connector SDK retries three times itself, waiting out Retry-After; the fifth refusal
    // reaches the scheduler's second attempt, and the SDK's retry of that one gets through.
    connector.failNext(chatOf('Mo Member'), 429, { 'retry-after': '1' }, 5);
    connector.failNext(chatOf('Bo Member'), 403, {}, 5);
    expect(await dispatcher.tick()).toMatchObject({ sent: 2, retried: 1, failed: 1 });
    const mo = (await store.reminders.list({ meetingId: meeting.id })).find((j) => j.recipient === 'Mo Member' && j.kind === 'meeting-tomorrow')!;
    expect(mo.status).toBe('pending');
    expect(mo.dueAt.getTime() - now.getTime()).toBeGreaterThanOrEqual(1_000);
    expect(mo.lastError).toMatch(/^429/);
    expect(await dispatcher.tick()).toMatchObject({ sent: 0 }); // not before Retry-After
    now = new Date(now.getTime() + 60_000);
    expect(await dispatcher.tick()).toMatchObject({ sent: 1 });
    expect(connector.refused.filter((r) => r.conversationId === chatOf('Mo Member'))).toHaveLength(5);
    expect(connector.sentTo(chatOf('Mo Member'))).toHaveLength(1);
    expect(connector.refused.filter((r) => r.conversationId === chatOf('Bo Member'))).toHaveLength(1);
    const bo = (await store.reminders.list({ meetingId: meeting.id })).find((j) => j.recipient === 'Bo Member' && j.kind === 'meeting-tomorrow')!;
    expect(bo).toMatchObject({ status: 'failed' });
    expect(bo.lastError).toMatch(/^403/);
  });

  it('sends nothing to someone who muted reminders, and nothing about a notice already sent', async () => {
    const { planner, dispatcher } = world(store, connector, clock, 'a');
    await planner.planMeeting(council, meeting);
    await store.reminders.mute(council.id, 'Ann Member', ['meeting-tomorrow']);
    await store.meetings.update(meeting.id, 0, { kind: 'notice-sent', at: new Date('2027-02-18T10:00:00Z') }, 'clerk');
    now = zonedInstant('2027-03-01', '10:00', TZ);
    // Skipped: the two overdue-notice steps for the secretary and the chair.
    expect(await dispatcher.tick()).toMatchObject({ sent: 3, muted: 1, skipped: 4 });
    expect(connector.sentTo(chatOf('Ann Member'))).toHaveLength(0);
  });

  it('after an instance dies in the middle of a batch, another delivers what was left, with no duplicates', async () => {
    const real = adapterDeliver(createAdapter(loadConfig({}), log), '', clock);
    let calls = 0;
    // The first instance sends two reminders, then hangs on the third as if killed mid-send.
    const dying: Deliver = (ref, text) => (++calls <= 2 ? real(ref, text) : new Promise(() => {}));
    // One send at a time, so exactly one is under way when the instance "dies".
    const a = world(store, connector, clock, 'instance-a', dying, 1);
    await a.planner.planMeeting(council, meeting);
    now = zonedInstant('2027-03-01', '10:00', TZ);
    await store.meetings.update(meeting.id, 0, { kind: 'notice-sent', at: now }, 'clerk');
    void a.dispatcher.tick();
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.calls).toHaveLength(2);
    // The lease runs out; the second instance takes over.
    now = new Date(now.getTime() + 5 * 60_000);
    const b = world(store, connector, clock, 'instance-b');
    const result = await b.dispatcher.tick();
    expect(result.sent).toBe(1);
    const jobs = (await store.reminders.list({ meetingId: meeting.id })).filter((j) => j.kind === 'meeting-tomorrow');
    expect(jobs.filter((j) => j.status === 'sent')).toHaveLength(3);
    // The one whose send was under way is not sent again: at most once.
    expect(jobs.filter((j) => j.status === 'unknown')).toHaveLength(1);
    const perChat = new Map<string, number>();
    for (const c of connector.calls) perChat.set(c.conversationId, (perChat.get(c.conversationId) ?? 0) + 1);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
  });
});

describe.runIf(TEST_DATABASE_URL)('two scheduler instances over one PostgreSQL', () => {
  it('deliver each reminder exactly once', async () => {
    const connector = await startConnector();
    const { schema, drop } = await freshPostgresSchema();
    const url = TEST_DATABASE_URL!;
    const [s1, s2] = await Promise.all([
      openStore({ kind: 'postgres', url, postgres: { schema, maxConnections: 4 } }),
      openStore({ kind: 'postgres', url, postgres: { schema, maxConnections: 4 } }),
    ]);
    try {
      await seedChats(s1, connector);
      let now = new Date('2027-02-01T08:00:00Z');
      const clock = () => now;
      const meetings = [];
      for (const day of ['2027-03-02', '2027-03-09', '2027-03-16', '2027-03-23', '2027-03-30']) {
        meetings.push(await s1.meetings.create(council.id, { ...meetingDetails, startsAt: zonedInstant(day, '18:00', TZ), endsAt: zonedInstant(day, '19:30', TZ) }, 'clerk'));
      }
      const one = world(s1, connector, clock, 'one');
      const two = world(s2, connector, clock, 'two');
      for (const m of meetings) await Promise.all([one.planner.planMeeting(council, m), two.planner.planMeeting(council, m)]);
      now = zonedInstant('2027-03-01', '10:00', TZ);
      const rounds = await Promise.all([one.dispatcher.tick(), two.dispatcher.tick(), one.dispatcher.tick(), two.dispatcher.tick()]);
      const sent = rounds.reduce((n, r) => n + r.sent, 0);
      const jobs = await s1.reminders.list({ councilId: council.id });
      expect(jobs.filter((j) => j.status === 'sent')).toHaveLength(sent);
      expect(connector.calls).toHaveLength(sent);
      // Every delivery at the connector is one distinct job: no reminder went out twice.
      expect(new Set(jobs.filter((j) => j.status === 'sent').map((j) => j.key)).size).toBe(sent);
      // Whichever instance got there first, nothing that was due is left behind.
      expect(sent).toBeGreaterThan(0);
      expect(jobs.filter((j) => j.status === 'pending' && j.dueAt <= now)).toHaveLength(0);
    } finally {
      await Promise.all([s1.close(), s2.close()]);
      await drop();
      await connector.close();
    }
  }, 60_000);
});

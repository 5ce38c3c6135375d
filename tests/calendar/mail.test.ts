import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InviteMailer } from '../../src/calendar/mail.ts';
import { CalendarService } from '../../src/calendar/service.ts';
import { loadCouncils, SHIPPED_COUNCILS_DIR } from '../../src/councils/load.ts';
import type { Council } from '../../src/councils/schema.ts';
import type { Meeting } from '../../src/domain/meetings.ts';
import { MeetingService } from '../../src/meetings/service.ts';
import { ProposalService } from '../../src/proposals/service.ts';
import { ReminderDispatcher, type Deliver } from '../../src/scheduler/dispatcher.ts';
import { ReminderPlanner } from '../../src/scheduler/reminder-service.ts';
import type { Store } from '../../src/store/store.ts';
import { readWithIcalJs } from '../helpers/ical.ts';
import { freshPgliteStore } from '../helpers/stores.ts';

const log = pino({ level: 'silent' });
const council = loadCouncils([SHIPPED_COUNCILS_DIR, 'tests/fixtures/councils']).get('testrad')! as Council;
const DAY = 24 * 60 * 60 * 1000;

type Captured = { to: string; subject: string; text: string; method: string | undefined; calendar: string; attachment: string | undefined };

/** A local SMTP server that keeps every message, and can refuse chosen recipients. */
async function startSmtp() {
  const messages: Captured[] = [];
  const refuse = new Map<string, { code: number; times: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      const r = refuse.get(address.address);
      if (r && r.times > 0) {
        r.times -= 1;
        const err = Object.assign(new Error(r.code >= 500 ? 'no such mailbox' : 'try again later'), { responseCode: r.code });
        done(err);
        return;
      }
      done();
    },
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          const ics = mail.attachments.find((a) => a.filename === 'invite.ics');
          const alternative = mail.attachments.find((a) => a.contentType === 'text/calendar' && a.filename !== 'invite.ics');
          const calendar = (alternative ?? ics)?.content.toString('utf8') ?? '';
          messages.push({
            to: Array.isArray(mail.to) ? '' : (mail.to?.value[0]?.address ?? ''),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            method: (alternative?.headers.get('content-type') as { params?: { method?: string } } | undefined)?.params?.method,
            calendar,
            attachment: ics?.content.toString('utf8'),
          });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('calendar invites by e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let store: Store;
  let mailer: InviteMailer;
  let meetings: MeetingService;
  let planner: ReminderPlanner;
  let dispatcher: ReminderDispatcher;
  let meeting: Meeting;
  let now: Date;
  const told: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    store = await freshPgliteStore();
    smtp.messages.length = 0;
    told.length = 0;
    now = new Date(Date.now() + 60_000);
    const clock = () => now;
    const councils = new Map([[council.id, council]]);
    meetings = new MeetingService(store.meetings);
    const proposals = new ProposalService(store.proposals, meetings);
    planner = new ReminderPlanner(store.reminders, meetings, true);
    const calendar = new CalendarService({ councils, meetingStore: store.meetings, proposals, noticeUrl: () => undefined });
    mailer = new InviteMailer(smtp.url, 'council@example.org', calendar, clock);
    // The secretary's personal chat, where failures are reported.
    await store.saveConversation({
      conversationId: 'a:clerk',
      scope: 'personal',
      tenantId: 't',
      teamId: undefined,
      userId: '29:clerk',
      aadObjectId: council.roster.find((r) => r.role === 'secretary')!.aadObjectId,
      serviceUrl: 'http://127.0.0.1:1',
      reference: { conversation: { id: 'a:clerk', conversationType: 'personal', isGroup: false, name: '' } },
    });
    const deliver: Deliver = async (_ref, text) => {
      told.push(text);
      return { ok: true, activityId: 'x' };
    };
    dispatcher = new ReminderDispatcher({ store, councils, meetings, proposals, clock, owner: 'test', log, deliver, mail: (c, m, to) => mailer.send(c, m, to), sleep: async () => {}, random: () => 0.5 });
    // Meetings start on the hour; calendars keep whole seconds.
    const start = new Date(Math.ceil((Date.now() + 30 * DAY) / 3_600_000) * 3_600_000);
    meeting = await store.meetings.create(council.id, { startsAt: start, endsAt: new Date(start.getTime() + 90 * 60_000), place: 'Town hall', onlineUrl: undefined, budget: false, note: undefined }, 'clerk');
  });
  afterEach(async () => {
    mailer.close();
    await store.close();
  });

  async function noticeSent(): Promise<Meeting> {
    const r = await store.meetings.update(meeting.id, meeting.sequence, { kind: 'notice-sent', at: now }, 'clerk');
    if (!r.ok) throw new Error(r.reason);
    await planner.planMeeting(council, r.meeting);
    return r.meeting;
  }

  it('sends nothing before the notice, then one invite per member with an address', async () => {
    await planner.planMeeting(council, meeting);
    expect((await dispatcher.tick()).sent).toBe(0);
    await noticeSent();
    const result = await dispatcher.tick();
    expect(result.sent).toBe(3);
    // testrad: Mo, Ann and Bo have addresses; the chair has none; the secretary is the organizer.
    expect(smtp.messages.map((m) => m.to).sort()).toEqual(['ann@example.org', 'bo@example.org', 'member@example.org']);
    for (const m of smtp.messages) {
      expect(m.method).toBe('REQUEST');
      expect(m.subject).toBe('Test Advisory Council: meeting');
      expect(m.attachment).toBe(m.calendar);
      const cal = readWithIcalJs(m.calendar);
      expect(cal.method).toBe('REQUEST');
      expect(cal.events[0]!.sequence).toBe(0);
      expect(cal.events[0]!.start.toISOString()).toBe(meeting.startsAt.toISOString());
    }
    expect((await dispatcher.tick()).sent).toBe(0);
  });

  it('sends the change with the same UID and a higher SEQUENCE, then the cancellation', async () => {
    const sent = await noticeSent();
    await dispatcher.tick();
    const uid = readWithIcalJs(smtp.messages[0]!.calendar).events[0]!.uid;
    const later = new Date(sent.startsAt.getTime() + 60 * 60_000);
    const changed = await meetings.change(council, meeting.id, sent.sequence, { startsAt: later, endsAt: new Date(later.getTime() + 90 * 60_000), place: 'Library', onlineUrl: undefined, budget: false, note: undefined }, 'clerk');
    if (!changed.ok) throw new Error(changed.reason);
    await planner.planMeeting(council, changed.meeting);
    smtp.messages.length = 0;
    expect((await dispatcher.tick()).sent).toBe(3);
    for (const m of smtp.messages) {
      const e = readWithIcalJs(m.calendar).events[0]!;
      expect(e.uid).toBe(uid);
      expect(e.sequence).toBe(changed.meeting.sequence);
      expect(e.location).toBe('Library');
      expect(e.start.toISOString()).toBe(later.toISOString());
    }

    const cancelled = await meetings.cancel(council, meeting.id, changed.meeting.sequence, 'no quorum', 'clerk');
    if (!cancelled.ok) throw new Error(cancelled.reason);
    await planner.planMeeting(council, cancelled.meeting);
    smtp.messages.length = 0;
    expect((await dispatcher.tick()).sent).toBe(3);
    for (const m of smtp.messages) {
      expect(m.method).toBe('CANCEL');
      expect(m.subject).toBe('Cancelled: Test Advisory Council: meeting');
      const cal = readWithIcalJs(m.calendar);
      expect(cal.method).toBe('CANCEL');
      expect(cal.events[0]!.uid).toBe(uid);
      expect(cal.events[0]!.sequence).toBe(cancelled.meeting.sequence);
      expect(cal.events[0]!.status).toBe('CANCELLED');
    }
  });

  it('does not send an old version that a change overtook', async () => {
    const sent = await noticeSent();
    const changed = await meetings.change(council, meeting.id, sent.sequence, { ...sent, place: 'Library' }, 'clerk');
    if (!changed.ok) throw new Error(changed.reason);
    await planner.planMeeting(council, changed.meeting);
    expect((await dispatcher.tick()).sent).toBe(3);
    expect(smtp.messages.map((m) => readWithIcalJs(m.calendar).events[0]!.location)).toEqual(['Library', 'Library', 'Library']);
  });

  it('retries a refused delivery the server calls temporary, and tells the secretary about a permanent one', async () => {
    smtp.refuse.set('bo@example.org', { code: 451, times: 1 });
    smtp.refuse.set('ann@example.org', { code: 550, times: 1 });
    await noticeSent();
    const first = await dispatcher.tick();
    expect(first).toMatchObject({ sent: 1, retried: 1, failed: 1 });
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Ann Member');
    now = new Date(now.getTime() + 10 * 60_000);
    expect((await dispatcher.tick()).sent).toBe(1);
    expect(smtp.messages.map((m) => m.to).sort()).toEqual(['bo@example.org', 'member@example.org']);
    const jobs = await store.reminders.list({ meetingId: meeting.id });
    const mail = jobs.filter((j) => j.kind === 'calendar-invite');
    expect(mail.map((j) => `${j.recipient}:${j.status}`).sort()).toEqual(['Ann Member:failed', 'Bo Member:sent', 'Mo Member:sent']);
  });
});

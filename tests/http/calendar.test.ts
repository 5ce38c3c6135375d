import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarLinks, invitePath, newSigningKey, SIGNING_KEY_SECRET } from '../../src/calendar/links.ts';
import { zonedInstant } from '../../src/domain/civil-date.ts';
import type { Meeting } from '../../src/domain/meetings.ts';
import { message, user } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';
import { adaptiveCardOf, cardProblems } from '../helpers/cards.ts';
import { readWithIcalJs, readWithNodeIcal } from '../helpers/ical.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const PUBLIC = 'https://bot.example.org';
const TZ = 'Europe/Stockholm';

type Action = { type: string; title: string; url?: string };

describe('calendar over HTTP', () => {
  let bot: TestBot;
  let meeting: Meeting;
  let invite: string;
  let feed: string;
  /** A link the bot handed out, fetched from the test server instead of the public address. */
  const local = (url: string) => url.replace(/^(https|webcal):\/\/bot\.example\.org/, bot.url);

  beforeAll(async () => {
    bot = await startTestBot({ COUNCIL: 'testrad', COUNCILS_DIR: 'tests/fixtures/councils', PUBLIC_BASE_URL: PUBLIC }, undefined, { clock: () => NOW });
    meeting = await bot.store.meetings.create(
      'testrad',
      { startsAt: zonedInstant('2027-03-30', '18:00', TZ), endsAt: zonedInstant('2027-03-30', '19:30', TZ), place: 'Town hall; room 2, "north"', onlineUrl: undefined, budget: false, note: undefined },
      'clerk',
    );
    const ask = message('When is the next meeting?', { serviceUrl: bot.connector.url, from: user('Mo Member'), locale: 'en-GB' });
    expect((await bot.post(ask)).status).toBe(200);
    const card = adaptiveCardOf(bot.connector.sentTo(ask.conversation.id).at(-1)!)!;
    expect(cardProblems(card)).toEqual([]);
    const actions = card.actions as Action[];
    invite = actions.find((a) => a.title === 'Add to calendar')!.url!;
    feed = actions.find((a) => a.title === 'Subscribe to all meetings')!.url!;
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('puts signed "Add to calendar" and webcal:// subscription links on the meeting card', () => {
    expect(invite).toMatch(new RegExp(`^${PUBLIC}/calendar/meetings/${meeting.id}\\.ics\\?sig=[\\w-]{32}$`));
    expect(feed).toMatch(/^webcal:\/\/bot\.example\.org\/calendar\/testrad\.ics\?sig=[\w-]{32}$/);
  });

  it('serves the invite as text/calendar that both parsers read, with an ETag and 304 for a client that has it', async () => {
    const res = await fetch(local(invite));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('last-modified')).toBe(meeting.updatedAt.toUTCString());
    const text = await res.text();
    const cal = readWithIcalJs(text);
    expect(cal.method).toBe('REQUEST');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]!.location).toBe('Town hall; room 2, "north"');
    expect(cal.events[0]!.start.toISOString()).toBe('2027-03-30T16:00:00.000Z');
    expect(cal.events[0]!.startLocal).toBe('2027-03-30T18:00:00');
    // testrad: the members with an address (the chair has none, the secretary organizes).
    expect(cal.events[0]!.attendees.map((a) => a.email)).toEqual(['member@example.org', 'ann@example.org', 'bo@example.org']);
    expect(readWithNodeIcal(text)[0]!.start.toISOString()).toBe('2027-03-30T16:00:00.000Z');

    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(local(invite), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves the council feed without attendees', async () => {
    const res = await fetch(local(feed));
    expect(res.status).toBe(200);
    const text = await res.text();
    const cal = readWithIcalJs(text);
    expect(cal.method).toBe('PUBLISH');
    expect(cal.events.map((e) => e.startLocal)).toContain('2027-03-30T18:00:00');
    expect(text).not.toMatch(/ATTENDEE/);
    expect(text).not.toContain('member@example.org');
  });

  it('refuses a missing, wrong or borrowed signature with 403, and says 404 only to a signed link', async () => {
    const path = new URL(invite).pathname;
    expect((await fetch(`${bot.url}${path}`)).status).toBe(403);
    expect((await fetch(`${bot.url}${path}?sig=${'A'.repeat(32)}`)).status).toBe(403);
    const feedSig = new URL(local(feed)).searchParams.get('sig')!;
    expect((await fetch(`${bot.url}${path}?sig=${feedSig}`)).status).toBe(403);
    expect((await fetch(`${bot.url}/calendar/lund.ics?sig=${feedSig}`)).status).toBe(403);
    // The same key signs for every instance on this store; a signed link to nothing is a 404.
    const key = await bot.store.secret(SIGNING_KEY_SECRET, newSigningKey);
    const links = new CalendarLinks(key, undefined);
    expect(links.verify(path, new URL(invite).searchParams.get('sig'))).toBe(true);
    expect((await fetch(`${bot.url}${links.signedPath(invitePath('00000000-0000-4000-8000-000000000000'))}`)).status).toBe(404);
    expect((await fetch(`${bot.url}/calendar/meetings/..%2F..%2Fetc.ics?sig=x`)).status).toBe(404);
  });

  it('carries the organizer and the approved agenda, and a move raises SEQUENCE under the same UID', async () => {
    const p = await bot.store.proposals.create({
      councilId: 'testrad', meetingId: meeting.id, title: 'Summer party; budget, "draft"', summary: undefined, presenter: 'Mo', registryNumber: undefined,
      links: [], estimatedMinutes: 15, kind: 'decision', late: false, submitterId: 'aad-mo', submitterName: 'Mo Member', submitterUserId: '29:mo',
    });
    expect((await bot.store.proposals.decide(p.id, 0, { to: 'approved', actor: 'aad-chair', actorName: 'Chris Chair', reason: undefined, at: NOW })).ok).toBe(true);
    expect((await bot.store.proposals.approveAgenda(meeting.id, 0, 'aad-chair', 'Chris Chair', NOW)).ok).toBe(true);
    const first = readWithIcalJs(await (await fetch(local(invite))).text()).events[0]!;
    expect(first.organizer).toBe('mailto:clerk@example.org');
    expect(first.description).toBe(
      `Agenda:\n1. Opening of the meeting\n2. Summer party; budget, "draft"\n3. Standing item: News\n4. Closing of the meeting\n\nMore: ${PUBLIC}/meetings/${meeting.id}/notice`,
    );

    const later = { startsAt: zonedInstant('2027-03-31', '18:00', TZ), endsAt: zonedInstant('2027-03-31', '19:30', TZ) };
    const moved = await bot.store.meetings.update(meeting.id, meeting.sequence, { kind: 'change', details: { ...meeting, ...later } }, 'clerk');
    if (!moved.ok) throw new Error(moved.reason);
    const second = readWithIcalJs(await (await fetch(local(invite))).text()).events[0]!;
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBe(first.sequence + 1);
    expect(second.startLocal).toBe('2027-03-31T18:00:00');
    meeting = moved.meeting;
  });

  it('turns the invite into a cancellation with the same UID and a higher SEQUENCE, and drops the meeting from the feed', async () => {
    const before = await fetch(local(invite));
    const etag = before.headers.get('etag')!;
    const uid = readWithIcalJs(await before.text()).events[0]!.uid;
    const cancelled = await bot.store.meetings.update(meeting.id, meeting.sequence, { kind: 'cancel', reason: 'no quorum' }, 'clerk');
    expect(cancelled.ok).toBe(true);

    const after = await fetch(local(invite), { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const cal = readWithIcalJs(await after.text());
    expect(cal.method).toBe('CANCEL');
    expect(cal.events[0]!.uid).toBe(uid);
    expect(cal.events[0]!.sequence).toBe(meeting.sequence + 1);
    expect(cal.events[0]!.status).toBe('CANCELLED');

    const feedText = await (await fetch(local(feed))).text();
    expect(readWithIcalJs(feedText).events.map((e) => e.uid)).not.toContain(uid);
  });
});

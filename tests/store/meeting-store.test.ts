import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedMeeting } from '../../src/domain/meeting-plan.ts';
import type { Store } from '../../src/store/store.ts';
import { engines } from '../helpers/stores.ts';

const planned = (day: string, hour = 17): PlannedMeeting => ({
  planKey: day,
  startsAt: new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`),
  endsAt: new Date(`${day}T${String(hour + 2).padStart(2, '0')}:00:00Z`),
  place: 'Kristallen',
  budget: false,
});
const window = { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2028-01-01T00:00:00Z'), now: new Date('2027-01-10T00:00:00Z') };
const details = { startsAt: new Date('2027-05-04T16:00:00Z'), endsAt: new Date('2027-05-04T18:00:00Z'), place: 'Stadshallen', onlineUrl: undefined, budget: false, note: 'n' };

describe.each(engines())('meeting store on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await engine.open());
  });
  afterEach(async () => {
    await dispose();
  });

  it('brings the plan in once, keeps what staff changed, and withdraws untouched meetings the plan dropped', async () => {
    const plan = [planned('2027-02-16'), planned('2027-04-20'), planned('2027-09-21')];
    expect(await store.meetings.syncPlan('lund', plan, window)).toEqual({ added: 3, withdrawn: 0 });
    expect(await store.meetings.syncPlan('lund', plan, window)).toEqual({ added: 0, withdrawn: 0 });
    const [feb, apr] = await store.meetings.list('lund');
    const moved = await store.meetings.update(apr!.id, 0, { kind: 'change', details: { ...details, startsAt: new Date('2027-04-27T16:00:00Z'), endsAt: new Date('2027-04-27T18:00:00Z') } }, 'clerk');
    expect(moved.ok).toBe(true);
    // The plan now meets in March instead: February (untouched) is withdrawn, April (changed by staff) stays.
    expect(await store.meetings.syncPlan('lund', [planned('2027-03-16'), planned('2027-09-21')], window)).toEqual({ added: 1, withdrawn: 1 });
    const all = await store.meetings.list('lund', { includeCancelled: true });
    expect(all.map((m) => [m.planKey, m.status])).toEqual([
      ['2027-02-16', 'cancelled'],
      ['2027-03-16', 'scheduled'],
      ['2027-04-20', 'scheduled'],
      ['2027-09-21', 'scheduled'],
    ]);
    expect((await store.meetings.history(feb!.id)).map((h) => h.action)).toEqual(['planned', 'withdrawn-from-plan']);
    // Other councils are not touched.
    expect(await store.meetings.list('other')).toEqual([]);
  });

  it('changes a meeting only at the version the editor saw, and never changes a cancelled one', async () => {
    const m = await store.meetings.create('lund', details, 'clerk');
    expect(m).toMatchObject({ sequence: 0, status: 'scheduled', place: 'Stadshallen', note: 'n', planKey: undefined });
    const first = await store.meetings.update(m.id, 0, { kind: 'change', details: { ...details, place: 'Kristallen' } }, 'clerk');
    expect(first).toMatchObject({ ok: true, meeting: { sequence: 1, place: 'Kristallen' } });
    expect(await store.meetings.update(m.id, 0, { kind: 'change', details: { ...details, place: 'Elsewhere' } }, 'other')).toEqual({ ok: false, reason: 'stale' });
    expect(await store.meetings.update(m.id, 1, { kind: 'cancel', reason: 'sjukdom' }, 'clerk')).toMatchObject({ ok: true, meeting: { status: 'cancelled', sequence: 2, cancelReason: 'sjukdom' } });
    expect(await store.meetings.update(m.id, 2, { kind: 'change', details }, 'clerk')).toEqual({ ok: false, reason: 'cancelled' });
    expect(await store.meetings.update('not-a-uuid', 0, { kind: 'cancel', reason: undefined }, 'clerk')).toEqual({ ok: false, reason: 'not-found' });
    expect(await store.meetings.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const history = await store.meetings.history(m.id);
    expect(history.map((h) => [h.action, h.actor])).toEqual([['scheduled', 'clerk'], ['changed', 'clerk'], ['cancelled', 'clerk']]);
    expect(history[1]!.before).toMatchObject({ place: 'Stadshallen' });
    expect(history[1]!.after).toMatchObject({ place: 'Kristallen' });
  });

  it('keeps the meeting history append-only', async () => {
    const m = await store.meetings.create('lund', details, 'clerk');
    const db = (store as unknown as { db: { query(sql: string): Promise<unknown> } }).db;
    await expect(db.query(`DELETE FROM meeting_history WHERE meeting_id = '${m.id}'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE meeting_history SET actor = 'x'`)).rejects.toThrow(/append-only/);
    expect(await store.meetings.history(m.id)).toHaveLength(1);
  });

  it('counts one open extra-meeting request per member and starts a new round once closed', async () => {
    const ask = (key: string) => store.meetings.requestExtraMeeting({ councilId: 'lund', memberKey: key, memberName: key, memberRole: 'member', actor: key, reason: 'r' });
    expect((await ask('a')).added).toBe(true);
    expect((await ask('a')).added).toBe(false);
    expect((await ask('b')).open.map((r) => r.memberKey)).toEqual(['a', 'b']);
    expect(await store.meetings.closeExtraMeetingRound('lund', new Date())).toBe(2);
    expect((await ask('a')).open.map((r) => r.memberKey)).toEqual(['a']);
  });
});

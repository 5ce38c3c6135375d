import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/domain/meetings.ts';
import type { NewProposal } from '../../src/store/proposals.ts';
import type { Store } from '../../src/store/store.ts';
import { engines } from '../helpers/stores.ts';

const details = (day: string) => ({ startsAt: new Date(`${day}T16:00:00Z`), endsAt: new Date(`${day}T18:00:00Z`), place: 'Kristallen', onlineUrl: undefined, budget: false, note: undefined });
const draft = (meetingId: string, title: string): NewProposal => ({
  councilId: 'lund',
  meetingId,
  title,
  summary: undefined,
  presenter: 'P',
  registryNumber: undefined,
  links: ['https://a.example/x'],
  estimatedMinutes: 15,
  kind: 'decision',
  late: false,
  submitterId: 'aad-member',
  submitterName: 'Mo',
  submitterUserId: '29:mo',
});
const at = new Date('2026-11-23T10:00:00Z');
const chair = { actor: 'aad-chair', actorName: 'Chris', reason: undefined, at };

describe.each(engines())('proposal store on $name', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let m1: Meeting;
  let m2: Meeting;
  beforeEach(async () => {
    ({ store, dispose } = await engine.open());
    m1 = await store.meetings.create('lund', details('2027-02-16'), 'clerk');
    m2 = await store.meetings.create('lund', details('2027-04-20'), 'clerk');
  });
  afterEach(async () => {
    await dispose();
  });

  it('stores a proposal with its history and decides it once per version', async () => {
    const p = await store.proposals.create(draft(m1.id, 'Bostäder'));
    expect(p).toMatchObject({ status: 'submitted', version: 0, links: ['https://a.example/x'], submitterUserId: '29:mo' });
    const ok = await store.proposals.decide(p.id, 0, { ...chair, to: 'approved' });
    expect(ok).toMatchObject({ ok: true, value: { status: 'approved', version: 1, decidedByName: 'Chris', supplementary: false } });
    expect(await store.proposals.decide(p.id, 0, { ...chair, to: 'rejected' })).toEqual({ ok: false, reason: 'stale' });
    expect(await store.proposals.decide('nope', 0, { ...chair, to: 'rejected' })).toEqual({ ok: false, reason: 'not-found' });
    expect((await store.proposals.history(p.id)).map((h) => [h.action, h.fromStatus, h.toStatus])).toEqual([
      ['submitted', undefined, 'submitted'],
      ['approved', 'submitted', 'approved'],
    ]);
    const db = (store as unknown as { db: { query(sql: string): Promise<unknown> } }).db;
    await expect(db.query('DELETE FROM proposal_history')).rejects.toThrow(/append-only/);
  });

  it('moves a deferred proposal to the next meeting and clears its place on the old agenda', async () => {
    const p = await store.proposals.create(draft(m1.id, 'Later'));
    const deferred = await store.proposals.decide(p.id, 0, { ...chair, to: 'deferred', meetingId: m2.id });
    expect(deferred).toMatchObject({ ok: true, value: { status: 'deferred', meetingId: m2.id } });
    expect(await store.proposals.listForMeeting(m1.id)).toEqual([]);
    expect((await store.proposals.history(p.id)).at(-1)!.details).toEqual({ fromMeetingId: m1.id, toMeetingId: m2.id });
  });

  it('approves an agenda once per version; an item approved after that is supplementary and the agenda a draft again', async () => {
    const a = await store.proposals.create(draft(m1.id, 'A'));
    await store.proposals.decide(a.id, 0, { ...chair, to: 'approved' });
    expect(await store.proposals.agenda(m1.id)).toMatchObject({ status: 'draft', approvals: 0, version: 0 });
    const arranged = await store.proposals.arrangeAgenda(m1.id, 0, [{ proposalId: a.id, position: 1, minutes: 20 }], 'aad-chair');
    expect(arranged).toMatchObject({ ok: true, value: { version: 1 } });
    expect((await store.proposals.get(a.id))!.agendaMinutes).toBe(20);
    const approved = await store.proposals.approveAgenda(m1.id, 1, 'aad-chair', 'Chris', at);
    expect(approved).toMatchObject({ ok: true, value: { status: 'approved', approvals: 1, version: 2, approvedName: 'Chris' } });
    expect(await store.proposals.approveAgenda(m1.id, 1, 'aad-chair', 'Chris', at)).toEqual({ ok: false, reason: 'stale' });
    const b = await store.proposals.create(draft(m1.id, 'B'));
    expect(await store.proposals.decide(b.id, 0, { ...chair, to: 'approved' })).toMatchObject({ ok: true, value: { supplementary: true } });
    expect(await store.proposals.agenda(m1.id)).toMatchObject({ status: 'draft', approvals: 1, version: 3 });
  });

  it('records each notice delivery once, and keeps card copies', async () => {
    await store.proposals.recordDelivery(m1.id, { recipient: 'Mo', approval: 1, conversationId: 'a:1', activityId: 'x', deliveredAt: at, failure: undefined });
    // A later attempt for the same approval does not overwrite the proof.
    await store.proposals.recordDelivery(m1.id, { recipient: 'Mo', approval: 1, conversationId: undefined, activityId: undefined, deliveredAt: undefined, failure: 'send-failed' });
    await store.proposals.recordDelivery(m1.id, { recipient: 'Bo', approval: 1, conversationId: undefined, activityId: undefined, deliveredAt: undefined, failure: 'no-chat' });
    expect(await store.proposals.deliveries(m1.id)).toEqual([
      { recipient: 'Bo', approval: 1, conversationId: undefined, activityId: undefined, deliveredAt: undefined, failure: 'no-chat' },
      { recipient: 'Mo', approval: 1, conversationId: 'a:1', activityId: 'x', deliveredAt: at, failure: undefined },
    ]);
    const p = await store.proposals.create(draft(m1.id, 'C'));
    const copy = { conversationId: 'a:1', activityId: 'act-1', reference: { conversation: { id: 'a:1' } } };
    await store.proposals.addCard(p.id, copy);
    await store.proposals.addCard(p.id, copy);
    expect(await store.proposals.cards(p.id)).toEqual([copy]);
  });
});

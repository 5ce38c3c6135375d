import { describe, expect, it } from 'vitest';
import { buildAgenda } from '../../src/domain/agenda.ts';
import { checkDecision, readProposalForm, type Proposal } from '../../src/domain/proposals.ts';

const LUND_DNR = /^([A-ZÅÄÖ]{1,6} )?\d{4}\/\d{1,6}$/u;
const opts = { registryNumber: LUND_DNR, meetingIds: ['m1', 'm2'] };

describe('proposal form', () => {
  it('keeps text as typed, reads the Dnr as printed on a notice, and splits links', () => {
    const r = readProposalForm(
      { title: '  **Bostäder** ${x} <i>  ', summary: 'a\n\nb', registryNumber: 'Dnr KS 2016/0243', links: 'https://a.example/1\nhttps://a.example/2', estimatedMinutes: '15', kind: 'decision', meetingId: 'm2' },
      opts,
    );
    expect(r.ok && r.content).toEqual({
      title: '**Bostäder** ${x} <i>',
      summary: 'a\n\nb',
      presenter: undefined,
      registryNumber: 'KS 2016/0243',
      links: ['https://a.example/1', 'https://a.example/2'],
      estimatedMinutes: 15,
      kind: 'decision',
    });
    expect(r.ok && r.meetingId).toBe('m2');
  });

  it('reads a number field left at 0 (as some renderers send an empty one) as no estimate, and refuses negative ones', () => {
    const base = { title: 'Språkcaféer', summary: '', registryNumber: '', links: '', kind: 'discussion', meetingId: 'm1' };
    const zero = readProposalForm({ ...base, estimatedMinutes: '0' }, opts);
    expect(zero.ok && zero.content.estimatedMinutes).toBeUndefined();
    const negative = readProposalForm({ ...base, estimatedMinutes: '-5' }, opts);
    expect(!negative.ok && negative.problems).toEqual({ estimatedMinutes: 'minutes' });
  });

  it('names every problem and keeps what was typed', () => {
    const r = readProposalForm(
      { title: 't'.repeat(201), summary: 's'.repeat(4001), registryNumber: '2016-243', links: 'http://insecure.example', estimatedMinutes: '2.5', kind: 'party', meetingId: 'elsewhere' },
      opts,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual({ title: 'tooLong', summary: 'tooLong', registryNumber: 'registryNumber', links: 'url', estimatedMinutes: 'minutes', kind: 'choice', meetingId: 'choice' });
    expect(r.values.title).toHaveLength(201);
    expect(readProposalForm({ kind: 'decision', meetingId: 'm1', links: Array.from({ length: 11 }, (_, i) => `https://x.example/${i}`).join('\n') }, opts)).toMatchObject({ ok: false, problems: { title: 'required', links: 'tooMany' } });
    expect(readProposalForm(null, opts).ok).toBe(false);
    expect(readProposalForm({ title: ['array'], kind: 'decision', meetingId: 'm1' }, opts)).toMatchObject({ ok: false, problems: { title: 'required' } });
  });
});

describe('proposal decisions', () => {
  const chair = { officer: true, submitter: false };
  const proposer = { officer: false, submitter: true };
  const other = { officer: false, submitter: false };

  it('lets the chair decide and the proposer withdraw, only while undecided', () => {
    expect(checkDecision({ status: 'submitted' }, 'approve', chair)).toEqual({ ok: true, to: 'approved' });
    expect(checkDecision({ status: 'deferred' }, 'approve', chair)).toEqual({ ok: true, to: 'approved' });
    expect(checkDecision({ status: 'submitted' }, 'approve', proposer)).toEqual({ ok: false, why: 'not-allowed' });
    expect(checkDecision({ status: 'submitted' }, 'withdraw', other)).toEqual({ ok: false, why: 'not-allowed' });
    expect(checkDecision({ status: 'submitted' }, 'withdraw', proposer)).toEqual({ ok: true, to: 'withdrawn' });
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
      expect(checkDecision({ status }, 'approve', chair)).toEqual({ ok: false, why: 'already-decided' });
      expect(checkDecision({ status }, 'withdraw', proposer)).toEqual({ ok: false, why: 'already-decided' });
    }
  });

  it('needs a reason to reject and a later meeting to defer', () => {
    expect(checkDecision({ status: 'submitted' }, 'reject', chair, { reason: '  ' })).toEqual({ ok: false, why: 'reason-required' });
    expect(checkDecision({ status: 'submitted' }, 'reject', chair, { reason: 'Not for this council' })).toEqual({ ok: true, to: 'rejected' });
    expect(checkDecision({ status: 'submitted' }, 'defer', chair)).toEqual({ ok: false, why: 'no-next-meeting' });
    expect(checkDecision({ status: 'submitted' }, 'defer', chair, { nextMeetingId: 'm2' })).toEqual({ ok: true, to: 'deferred' });
  });
});

describe('agenda builder', () => {
  const p = (id: string, extra: Partial<Proposal>): Proposal =>
    ({ id, title: id, status: 'approved', estimatedMinutes: 10, position: undefined, agendaMinutes: undefined, supplementary: false, decidedAt: new Date(0), ...extra }) as Proposal;
  const parts = {
    opening: [{ id: 'opening', title: 'Mötets öppnande' }],
    standing: [{ id: 'news', title: 'Aktuellt från föreningarna' }],
    closing: [{ id: 'closing', title: 'Mötets avslutande' }],
  };

  it('numbers opening, approved items in the chair\u2019s order, standing items and closing', () => {
    const agenda = buildAgenda(
      parts,
      [
        p('b', { decidedAt: new Date(2) }),
        p('a', { decidedAt: new Date(1) }),
        p('first', { position: 1, agendaMinutes: 30 }),
        p('not-approved', { status: 'submitted' }),
        p('late', { supplementary: true, decidedAt: new Date(3), estimatedMinutes: undefined }),
      ],
      120,
    );
    expect(agenda.items.map((i) => `${i.number}. ${i.kind === 'fixed' ? i.title : i.proposal.title}`)).toEqual([
      '1. Mötets öppnande',
      '2. first',
      '3. a',
      '4. b',
      '5. late',
      '6. Aktuellt från föreningarna',
      '7. Mötets avslutande',
    ]);
    expect(agenda).toMatchObject({ totalMinutes: 50, meetingMinutes: 120, overrun: false });
    expect(agenda.items[4]).toMatchObject({ kind: 'proposal', supplementary: true });
  });

  it('warns when the items take longer than the meeting', () => {
    expect(buildAgenda(parts, [p('long', { agendaMinutes: 100 }), p('more', { estimatedMinutes: 30 })], 120).overrun).toBe(true);
  });
});

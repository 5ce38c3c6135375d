import type { Proposal } from './proposals.ts';

export type AgendaStatus = 'draft' | 'approved';

export type AgendaState = {
  meetingId: string;
  status: AgendaStatus;
  approvedBy: string | undefined;
  approvedName: string | undefined;
  approvedAt: Date | undefined;
  /** How many times the agenda has been approved; a change after approval needs another. */
  approvals: number;
  version: number;
};

export type FixedItem = { id: string; title: string };

export type AgendaItem =
  | { number: number; kind: 'fixed'; id: string; title: string }
  | { number: number; kind: 'proposal'; proposal: Proposal; minutes: number | undefined; supplementary: boolean };

export type Agenda = {
  items: AgendaItem[];
  /** Minutes of the items that have an estimate. */
  totalMinutes: number;
  meetingMinutes: number;
  overrun: boolean;
};

/**
 * The agenda of a meeting: opening items, the approved proposals in the chair's order (then in the
 * order they were approved), the standing items, the closing items, numbered from 1.
 */
export function buildAgenda(
  parts: { opening: readonly FixedItem[]; standing: readonly FixedItem[]; closing: readonly FixedItem[] },
  proposals: readonly Proposal[],
  meetingMinutes: number,
): Agenda {
  const approved = proposals
    .filter((p) => p.status === 'approved')
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) || (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  let n = 0;
  const fixed = (f: FixedItem): AgendaItem => ({ number: ++n, kind: 'fixed', id: f.id, title: f.title });
  const items: AgendaItem[] = [
    ...parts.opening.map(fixed),
    ...approved.map((p): AgendaItem => ({ number: ++n, kind: 'proposal', proposal: p, minutes: p.agendaMinutes ?? p.estimatedMinutes, supplementary: p.supplementary })),
    ...parts.standing.map(fixed),
    ...parts.closing.map(fixed),
  ];
  const totalMinutes = items.reduce((sum, i) => sum + (i.kind === 'proposal' ? (i.minutes ?? 0) : 0), 0);
  return { items, totalMinutes, meetingMinutes, overrun: totalMinutes > meetingMinutes };
}

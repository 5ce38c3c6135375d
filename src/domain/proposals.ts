import { z } from 'zod';
import { formText } from './form-text.ts';

export const PROPOSAL_KINDS = ['decision', 'discussion', 'information'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATUSES = ['submitted', 'approved', 'rejected', 'deferred', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export type ProposalContent = {
  title: string;
  summary: string | undefined;
  presenter: string | undefined;
  registryNumber: string | undefined;
  links: string[];
  estimatedMinutes: number | undefined;
  kind: ProposalKind;
};

export type Proposal = ProposalContent & {
  id: string;
  councilId: string;
  meetingId: string;
  status: ProposalStatus;
  late: boolean;
  submitterId: string;
  submitterName: string;
  submitterUserId: string | undefined;
  decidedBy: string | undefined;
  decidedByName: string | undefined;
  decidedAt: Date | undefined;
  decisionReason: string | undefined;
  position: number | undefined;
  agendaMinutes: number | undefined;
  supplementary: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ProposalDecision = 'approve' | 'reject' | 'defer' | 'withdraw';

/** Who may do what from which state; everything else is refused. */
const ALLOWED: Record<ProposalDecision, { from: readonly ProposalStatus[]; by: 'chair' | 'submitter'; to: ProposalStatus }> = {
  approve: { from: ['submitted', 'deferred'], by: 'chair', to: 'approved' },
  reject: { from: ['submitted', 'deferred'], by: 'chair', to: 'rejected' },
  defer: { from: ['submitted', 'deferred'], by: 'chair', to: 'deferred' },
  withdraw: { from: ['submitted', 'deferred'], by: 'submitter', to: 'withdrawn' },
};

export type DecisionCheck =
  | { ok: true; to: ProposalStatus }
  | { ok: false; why: 'not-allowed' | 'already-decided' | 'reason-required' | 'no-next-meeting' };

/**
 * Whether `decision` may be taken on `proposal` by someone who is (or is not) the chair or vice
 * chair and (or not) its submitter. A rejection needs a reason; a deferral needs a next meeting.
 */
export function checkDecision(
  proposal: Pick<Proposal, 'status'>,
  decision: ProposalDecision,
  who: { officer: boolean; submitter: boolean },
  extra: { reason?: string | undefined; nextMeetingId?: string | undefined } = {},
): DecisionCheck {
  const rule = ALLOWED[decision];
  if (rule.by === 'chair' ? !who.officer : !who.submitter) return { ok: false, why: 'not-allowed' };
  if (!rule.from.includes(proposal.status)) return { ok: false, why: 'already-decided' };
  if (decision === 'reject' && !extra.reason?.trim()) return { ok: false, why: 'reason-required' };
  if (decision === 'defer' && !extra.nextMeetingId) return { ok: false, why: 'no-next-meeting' };
  return { ok: true, to: rule.to };
}

export const PROPOSAL_LIMITS = { title: 200, summary: 4000, presenter: 200, links: 10, link: 2000, minutes: 240 } as const;

export type ProposalFormField = 'title' | 'summary' | 'presenter' | 'registryNumber' | 'links' | 'estimatedMinutes' | 'kind' | 'meetingId';
export type ProposalFormProblem = 'required' | 'tooLong' | 'registryNumber' | 'url' | 'tooMany' | 'minutes' | 'choice';
export type ProposalFormValues = Partial<Record<ProposalFormField, string>>;

export type ProposalFormResult =
  | { ok: true; content: ProposalContent; meetingId: string; values: ProposalFormValues }
  | { ok: false; problems: Partial<Record<ProposalFormField, ProposalFormProblem>>; values: ProposalFormValues };

const FIELDS: readonly ProposalFormField[] = ['title', 'summary', 'presenter', 'registryNumber', 'links', 'estimatedMinutes', 'kind', 'meetingId'];
const anyFields = z.object(Object.fromEntries(FIELDS.map((f) => [f, z.unknown().optional()])) as Record<ProposalFormField, z.ZodOptional<z.ZodUnknown>>);

/**
 * Reads the proposal form. Text stays exactly as typed (markdown, HTML, "${…}" included): it is
 * data, shown literally by the cards; only control characters are dropped.
 */
export function readProposalForm(
  input: unknown,
  opts: { registryNumber: RegExp; meetingIds: readonly string[] },
): ProposalFormResult {
  const parsed = anyFields.safeParse(input ?? {});
  const raw = parsed.success ? parsed.data : {};
  const values = Object.fromEntries(FIELDS.map((f) => [f, formText(raw[f])])) as Required<ProposalFormValues>;
  const problems: Partial<Record<ProposalFormField, ProposalFormProblem>> = {};

  if (!values.title) problems.title = 'required';
  else if (values.title.length > PROPOSAL_LIMITS.title) problems.title = 'tooLong';
  if (values.summary.length > PROPOSAL_LIMITS.summary) problems.summary = 'tooLong';
  if (values.presenter.length > PROPOSAL_LIMITS.presenter) problems.presenter = 'tooLong';
  // People copy the number as printed on a notice: "Dnr KS 2016/0243".
  values.registryNumber = values.registryNumber.replace(/^(dnr|j\.?nr)\.?:?\s*/i, '');
  if (values.registryNumber && !opts.registryNumber.test(values.registryNumber)) problems.registryNumber = 'registryNumber';
  const links = values.links.split(/\s+/).filter(Boolean);
  if (links.length > PROPOSAL_LIMITS.links) problems.links = 'tooMany';
  else if (links.some((l) => l.length > PROPOSAL_LIMITS.link || !isHttps(l))) problems.links = 'url';
  let minutes: number | undefined;
  // Some card renderers show an empty number field as 0 and send it; 0 minutes means "no estimate".
  if (values.estimatedMinutes && values.estimatedMinutes.trim() !== '0') {
    minutes = Number(values.estimatedMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > PROPOSAL_LIMITS.minutes) problems.estimatedMinutes = 'minutes';
  }
  const kind = (PROPOSAL_KINDS as readonly string[]).includes(values.kind) ? (values.kind as ProposalKind) : undefined;
  if (!kind) problems.kind = 'choice';
  if (!opts.meetingIds.includes(values.meetingId)) problems.meetingId = 'choice';

  if (Object.keys(problems).length > 0 || !kind) return { ok: false, problems, values };
  return {
    ok: true,
    values,
    meetingId: values.meetingId,
    content: {
      title: values.title,
      summary: values.summary || undefined,
      presenter: values.presenter || undefined,
      registryNumber: values.registryNumber || undefined,
      links,
      estimatedMinutes: minutes,
      kind,
    },
  };
}

function isHttps(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

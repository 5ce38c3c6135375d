import { renderCard, type AdaptiveCard } from '../cards/render.ts';
import { councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { civilDateIn } from '../domain/civil-date.ts';
import type { Agenda, AgendaState } from '../domain/agenda.ts';
import type { Meeting } from '../domain/meetings.ts';
import { PROPOSAL_KINDS, type Proposal, type ProposalFormField, type ProposalFormProblem, type ProposalFormValues } from '../domain/proposals.ts';
import { formatDay, formatTime } from '../i18n/format.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey } from '../i18n/messages.ts';
import { timeRange } from './meeting-cards.ts';

export type CardContext = { council: Council; language: Language };
export type Banner = { text: string; tone: 'good' | 'attention' };
/** Who looks at a proposal card: the chair or vice chair decide, the proposer may withdraw. */
export type ProposalViewer = 'officer' | 'submitter' | 'anyone';

const FORM_FIELDS: readonly ProposalFormField[] = ['title', 'summary', 'presenter', 'registryNumber', 'links', 'estimatedMinutes', 'kind', 'meetingId'];
const day = (c: CardContext, at: Date, withYear = true) => formatDay(civilDateIn(at, c.council.timeZone), c.language, withYear);

export function proposalForm(
  c: CardContext,
  meetings: readonly Meeting[],
  defaultMeeting: Meeting | undefined,
  opts: { values?: ProposalFormValues; problems?: Partial<Record<ProposalFormField, ProposalFormProblem>>; alert?: string } = {},
): AdaptiveCard {
  const { language, council } = c;
  const example = council.proposals?.registryNumber.example ?? 'KS 2026/0001';
  const values = { title: '', summary: '', presenter: '', registryNumber: '', links: '', estimatedMinutes: '', kind: 'discussion', meetingId: defaultMeeting?.id ?? '', ...opts.values };
  return renderCard('proposal-form', {
    title: t(language, 'proposal.formTitle', { council: councilName(council, language) }),
    intro: t(language, 'proposal.formIntro'),
    problemsText: opts.alert ?? (opts.problems && Object.keys(opts.problems).length > 0 ? t(language, 'proposal.problems') : ''),
    requiredText: t(language, 'proposal.problem.required'),
    labels: Object.fromEntries(FORM_FIELDS.map((f) => [f, t(language, `proposal.field.${f}` as MessageKey, { example })])),
    values,
    problems: Object.fromEntries(
      FORM_FIELDS.map((f) => {
        const p = opts.problems?.[f];
        return [f, p ? t(language, `proposal.problem.${p}` as MessageKey, { example }) : ''];
      }),
    ),
    kinds: PROPOSAL_KINDS.map((k) => ({ title: t(language, `proposal.kind.${k}` as MessageKey), value: k })),
    meetings: meetings.map((m) => ({ title: timeRange(m, c), value: m.id })),
    submitLabel: t(language, 'proposal.submit'),
  }, language);
}

/** "Approved by X on 1 February 2027", in the reader's language. */
export function proposalStatusText(c: CardContext, p: Proposal, target: Meeting | undefined): string {
  const { language } = c;
  const when = p.decidedAt ? day(c, p.decidedAt) : '';
  const name = p.decidedByName ?? '';
  switch (p.status) {
    case 'submitted':
      return t(language, 'proposal.status.submitted');
    case 'approved':
      return t(language, 'proposal.status.approved', { name, day: when });
    case 'rejected':
      return t(language, 'proposal.status.rejected', { name, day: when, reason: p.decisionReason ?? '' });
    case 'deferred':
      return t(language, 'proposal.status.deferred', { name, day: when, meeting: target ? timeRange(target, c, false) : '' });
    case 'withdrawn':
      return t(language, 'proposal.status.withdrawn', { name, day: when });
  }
}

const STATUS_COLOR: Record<Proposal['status'], string> = { submitted: 'Accent', approved: 'Good', rejected: 'Attention', deferred: 'Warning', withdrawn: 'Default' };
const open = (p: Proposal) => p.status === 'submitted' || p.status === 'deferred';

export function proposalCard(
  c: CardContext,
  p: Proposal,
  opts: { meeting: Meeting | undefined; proposalDeadline: string | undefined; viewer: ProposalViewer; banner?: Banner | undefined; refreshUserIds?: readonly string[] },
): AdaptiveCard {
  const { language } = c;
  const facts = [
    opts.meeting && { label: t(language, 'proposal.meeting'), value: timeRange(opts.meeting, c) },
    { label: t(language, 'proposal.kind'), value: t(language, `proposal.kind.${p.kind}` as MessageKey) },
    p.presenter && { label: t(language, 'proposal.presenter'), value: p.presenter },
    p.registryNumber && { label: t(language, 'proposal.registryNumber'), value: p.registryNumber },
    p.estimatedMinutes && { label: t(language, 'proposal.minutes'), value: t(language, 'proposal.minutesValue', { minutes: p.estimatedMinutes }) },
    { label: t(language, 'proposal.by'), value: t(language, 'proposal.byValue', { name: p.submitterName, day: day(c, p.createdAt) }) },
  ].filter((f): f is { label: string; value: string } => Boolean(f));
  const decisionActions =
    !open(p) ? [] :
    opts.viewer === 'officer'
      ? [
          { title: t(language, 'proposal.approve'), verb: 'proposal.approve', style: 'positive' },
          { title: t(language, 'proposal.reject'), verb: 'proposal.reject', style: 'destructive' },
          { title: t(language, 'proposal.defer'), verb: 'proposal.defer', style: 'default' },
        ]
      : opts.viewer === 'submitter'
        ? [{ title: t(language, 'proposal.withdraw'), verb: 'proposal.withdraw', style: 'default' }]
        : [];
  const card = renderCard('proposal', {
    banner: opts.banner?.text ?? '',
    bannerColor: opts.banner?.tone === 'attention' ? 'Attention' : 'Good',
    title: p.title,
    statusText: proposalStatusText(c, p, opts.meeting),
    statusColor: STATUS_COLOR[p.status],
    late: p.late ? t(language, 'proposal.late', { day: opts.proposalDeadline ? formatDay(opts.proposalDeadline, language, false) : '' }) : '',
    supplementary: p.supplementary ? t(language, 'proposal.supplementary') : '',
    facts,
    summary: p.summary ?? '',
    reasonLabel: opts.viewer === 'officer' ? t(language, 'proposal.reasonLabel') : '',
    links: p.links.slice(0, 5).map((url, i) => ({ title: t(language, 'proposal.openLink', { n: i + 1 }), url })),
    decisionActions: decisionActions.map((a) => ({ ...a, proposalId: p.id, version: p.version })),
  }, language);
  // Everyone else sees the status; the people listed get their own view (buttons) when Teams refreshes.
  if (opts.refreshUserIds && opts.refreshUserIds.length > 0 && open(p)) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: 'proposal.refresh', data: { verb: 'proposal.refresh', proposalId: p.id } },
      userIds: opts.refreshUserIds.slice(0, 60),
    };
  }
  return card;
}

export function myProposalsCard(c: CardContext, proposals: readonly Proposal[], meetings: ReadonlyMap<string, Meeting>): AdaptiveCard {
  const { language, council } = c;
  return renderCard('proposals', {
    title: t(language, 'mine.title', { council: councilName(council, language) }),
    empty: proposals.length === 0 ? t(language, 'mine.none', { command: t(language, 'command.propose.name') }) : '',
    items: proposals.map((p) => {
      const m = meetings.get(p.meetingId);
      return { title: p.title, meeting: m ? timeRange(m, c) : '', status: proposalStatusText(c, p, m), statusColor: STATUS_COLOR[p.status] };
    }),
  }, language);
}

export type AgendaCardInput = { meeting: Meeting; state: AgendaState; agenda: Agenda; editable: boolean; noticeUrl: string; banner?: Banner | undefined };

export function agendaCard(c: CardContext, a: AgendaCardInput): AdaptiveCard {
  const { language, council } = c;
  const { state, agenda } = a;
  const status =
    state.status === 'approved'
      ? t(language, 'agenda.approved', { name: state.approvedName ?? '', day: state.approvedAt ? day(c, state.approvedAt) : '' })
      : state.approvals > 0
        ? t(language, 'agenda.reapprove')
        : t(language, 'agenda.draft');
  return renderCard('agenda', {
    banner: a.banner?.text ?? '',
    bannerColor: a.banner?.tone === 'attention' ? 'Attention' : 'Good',
    title: t(language, 'agenda.title', { council: councilName(council, language) }),
    meeting: t(language, 'agenda.meeting', { when: timeRange(a.meeting, c), place: a.meeting.place }),
    status,
    statusColor: state.status === 'approved' ? 'Good' : 'Warning',
    items: agenda.items.map((item) => {
      if (item.kind === 'fixed') return { heading: `${item.number}. ${item.title}`, weight: 'Default', detail: '', editable: false, orderId: '', minutesId: '', order: 0, minutes: 0 };
      const p = item.proposal;
      const details = [
        p.presenter && t(language, 'notice.presenter', { name: p.presenter }),
        p.registryNumber && t(language, 'notice.registry', { number: p.registryNumber }),
        item.minutes && t(language, 'proposal.minutesValue', { minutes: item.minutes }),
        item.supplementary && t(language, 'proposal.supplementary'),
      ].filter(Boolean);
      return {
        heading: `${item.number}. ${p.title}`,
        weight: 'Bolder',
        detail: details.join(' \u00b7 '),
        editable: a.editable,
        orderId: `order:${p.id}`,
        minutesId: `minutes:${p.id}`,
        orderLabel: t(language, 'agenda.order'),
        minutesLabel: t(language, 'agenda.minutes'),
        order: item.number,
        minutes: item.minutes ?? 10,
      };
    }),
    time: t(language, 'agenda.time', { total: agenda.totalMinutes, length: agenda.meetingMinutes }),
    overrun: agenda.overrun ? t(language, 'agenda.overrun', { total: agenda.totalMinutes, length: agenda.meetingMinutes }) : '',
    noticeLabel: t(language, 'agenda.openNotice'),
    noticeUrl: state.status === 'approved' ? a.noticeUrl : '',
    chairActions: a.editable
      ? [
          { title: t(language, 'agenda.save'), verb: 'agenda.arrange', style: 'default' },
          ...(state.status === 'approved' ? [] : [{ title: t(language, 'agenda.approve'), verb: 'agenda.approve', style: 'positive' }]),
        ].map((x) => ({ ...x, meetingId: a.meeting.id, version: state.version }))
      : [],
  }, language);
}

/** The notice (kallelse) as Lund printed it: council, date, time, place, the items, the roster, the signatures. */
export function noticeContent(c: CardContext, meeting: Meeting, agenda: Agenda, state: AgendaState) {
  const { language, council } = c;
  const tz = council.timeZone;
  const chair = council.roster.find((r) => r.role === 'chair');
  const members = council.roster.filter((r) => r.role !== 'secretary');
  return {
    council: councilName(council, language),
    heading: state.approvals > 1 ? t(language, 'notice.supplementary') : t(language, 'notice.heading'),
    facts: [
      { title: t(language, 'notice.date'), value: formatDay(civilDateIn(meeting.startsAt, tz), language) },
      { title: t(language, 'notice.time'), value: `${formatTime(meeting.startsAt, tz, language)}\u2013${formatTime(meeting.endsAt, tz, language)}` },
      { title: t(language, 'notice.place'), value: meeting.place },
    ],
    itemsHeading: t(language, 'notice.items'),
    items: agenda.items.map((item) => {
      if (item.kind === 'fixed') return { heading: `${item.number}. ${item.title}`, lines: [] as string[] };
      const p = item.proposal;
      return {
        heading: `${item.number}. ${p.title}${item.supplementary ? ` (${t(language, 'proposal.supplementary')})` : ''}`,
        lines: [
          p.presenter && t(language, 'notice.presenter', { name: p.presenter }),
          p.registryNumber && t(language, 'notice.registry', { number: p.registryNumber }),
          p.summary,
        ].filter((l): l is string => Boolean(l)),
      };
    }),
    membersHeading: t(language, 'notice.members'),
    members: members.map((m) => (m.represents ? `${m.name} ${m.represents}` : m.name)).join(', '),
    signatures: [
      chair && t(language, 'notice.chair', { name: chair.name }),
      council.secretary.name && t(language, 'notice.secretary', { name: council.secretary.name, title: council.secretary.title[language] ?? Object.values(council.secretary.title)[0] ?? '' }),
      secretaryContact(council, language),
    ].filter((s): s is string => Boolean(s)),
  };
}

export function noticeCard(c: CardContext, meeting: Meeting, agenda: Agenda, state: AgendaState, links: { notice: string; calendar: string }): AdaptiveCard {
  return renderCard('notice', {
    ...noticeContent(c, meeting, agenda, state),
    noticeLabel: t(c.language, 'agenda.openNotice'),
    noticeUrl: links.notice,
    calendarLabel: t(c.language, 'calendar.add'),
    calendarUrl: links.calendar,
  }, c.language);
}

import { MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { CalendarLinks } from '../calendar/links.ts';
import { noticeUrl } from '../http/notice-page.ts';
import type { ReminderPlanner } from '../scheduler/reminder-service.ts';
import { cardAttachment, type AdaptiveCard } from '../cards/render.ts';
import { councilName, secretaryContact } from '../councils/display.ts';
import type { Council, Role } from '../councils/schema.ts';
import type { Meeting } from '../domain/meetings.ts';
import type { Proposal, ProposalDecision } from '../domain/proposals.ts';
import { hasRole, rosterEntriesFor } from '../domain/roster.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey, type MessageParams } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { ProposalService } from '../proposals/service.ts';
import type { Store } from '../store/store.ts';
import { actorId, identify } from './identity.ts';
import type { Reply } from './meeting-handlers.ts';
import { timeRange } from './meeting-cards.ts';
import { sendProactive, sendToRoster } from './proactive.ts';
import { agendaCard, myProposalsCard, noticeCard, proposalCard, proposalForm, proposalStatusText, type Banner, type ProposalViewer } from './proposal-cards.ts';

export type ProposalTurn = { ctx: TurnContext; council: Council; language: Language };

export type ProposalHandlerDeps = {
  proposals: ProposalService;
  meetings: MeetingService;
  store: Store;
  log: Logger;
  clock: () => Date;
  appId: string;
  /** Where the printable notice is served; without it the card has no link. */
  publicBaseUrl: string | undefined;
  calendarLinks?: CalendarLinks | undefined;
  /** Re-plans a meeting's jobs once its notice is out (the calendar e-mails follow the notice). */
  reminders?: Pick<ReminderPlanner, 'planMeeting'> | undefined;
};

const OFFICERS: readonly Role[] = ['chair', 'vice-chair'];
export const PROPOSAL_VERBS = ['proposal.submit', 'proposal.approve', 'proposal.reject', 'proposal.defer', 'proposal.withdraw', 'proposal.refresh', 'agenda.arrange', 'agenda.approve'] as const;

const uuidish = z.string().max(64);
/** What a proposal or agenda button sends back: only the verb, ids and version are read from it. */
export const proposalActionSchema = z.looseObject({
  verb: z.enum(PROPOSAL_VERBS),
  proposalId: uuidish.optional(),
  meetingId: uuidish.optional(),
  version: z.coerce.number().int().min(0).max(1_000_000).optional(),
  reason: z.string().max(500).optional(),
});
export type ProposalAction = z.infer<typeof proposalActionSchema>;

const DECISIONS: Partial<Record<ProposalAction['verb'], ProposalDecision>> = {
  'proposal.approve': 'approve',
  'proposal.reject': 'reject',
  'proposal.defer': 'defer',
  'proposal.withdraw': 'withdraw',
};

/** Proposals from members, decisions by the chair, the agenda and the notice. */
export class ProposalHandlers {
  constructor(private readonly deps: ProposalHandlerDeps) {}

  private text(turn: ProposalTurn, key: MessageKey, params: MessageParams = {}): Reply {
    return { text: t(turn.language, key, params) };
  }

  private async person(turn: ProposalTurn) {
    const who = await identify(turn.ctx, this.deps.log);
    const entries = rosterEntriesFor(turn.council, who);
    return {
      id: actorId(turn.ctx),
      name: entries[0]?.name ?? turn.ctx.activity.from.name ?? actorId(turn.ctx),
      userId: turn.ctx.activity.from.id,
      officer: hasRole(turn.council, who, OFFICERS),
    };
  }

  private async audit(turn: ProposalTurn, action: string, subject: string | undefined, details: Record<string, unknown>) {
    await this.deps.store
      .appendAudit({ actor: actorId(turn.ctx), action, councilId: turn.council.id, subject, details })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'audit entry not written'));
  }

  async form(turn: ProposalTurn): Promise<Reply> {
    const now = this.deps.clock();
    const meetings = await this.deps.proposals.targetMeetings(turn.council, now);
    if (meetings.length === 0) return this.text(turn, 'proposal.noMeeting', { secretary: secretaryContact(turn.council, turn.language) });
    return { card: proposalForm(turn, meetings, this.deps.proposals.defaultTarget(turn.council, meetings, now)) };
  }

  /** The Teams user ids that get their own view of a proposal card: the proposer and the officers. */
  private async refreshUserIds(council: Council, p: Proposal): Promise<string[]> {
    const ids = new Set<string>(p.submitterUserId ? [p.submitterUserId] : []);
    for (const e of council.roster.filter((r) => OFFICERS.includes(r.role))) {
      const c = await this.deps.store.findPersonalConversation({ aadObjectId: e.aadObjectId, email: e.email, upn: e.upn });
      if (c?.userId) ids.add(c.userId);
    }
    return [...ids];
  }

  private async card(turn: ProposalTurn, p: Proposal, viewer: ProposalViewer, banner?: Banner): Promise<AdaptiveCard> {
    const meeting = await this.deps.meetings.get(turn.council, p.meetingId);
    return proposalCard(turn, p, {
      meeting,
      proposalDeadline: meeting ? this.deps.meetings.deadlines(turn.council, meeting).proposals.date : undefined,
      viewer,
      banner,
      refreshUserIds: await this.refreshUserIds(turn.council, p),
    });
  }

  private viewerOf(p: Proposal, who: { id: string; officer: boolean }): ProposalViewer {
    if (who.officer) return 'officer';
    return p.submitterId === who.id ? 'submitter' : 'anyone';
  }

  /** Where the card the button was on lives, so later decisions can update it too. */
  private async rememberCard(turn: ProposalTurn, proposalId: string, activityId: string | undefined) {
    if (!activityId) return;
    await this.deps.proposals.rememberCard(proposalId, {
      conversationId: turn.ctx.activity.conversation.id,
      activityId,
      reference: TurnContext.getConversationReference(turn.ctx.activity) as Record<string, unknown>,
    });
  }

  private async submit(turn: ProposalTurn, action: ProposalAction): Promise<Reply> {
    const now = this.deps.clock();
    const storeFailed = () => t(turn.language, 'proposal.storeFailed', { secretary: secretaryContact(turn.council, turn.language) });
    let meetings: Meeting[];
    try {
      meetings = await this.deps.proposals.targetMeetings(turn.council, now);
    } catch (err) {
      // Without the store there is nothing to check the form against; a text answer leaves the card, and what was typed, as it is.
      this.deps.log.error({ err }, 'proposal not stored: meetings unavailable');
      return { text: storeFailed() };
    }
    const form = this.deps.proposals.read(turn.council, action, meetings);
    const target = form.ok ? meetings.find((m) => m.id === form.meetingId) : undefined;
    if (!form.ok || !target) {
      return { card: proposalForm(turn, meetings, meetings[0], { values: form.values, problems: form.ok ? { meetingId: 'choice' } : form.problems }) };
    }
    const who = await this.person(turn);
    let proposal: Proposal;
    try {
      proposal = await this.deps.proposals.submit(turn.council, form, target, who, now);
    } catch (err) {
      // Never pretend: the member keeps the text in the form and is told it was not stored.
      this.deps.log.error({ err }, 'proposal not stored');
      return { card: proposalForm(turn, meetings, target, { values: form.values, alert: storeFailed() }) };
    }
    await this.audit(turn, 'proposal.submitted', proposal.id, { meetingId: target.id, late: proposal.late });
    await this.rememberCard(turn, proposal.id, turn.ctx.activity.replyToId);
    await this.tellOfficers(turn, proposal, target);
    return { card: await this.card(turn, proposal, who.officer ? 'officer' : 'submitter', { text: t(turn.language, 'proposal.stored'), tone: 'good' }) };
  }

  private async tellOfficers(turn: ProposalTurn, p: Proposal, meeting: Meeting) {
    const language = turn.council.languages[0]!;
    const c = { council: turn.council, language };
    const officerCard = await this.card(c as ProposalTurn, p, 'officer');
    const deliveries = await sendToRoster(turn.ctx, this.deps, turn.council.roster.filter((r) => OFFICERS.includes(r.role)), () => ({
      ...MessageFactory.attachment(cardAttachment(officerCard)),
      text: t(language, 'proposal.toChair', { meeting: timeRange(meeting, c, false), title: p.title, name: p.submitterName }),
    }));
    for (const d of deliveries) {
      if (d.ok && d.activityId) await this.deps.proposals.rememberCard(p.id, { conversationId: d.conversationId, activityId: d.activityId, reference: d.reference as Record<string, unknown> });
    }
  }

  private async decide(turn: ProposalTurn, action: ProposalAction, decision: ProposalDecision): Promise<Reply> {
    const who = await this.person(turn);
    const now = this.deps.clock();
    const outcome = await this.deps.proposals.decide(turn.council, action.proposalId ?? '', action.version ?? -1, decision, who, action.reason, now);
    if (!outcome.ok) {
      if (outcome.why !== 'reason-required' && outcome.why !== 'no-next-meeting') {
        await this.audit(turn, 'proposal.action-refused', action.proposalId, { verb: action.verb, why: outcome.why });
      }
      if (!outcome.proposal) return this.text(turn, 'proposal.why.not-found', { council: councilName(turn.council, turn.language) });
      if (outcome.why === 'not-allowed') return this.text(turn, 'proposal.why.not-allowed');
      const banner = { text: t(turn.language, `proposal.why.${outcome.why}` as MessageKey), tone: 'attention' as const };
      return { card: await this.card(turn, outcome.proposal, this.viewerOf(outcome.proposal, who), banner) };
    }
    const p = outcome.proposal;
    await this.audit(turn, `proposal.${p.status}`, p.id, { from: outcome.before.status, meetingId: p.meetingId, version: p.version });
    await this.updateCopies(turn, p);
    if (decision !== 'withdraw') await this.tellSubmitter(turn, p);
    return { card: await this.card(turn, p, this.viewerOf(p, who), { text: t(turn.language, `proposal.done.${decision}` as MessageKey), tone: 'good' }) };
  }

  /** Every posted copy of the card now shows the decision (the person who pressed gets the invoke reply). */
  private async updateCopies(turn: ProposalTurn, p: Proposal) {
    const language = turn.council.languages[0]!;
    const base = await this.card({ ...turn, language }, p, 'anyone');
    for (const copy of await this.deps.proposals.cards(p.id)) {
      if (copy.conversationId === turn.ctx.activity.conversation.id && copy.activityId === turn.ctx.activity.replyToId) continue;
      const updated = await sendProactive(turn.ctx.adapter, this.deps.appId, copy.reference as Partial<ConversationReference>, { id: copy.activityId, type: 'message', attachments: [cardAttachment(base)] }, true);
      if (!updated.ok) this.deps.log.warn({ err: updated.error }, 'card copy not updated');
    }
  }

  private async tellSubmitter(turn: ProposalTurn, p: Proposal) {
    const conversation = await this.deps.store.findPersonalConversation({ aadObjectId: p.submitterId, userId: p.submitterUserId });
    if (!conversation) return;
    const language = turn.council.languages[0]!;
    const meeting = await this.deps.meetings.get(turn.council, p.meetingId);
    const text = t(language, 'proposal.toSubmitter', { title: p.title, status: proposalStatusText({ council: turn.council, language }, p, meeting) });
    const sent = await sendProactive(turn.ctx.adapter, this.deps.appId, conversation.reference, { type: 'message', text });
    if (!sent.ok) this.deps.log.warn({ err: sent.error }, 'proposer not told');
  }

  private async refresh(turn: ProposalTurn, action: ProposalAction): Promise<Reply> {
    const p = await this.deps.proposals.get(turn.council, action.proposalId ?? '');
    if (!p) return this.text(turn, 'proposal.why.not-found', { council: councilName(turn.council, turn.language) });
    return { card: await this.card(turn, p, this.viewerOf(p, await this.person(turn))) };
  }

  async mine(turn: ProposalTurn): Promise<Reply> {
    const proposals = await this.deps.proposals.mine(turn.council, actorId(turn.ctx));
    const meetings = new Map<string, Meeting>();
    for (const id of new Set(proposals.map((p) => p.meetingId))) {
      const m = await this.deps.meetings.get(turn.council, id);
      if (m) meetings.set(id, m);
    }
    return { card: myProposalsCard(turn, proposals, meetings) };
  }

  /** The chair's list: one card per proposal waiting, each updated in place when decided. */
  async review(turn: ProposalTurn): Promise<Reply | undefined> {
    const who = await this.person(turn);
    if (!who.officer) {
      await this.audit(turn, 'proposal.action-refused', undefined, { verb: 'review', why: 'not-allowed' });
      return this.text(turn, 'review.officersOnly', { council: councilName(turn.council, turn.language) });
    }
    const meeting = (await this.deps.meetings.upcoming(turn.council, this.deps.clock()))[0];
    if (!meeting) return this.text(turn, 'agenda.noMeeting', { secretary: secretaryContact(turn.council, turn.language) });
    const pending = await this.deps.proposals.pending(meeting);
    const when = timeRange(meeting, turn, false);
    if (pending.length === 0) return this.text(turn, 'review.none', { meeting: when });
    await turn.ctx.sendActivity(t(turn.language, 'review.heading', { count: pending.length, meeting: when }));
    for (const p of pending) {
      const sent = await turn.ctx.sendActivity(MessageFactory.attachment(cardAttachment(await this.card(turn, p, 'officer'))));
      await this.rememberCard(turn, p.id, sent?.id);
    }
    return undefined;
  }

  private noticeUrl(meetingId: string): string {
    return noticeUrl(this.deps.publicBaseUrl, meetingId) ?? '';
  }

  async agenda(turn: ProposalTurn, banner?: Banner, meetingId?: string): Promise<Reply> {
    const meeting = meetingId
      ? await this.deps.meetings.get(turn.council, meetingId)
      : (await this.deps.meetings.upcoming(turn.council, this.deps.clock()))[0];
    if (!meeting) return this.text(turn, 'agenda.noMeeting', { secretary: secretaryContact(turn.council, turn.language) });
    const view = await this.deps.proposals.agenda(turn.council, meeting, turn.language);
    const who = await this.person(turn);
    return { card: agendaCard(turn, { ...view, editable: who.officer && meeting.status === 'scheduled', noticeUrl: this.noticeUrl(meeting.id), banner }) };
  }

  private async agendaAction(turn: ProposalTurn, action: ProposalAction): Promise<Reply> {
    const who = await this.person(turn);
    if (!who.officer) {
      await this.audit(turn, 'agenda.action-refused', action.meetingId, { verb: action.verb, why: 'not-allowed' });
      return this.text(turn, 'agenda.officersOnly', { council: councilName(turn.council, turn.language) });
    }
    const meeting = await this.deps.meetings.get(turn.council, action.meetingId ?? '');
    if (!meeting || meeting.status !== 'scheduled') return this.text(turn, 'meeting.notFound', { council: councilName(turn.council, turn.language) });
    const version = action.version ?? -1;
    const stale = () => this.agenda(turn, { text: t(turn.language, 'agenda.stale'), tone: 'attention' }, meeting.id);

    if (action.verb === 'agenda.arrange') {
      const items = readArrangement(action);
      if (!items) return this.agenda(turn, { text: t(turn.language, 'agenda.badOrder'), tone: 'attention' }, meeting.id);
      const result = await this.deps.proposals.arrange(meeting, version, items, who.id);
      if (!result.ok) {
        await this.audit(turn, 'agenda.action-refused', meeting.id, { verb: action.verb, why: result.reason });
        return stale();
      }
      await this.audit(turn, 'agenda.arranged', meeting.id, { items: items.length });
      return this.agenda(turn, { text: t(turn.language, 'agenda.saved'), tone: 'good' }, meeting.id);
    }

    const now = this.deps.clock();
    const approved = await this.deps.proposals.approve(meeting, version, who, now);
    if (!approved.ok) {
      await this.audit(turn, 'agenda.action-refused', meeting.id, { verb: action.verb, why: approved.reason });
      return stale();
    }
    const sent = await this.sendNotice(turn, meeting, approved.value.approvals);
    const unreached = sent.unreached.length > 0 ? ` ${t(turn.language, 'agenda.unreached', { names: sent.unreached.join(', ') })}` : '';
    return this.agenda(turn, { text: `${t(turn.language, 'agenda.sent', { delivered: sent.delivered, total: sent.total })}${unreached}`, tone: sent.unreached.length > 0 ? 'attention' : 'good' }, meeting.id);
  }

  /**
   * Sends the notice with the approved agenda to everyone on the roster in their personal chat and
   * to the council's bound channels, and records per person when it was delivered.
   */
  private async sendNotice(turn: ProposalTurn, meeting: Meeting, approval: number) {
    const language = turn.council.languages[0]!;
    const c = { council: turn.council, language };
    const view = await this.deps.proposals.agenda(turn.council, meeting, language);
    const card = noticeCard(c, meeting, view.agenda, view.state, { notice: this.noticeUrl(meeting.id), calendar: this.deps.calendarLinks?.invite(meeting.id) ?? '' });
    const deliveries = await sendToRoster(turn.ctx, this.deps, turn.council.roster, () => MessageFactory.attachment(cardAttachment(card)));
    const now = this.deps.clock();
    for (const d of deliveries) {
      await this.deps.proposals.recordDelivery(meeting.id, {
        recipient: d.entry.name,
        approval,
        conversationId: d.ok ? d.conversationId : undefined,
        activityId: d.ok ? d.activityId : undefined,
        deliveredAt: d.ok ? now : undefined,
        failure: d.ok ? undefined : d.failure,
      });
    }
    for (const binding of await this.deps.store.listBindings(turn.council.id)) {
      const channel = (await this.deps.store.listConversations({ teamId: binding.conversationKey, scope: 'channel' }))[0] ?? (await this.deps.store.getConversation(binding.conversationKey));
      if (!channel) continue;
      const posted = await sendProactive(turn.ctx.adapter, this.deps.appId, channel.reference, MessageFactory.attachment(cardAttachment(card)));
      if (!posted.ok) this.deps.log.warn({ err: posted.error }, 'notice not posted to the channel');
    }
    if (deliveries.some((d) => d.ok)) {
      const marked = await this.deps.meetings.markNoticeSent(turn.council, meeting.id, now, actorId(turn.ctx));
      if (marked.ok) await this.deps.reminders?.planMeeting(turn.council, marked.meeting).catch((err: unknown) => this.deps.log.warn({ err }, 'jobs not re-planned after the notice'));
    }
    await this.audit(turn, 'agenda.approved', meeting.id, { approval, delivered: deliveries.filter((d) => d.ok).length, roster: deliveries.length });
    return { delivered: deliveries.filter((d) => d.ok).length, total: deliveries.length, unreached: deliveries.filter((d) => !d.ok).map((d) => d.entry.name) };
  }

  /** A button on a proposal or agenda card; roles and state are checked against the store. */
  async action(turn: ProposalTurn, action: ProposalAction): Promise<Reply> {
    if (action.verb === 'proposal.submit') return this.submit(turn, action);
    if (action.verb === 'proposal.refresh') return this.refresh(turn, action);
    if (action.verb === 'agenda.arrange' || action.verb === 'agenda.approve') return this.agendaAction(turn, action);
    return this.decide(turn, action, DECISIONS[action.verb]!);
  }
}

const ORDER_KEY = /^order:([0-9a-f-]{36})$/i;

/** The chair's order and minutes from the agenda card's inputs, or undefined when a value is not a whole number in range. */
function readArrangement(action: Record<string, unknown>): { proposalId: string; position: number; minutes: number | undefined }[] | undefined {
  const items: { proposalId: string; position: number; minutes: number | undefined }[] = [];
  for (const [key, value] of Object.entries(action)) {
    const id = ORDER_KEY.exec(key)?.[1];
    if (!id) continue;
    const position = Number(value);
    const rawMinutes = action[`minutes:${id}`];
    const minutes = rawMinutes === undefined || rawMinutes === '' ? undefined : Number(rawMinutes);
    if (!Number.isInteger(position) || position < 1 || position > 99) return undefined;
    if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > 240)) return undefined;
    items.push({ proposalId: id, position, minutes });
  }
  return items.length > 0 ? items : undefined;
}

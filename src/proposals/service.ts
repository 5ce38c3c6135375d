import type { Council } from '../councils/schema.ts';
import { endOfDay } from '../domain/civil-date.ts';
import { buildAgenda, type Agenda, type AgendaState, type FixedItem } from '../domain/agenda.ts';
import type { Meeting } from '../domain/meetings.ts';
import { checkDecision, readProposalForm, type Proposal, type ProposalDecision, type ProposalFormResult } from '../domain/proposals.ts';
import type { Language } from '../i18n/language.ts';
import { t } from '../i18n/messages.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { Arrangement, CardCopy, NoticeDelivery, ProposalStore, Versioned } from '../store/proposals.ts';

/** Meetings a proposal can be aimed at: the next few. */
const TARGET_MEETINGS = 4;
// Any registry number passes where the council has set no pattern.
const ANY_REGISTRY_NUMBER = /^.{1,60}$/u;

export type Person = { id: string; name: string; userId: string | undefined };

export type DecisionOutcome =
  | { ok: true; proposal: Proposal; before: Proposal }
  | { ok: false; why: 'not-found' | 'stale' | 'not-allowed' | 'already-decided' | 'reason-required' | 'no-next-meeting'; proposal: Proposal | undefined };

export type AgendaView = { meeting: Meeting; state: AgendaState; agenda: Agenda; proposals: Proposal[] };

/** Agenda items from proposal to notice, with the clock passed in. */
export class ProposalService {
  constructor(
    private readonly store: ProposalStore,
    private readonly meetings: MeetingService,
  ) {}

  async targetMeetings(council: Council, now: Date): Promise<Meeting[]> {
    return (await this.meetings.upcoming(council, now)).slice(0, TARGET_MEETINGS);
  }

  /** The next meeting still open for proposals, else the next meeting. */
  defaultTarget(council: Council, meetings: readonly Meeting[], now: Date): Meeting | undefined {
    return meetings.find((m) => !this.isLate(council, m, now)) ?? meetings[0];
  }

  isLate(council: Council, meeting: Meeting, now: Date): boolean {
    const deadline = this.meetings.deadlines(council, meeting).proposals.date;
    return now.getTime() >= endOfDay(deadline, council.timeZone).getTime();
  }

  read(council: Council, input: unknown, meetings: readonly Meeting[]): ProposalFormResult {
    const pattern = council.proposals ? new RegExp(council.proposals.registryNumber.pattern, 'u') : ANY_REGISTRY_NUMBER;
    return readProposalForm(input, { registryNumber: pattern, meetingIds: meetings.map((m) => m.id) });
  }

  /** Stores the proposal before anything is said about it; a proposal after the deadline is marked late. */
  async submit(council: Council, form: Extract<ProposalFormResult, { ok: true }>, meeting: Meeting, who: Person, now: Date): Promise<Proposal> {
    return this.store.create({
      ...form.content,
      councilId: council.id,
      meetingId: meeting.id,
      late: this.isLate(council, meeting, now),
      submitterId: who.id,
      submitterName: who.name,
      submitterUserId: who.userId,
    });
  }

  async get(council: Council, id: string): Promise<Proposal | undefined> {
    const p = await this.store.get(id);
    return p?.councilId === council.id ? p : undefined;
  }

  async decide(
    council: Council,
    id: string,
    version: number,
    decision: ProposalDecision,
    who: { id: string; name: string; officer: boolean },
    reason: string | undefined,
    now: Date,
  ): Promise<DecisionOutcome> {
    const proposal = await this.get(council, id);
    if (!proposal) return { ok: false, why: 'not-found', proposal: undefined };
    let nextMeetingId: string | undefined;
    if (decision === 'defer') {
      const meeting = await this.meetings.get(council, proposal.meetingId);
      const later = (await this.meetings.upcoming(council, now)).filter((m) => m.id !== proposal.meetingId && (!meeting || m.startsAt > meeting.startsAt));
      nextMeetingId = later[0]?.id;
    }
    const check = checkDecision(proposal, decision, { officer: who.officer, submitter: proposal.submitterId === who.id }, { reason, nextMeetingId });
    if (!check.ok) return { ok: false, why: check.why, proposal };
    // The version the person saw: a second press of the same button finds the proposal moved on.
    if (proposal.version !== version) return { ok: false, why: 'stale', proposal };
    const result = await this.store.decide(id, version, { to: check.to, actor: who.id, actorName: who.name, reason: reason?.trim() || undefined, meetingId: nextMeetingId, at: now });
    if (!result.ok) return { ok: false, why: result.reason, proposal: await this.get(council, id) };
    return { ok: true, proposal: result.value, before: proposal };
  }

  mine(council: Council, submitterId: string): Promise<Proposal[]> {
    return this.store.listBySubmitter(council.id, submitterId);
  }

  async pending(meeting: Meeting): Promise<Proposal[]> {
    return (await this.store.listForMeeting(meeting.id)).filter((p) => p.status === 'submitted' || p.status === 'deferred');
  }

  fixedItems(council: Council, language: Language): { opening: FixedItem[]; standing: FixedItem[]; closing: FixedItem[] } {
    const pick = (items: { id: string; title: Partial<Record<Language, string>> }[]) =>
      items.map((i) => ({ id: i.id, title: i.title[language] ?? i.title[council.languages[0]!] ?? Object.values(i.title)[0]! }));
    return {
      opening: council.agenda.opening ? pick(council.agenda.opening) : [{ id: 'opening', title: t(language, 'agenda.opening') }],
      standing: pick(council.standingItems),
      closing: council.agenda.closing ? pick(council.agenda.closing) : [{ id: 'closing', title: t(language, 'agenda.closing') }],
    };
  }

  async agenda(council: Council, meeting: Meeting, language: Language): Promise<AgendaView> {
    const [state, proposals] = await Promise.all([this.store.agenda(meeting.id), this.store.listForMeeting(meeting.id)]);
    const minutes = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
    return { meeting, state, proposals, agenda: buildAgenda(this.fixedItems(council, language), proposals, minutes) };
  }

  arrange(meeting: Meeting, version: number, items: readonly Arrangement[], actor: string): Promise<Versioned<AgendaState>> {
    return this.store.arrangeAgenda(meeting.id, version, items, actor);
  }

  approve(meeting: Meeting, version: number, who: { id: string; name: string }, now: Date): Promise<Versioned<AgendaState>> {
    return this.store.approveAgenda(meeting.id, version, who.id, who.name, now);
  }

  rememberCard(proposalId: string, copy: CardCopy): Promise<void> {
    return this.store.addCard(proposalId, copy);
  }

  cards(proposalId: string): Promise<CardCopy[]> {
    return this.store.cards(proposalId);
  }

  recordDelivery(meetingId: string, delivery: NoticeDelivery): Promise<void> {
    return this.store.recordDelivery(meetingId, delivery);
  }
}

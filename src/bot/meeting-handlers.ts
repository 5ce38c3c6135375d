import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CalendarLinks } from '../calendar/links.ts';
import type { AdaptiveCard } from '../cards/render.ts';
import { councilName, secretaryContact } from '../councils/display.ts';
import type { Council, Role } from '../councils/schema.ts';
import { civilDateIn, yearOf } from '../domain/civil-date.ts';
import { MEMBER_ROLES } from '../domain/extra-meeting.ts';
import { readMeetingForm } from '../domain/meeting-form.ts';
import type { Meeting } from '../domain/meetings.ts';
import { hasRole, rosterEntriesFor, STAFF_ROLES } from '../domain/roster.ts';
import { formatDay } from '../i18n/format.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey, type MessageParams } from '../i18n/messages.ts';
import type { QaEngine } from '../knowledge/engine.ts';
import { citeRule } from '../knowledge/cite.ts';
import type { Logger } from '../log.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { UpdateResult } from '../store/meetings.ts';
import type { ReminderPlanner } from '../scheduler/reminder-service.ts';
import type { Store } from '../store/store.ts';
import { actorId, identify } from './identity.ts';
import { sendToRoster } from './proactive.ts';
import { cancelFormCard, checkCard, deadlinesCard, meetingCard, meetingFormCard, meetingsCard, type Banner, type MeetingView } from './meeting-cards.ts';

export type Reply = { card: AdaptiveCard } | { text: string };

export type MeetingTurn = { ctx: TurnContext; council: Council; language: Language };

export type MeetingHandlerDeps = {
  meetings: MeetingService;
  knowledge: ReadonlyMap<string, QaEngine>;
  store: Store;
  log: Logger;
  clock: () => Date;
  /** The bot's app id, for proactive messages ('' in local mode). */
  appId: string;
  reminders: ReminderPlanner;
  calendarLinks?: CalendarLinks | undefined;
};

export const MEETING_VERBS = ['meeting.edit', 'meeting.save', 'meeting.cancel', 'meeting.cancel.confirm', 'meeting.noticeSent'] as const;

/** What a card button sends back. Only the verb and ids are read from it; roles and state come from the server. */
export const meetingActionSchema = z.looseObject({
  verb: z.enum(MEETING_VERBS),
  meetingId: z.string().max(64).optional(),
  sequence: z.coerce.number().int().min(0).max(1_000_000).optional(),
  reason: z.string().max(500).optional(),
});
export type MeetingAction = z.infer<typeof meetingActionSchema>;

const COMING_IN_DEADLINES = 3;
const NOTIFIED_ROLES: readonly Role[] = ['chair', 'vice-chair', 'secretary'];

/** "When is the next meeting?", the year's meetings, deadlines, the secretary's forms, extra-meeting requests. */
export class MeetingHandlers {
  constructor(private readonly deps: MeetingHandlerDeps) {}

  private text(turn: MeetingTurn, key: MessageKey, params: MessageParams = {}): Reply {
    return { text: t(turn.language, key, params) };
  }

  private async isStaff(turn: MeetingTurn): Promise<boolean> {
    return hasRole(turn.council, await identify(turn.ctx, this.deps.log), STAFF_ROLES);
  }

  private view(turn: MeetingTurn, staff: boolean): MeetingView {
    const engine = this.deps.knowledge.get(turn.council.id);
    return {
      council: turn.council,
      language: turn.language,
      now: this.deps.clock(),
      staff,
      deadlinesOf: (m) => this.deps.meetings.deadlines(turn.council, m),
      cite: (id) => citeRule(turn.council, engine, id, turn.language),
      calendar: this.deps.calendarLinks,
    };
  }

  async next(turn: MeetingTurn): Promise<Reply> {
    const now = this.deps.clock();
    const meeting = await this.deps.meetings.next(turn.council, now);
    if (!meeting) return this.none(turn);
    return { card: meetingCard(meeting, this.view(turn, await this.isStaff(turn)), { next: true }) };
  }

  async list(turn: MeetingTurn): Promise<Reply> {
    const now = this.deps.clock();
    const year = yearOf(civilDateIn(now, turn.council.timeZone));
    const meetings = await this.deps.meetings.ofYear(turn.council, year, now);
    return { card: meetingsCard(meetings, year, this.view(turn, false)) };
  }

  async deadlines(turn: MeetingTurn): Promise<Reply> {
    const coming = (await this.deps.meetings.upcoming(turn.council, this.deps.clock())).slice(0, COMING_IN_DEADLINES);
    if (coming.length === 0) return this.none(turn);
    return { card: deadlinesCard(coming, this.view(turn, false)) };
  }

  async scheduleForm(turn: MeetingTurn): Promise<Reply> {
    if (!(await this.isStaff(turn))) return this.refuse(turn, 'command.schedule', undefined);
    return { card: meetingFormCard(turn, {}) };
  }

  async check(turn: MeetingTurn): Promise<Reply> {
    if (!(await this.isStaff(turn))) return this.refuse(turn, 'command.check', undefined);
    const warnings = await this.deps.meetings.warnings(turn.council, this.deps.clock());
    return { card: checkCard(warnings, this.view(turn, true)) };
  }

  /** A member asks for an extra meeting; when the rule is met, the chair and the secretary are told. */
  async requestExtra(turn: MeetingTurn, reason: string | undefined): Promise<Reply> {
    const { council, language } = turn;
    const names = { council: councilName(council, language), secretary: secretaryContact(council, language) };
    if (!council.extraMeeting) return this.text(turn, 'extra.noRule', names);
    if (!reason?.trim()) return this.text(turn, 'extra.usage');
    const who = await identify(turn.ctx, this.deps.log);
    const member = rosterEntriesFor(council, who).find((e) => MEMBER_ROLES.includes(e.role));
    const now = this.deps.clock();
    const outcome = await this.deps.meetings.requestExtraMeeting(council, member, reason.trim().slice(0, 500), actorId(turn.ctx), now);
    if (outcome.kind === 'no-rule') return this.text(turn, 'extra.noRule', names);
    if (outcome.kind === 'not-a-member') return this.text(turn, 'extra.notMember', names);
    const { demand } = outcome;
    const counts = { asked: demand.asked, members: demand.members, needed: demand.needed };
    if (!demand.met) return this.text(turn, outcome.added ? 'extra.recorded' : 'extra.already', counts);
    const cited = this.view(turn, false).cite(council.extraMeeting.rule);
    const rule = cited ? ` (${cited})` : '';
    const told = await this.notify(turn, NOTIFIED_ROLES, (lang) =>
      t(lang, 'extra.notice', { council: councilName(council, lang), rule, requesters: outcome.requesters.join(', '), reasons: outcome.reasons.join(' | ') }),
    );
    await this.deps.store.appendAudit({
      actor: actorId(turn.ctx),
      action: 'extra-meeting.required',
      councilId: council.id,
      subject: undefined,
      details: { by: demand.by, asked: demand.asked, needed: demand.needed, notified: told.length },
    });
    return told.length > 0 ? this.text(turn, 'extra.met', { rule, told: told.join(', ') }) : this.text(turn, 'extra.metNobodyReached', { rule, secretary: names.secretary });
  }

  /** Tells the roster people with these roles in their personal chats; returns the names of those reached. */
  private async notify(turn: MeetingTurn, roles: readonly Role[], text: (language: Language) => string): Promise<string[]> {
    const entries = turn.council.roster.filter((e) => roles.includes(e.role));
    const deliveries = await sendToRoster(turn.ctx, this.deps, entries, () => ({ type: 'message', text: text(turn.council.languages[0]!) }));
    return deliveries.filter((d) => d.ok).map((d) => d.entry.name);
  }

  /** A button on a meeting card. Roles and the meeting's state are checked here, never taken from the card. */
  async action(turn: MeetingTurn, action: MeetingAction): Promise<Reply> {
    const { council } = turn;
    if (!(await this.isStaff(turn))) return this.refuse(turn, action.verb, action.meetingId);
    const now = this.deps.clock();
    const staffView = this.view(turn, true);
    const actor = actorId(turn.ctx);
    if (action.verb === 'meeting.save') {
      const form = readMeetingForm(action, council.timeZone, now);
      const existing = action.meetingId ? await this.deps.meetings.get(council, action.meetingId) : undefined;
      if (action.meetingId && !existing) return this.text(turn, 'meeting.notFound', { council: councilName(council, turn.language) });
      if (!form.ok) return { card: meetingFormCard(turn, { meeting: existing, values: form.values, problems: form.problems }) };
      if (!existing) {
        const created = await this.deps.meetings.schedule(council, form.details, actor);
        await this.replan(council, created);
        return { card: meetingCard(created, staffView, { banner: this.banner(turn, 'meeting.saved', 'good') }) };
      }
      if (existing.startsAt.getTime() <= now.getTime()) return this.text(turn, 'meeting.past');
      return this.updated(turn, existing.id, await this.deps.meetings.change(council, existing.id, action.sequence ?? -1, form.details, actor), 'meeting.saved', staffView);
    }

    const meeting = action.meetingId ? await this.deps.meetings.get(council, action.meetingId) : undefined;
    if (!meeting) return this.text(turn, 'meeting.notFound', { council: councilName(council, turn.language) });
    if (meeting.status === 'cancelled') return { card: meetingCard(meeting, staffView, { banner: this.banner(turn, 'meeting.alreadyCancelled', 'attention') }) };
    if (meeting.startsAt.getTime() <= now.getTime()) return this.text(turn, 'meeting.past');
    switch (action.verb) {
      case 'meeting.edit':
        return { card: meetingFormCard(turn, { meeting }) };
      case 'meeting.cancel':
        return { card: cancelFormCard(meeting, turn) };
      case 'meeting.cancel.confirm': {
        const reason = action.reason?.replace(/\s+/g, ' ').trim() || undefined;
        return this.updated(turn, meeting.id, await this.deps.meetings.cancel(council, meeting.id, action.sequence ?? -1, reason, actor), 'meeting.cancelDone', staffView);
      }
      case 'meeting.noticeSent': {
        const result = await this.deps.meetings.markNoticeSent(council, meeting.id, now, actor);
        return this.updated(turn, meeting.id, result, 'meeting.noticeRecorded', staffView, { day: formatDay(civilDateIn(now, council.timeZone), turn.language) });
      }
    }
  }

  private banner(turn: MeetingTurn, key: MessageKey, tone: Banner['tone'], params: MessageParams = {}): Banner {
    return { text: t(turn.language, key, params), tone };
  }

  /** Reminders follow the meeting: new times, or none once it is cancelled. A failure must not undo the change. */
  private async replan(council: Council, meeting: Meeting): Promise<void> {
    await this.deps.reminders.planMeeting(council, meeting).catch((err: unknown) => this.deps.log.warn({ err }, 'reminders not re-planned'));
  }

  private async updated(turn: MeetingTurn, meetingId: string, result: UpdateResult, done: MessageKey, view: MeetingView, params: MessageParams = {}): Promise<Reply> {
    if (result.ok) await this.replan(turn.council, result.meeting);
    if (result.ok) return { card: meetingCard(result.meeting, view, { banner: this.banner(turn, done, 'good', params) }) };
    if (result.reason === 'not-found') return this.text(turn, 'meeting.notFound', { council: councilName(turn.council, turn.language) });
    // Stale or cancelled meanwhile: show the meeting as it stands, and say nothing was saved.
    const current = await this.deps.meetings.get(turn.council, meetingId);
    if (!current) return this.text(turn, 'meeting.stale');
    return { card: meetingCard(current, view, { banner: this.banner(turn, result.reason === 'cancelled' ? 'meeting.alreadyCancelled' : 'meeting.stale', 'attention') }) };
  }

  private none(turn: MeetingTurn): Reply {
    return this.text(turn, 'meeting.none', { council: councilName(turn.council, turn.language), secretary: secretaryContact(turn.council, turn.language) });
  }

  private async refuse(turn: MeetingTurn, what: string, meetingId: string | undefined): Promise<Reply> {
    await this.deps.store
      .appendAudit({
        actor: actorId(turn.ctx),
        action: 'meeting.action-refused',
        councilId: turn.council.id,
        subject: meetingId,
        details: { what, reason: 'not staff of the council' },
      })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'audit entry not written'));
    return this.text(turn, 'meeting.staffOnly', { council: councilName(turn.council, turn.language) });
  }
}

import type { TurnContext } from 'botbuilder';
import { councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { REMINDER_KINDS, type JobKind } from '../domain/reminders.ts';
import { hasRole, rosterEntriesFor, STAFF_ROLES } from '../domain/roster.ts';
import { formatDay, formatTime } from '../i18n/format.ts';
import { civilDateIn } from '../domain/civil-date.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { Store } from '../store/store.ts';
import type { ReminderPlanner } from '../scheduler/reminder-service.ts';
import { actorId, identify } from './identity.ts';
import type { Reply } from './meeting-handlers.ts';
import { timeRange } from './meeting-cards.ts';

export type ReminderTurn = { ctx: TurnContext; council: Council; language: Language };
export type ReminderHandlerDeps = { store: Store; meetings: MeetingService; reminders: ReminderPlanner; log: Logger; clock: () => Date };

/** "Stop reminders", "start reminders", and for staff "which reminders are planned?". */
export class ReminderHandlers {
  constructor(private readonly deps: ReminderHandlerDeps) {}

  async setMuted(turn: ReminderTurn, muted: boolean): Promise<Reply> {
    const { council, language } = turn;
    const entry = rosterEntriesFor(council, await identify(turn.ctx, this.deps.log))[0];
    if (!entry) return { text: t(language, 'reminders.notOnRoster', { council: councilName(council, language), secretary: secretaryContact(council, language) }) };
    if (muted) await this.deps.store.reminders.mute(council.id, entry.name, REMINDER_KINDS);
    else await this.deps.store.reminders.unmute(council.id, entry.name, REMINDER_KINDS);
    await this.deps.store
      .appendAudit({ actor: actorId(turn.ctx), action: muted ? 'reminders.muted' : 'reminders.unmuted', councilId: council.id, subject: undefined, details: {} })
      .catch((err: unknown) => this.deps.log.warn({ err }, 'audit entry not written'));
    return {
      text: muted
        ? t(language, 'reminders.stopped', { council: councilName(council, language), start: t(language, 'command.startReminders.name') })
        : t(language, 'reminders.started', { council: councilName(council, language) }),
    };
  }

  /** What is planned for the next meeting, per kind and time, with how many went out; staff only. */
  async planned(turn: ReminderTurn): Promise<Reply> {
    const { council, language } = turn;
    if (!hasRole(council, await identify(turn.ctx, this.deps.log), STAFF_ROLES)) {
      return { text: t(language, 'meeting.staffOnly', { council: councilName(council, language) }) };
    }
    const meeting = (await this.deps.meetings.upcoming(council, this.deps.clock()))[0];
    if (!meeting) return { text: t(language, 'meeting.none', { council: councilName(council, language), secretary: secretaryContact(council, language) }) };
    await this.deps.reminders.planMeeting(council, meeting);
    const jobs = await this.deps.store.reminders.list({ meetingId: meeting.id });
    const when = timeRange(meeting, turn, false);
    if (jobs.length === 0) return { text: t(language, 'reminders.none', { meeting: when }) };
    const groups = new Map<string, { kind: JobKind; dueAt: Date; count: number; sent: number; pending: number }>();
    for (const j of jobs) {
      const key = `${j.kind}|${j.dueAt.toISOString()}`;
      const g = groups.get(key) ?? { kind: j.kind, dueAt: j.dueAt, count: 0, sent: 0, pending: 0 };
      g.count++;
      if (j.status === 'sent') g.sent++;
      if (j.status === 'pending' || j.status === 'claimed' || j.status === 'sending') g.pending++;
      groups.set(key, g);
    }
    const lines = [...groups.values()].map((g) => {
      const states = [
        g.pending && `${g.pending} ${t(language, 'reminders.status.pending')}`,
        g.sent && `${g.sent} ${t(language, 'reminders.status.sent')}`,
        g.count - g.pending - g.sent && `${g.count - g.pending - g.sent} ${t(language, 'reminders.status.other')}`,
      ].filter(Boolean).join(', ');
      const at = `${formatDay(civilDateIn(g.dueAt, council.timeZone), language, false)} ${formatTime(g.dueAt, council.timeZone, language)}`;
      return `- ${t(language, `reminders.kind.${g.kind}` as MessageKey)}, ${t(language, 'reminders.line', { when: at, count: g.count, states })}`;
    });
    return { text: [t(language, 'reminders.title', { meeting: when }), ...lines].join('\n') };
  }
}

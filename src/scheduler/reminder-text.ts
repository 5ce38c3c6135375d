import { councilName } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import type { MeetingDeadlines } from '../domain/deadlines.ts';
import type { Meeting } from '../domain/meetings.ts';
import type { ReminderKind } from '../domain/reminders.ts';
import { formatDay } from '../i18n/format.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey } from '../i18n/messages.ts';
import { timeRange } from '../bot/meeting-cards.ts';

/** The words of a reminder, in the council's language, with what to write next. */
export function reminderText(
  kind: ReminderKind,
  c: { council: Council; language: Language },
  meeting: Meeting,
  deadlines: MeetingDeadlines,
  extra: { pending: number; rule: string },
): string {
  const { language, council } = c;
  const params = {
    council: councilName(council, language),
    meeting: timeRange(meeting, c, false),
    place: meeting.place,
    proposals: formatDay(deadlines.proposals.date, language, false),
    notice: formatDay(deadlines.notice.date, language, false),
    pending: extra.pending,
    rule: extra.rule,
    propose: t(language, 'command.propose.name'),
    review: t(language, 'command.review.name'),
    agenda: t(language, 'command.agenda.name'),
  };
  const body = t(language, `reminder.${kind}` as MessageKey, params);
  return `${body} ${t(language, 'reminder.footer', { stop: t(language, 'command.stopReminders.name') })}`;
}

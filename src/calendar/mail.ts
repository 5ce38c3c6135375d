import nodemailer, { type Transporter } from 'nodemailer';
import type { Council, RosterEntry } from '../councils/schema.ts';
import { civilDateIn } from '../domain/civil-date.ts';
import type { Meeting } from '../domain/meetings.ts';
import { formatDay, formatTime } from '../i18n/format.ts';
import { t } from '../i18n/messages.ts';
import type { SendResult } from '../scheduler/dispatcher.ts';
import { eventSummary, organizerOf } from './ics.ts';
import type { CalendarService } from './service.ts';

type SmtpError = { responseCode?: unknown; code?: unknown; message?: unknown };

/**
 * E-mails a meeting's invite or cancellation to one member: a text part, the calendar as a
 * `text/calendar; method=…` alternative (what Outlook and Gmail show as an invitation) and the
 * same file attached as invite.ics. Never throws: a failure comes back for the scheduler to retry.
 */
export class InviteMailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string | undefined,
    private readonly calendar: CalendarService,
    private readonly clock: () => Date,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(council: Council, meeting: Meeting, to: RosterEntry): Promise<SendResult> {
    const language = council.languages[0]!;
    const file = await this.calendar.invite(meeting.id, language, this.clock());
    const organizer = organizerOf(council);
    const from = this.from ?? organizer?.email;
    if (!file || !to.email) return { ok: false, status: 404, retryAfterMs: undefined, error: 'nothing to send' };
    if (!from) return { ok: false, status: 400, retryAfterMs: undefined, error: 'no sender address: set MAIL_FROM or the secretary\u2019s e-mail', transient: false };
    const cancel = meeting.status === 'cancelled';
    const summary = eventSummary(council, meeting, language);
    const when = {
      summary,
      day: formatDay(civilDateIn(meeting.startsAt, council.timeZone), language),
      time: formatTime(meeting.startsAt, council.timeZone, language),
    };
    const method = cancel ? 'CANCEL' : 'REQUEST';
    try {
      const info = await this.transport.sendMail({
        from: organizer && this.from ? { name: organizer.name, address: this.from } : from,
        to: { name: to.name, address: to.email },
        subject: cancel ? t(language, 'calendar.cancelledSubject', { summary }) : summary,
        text: t(language, cancel ? 'calendar.mailCancelBody' : 'calendar.mailBody', when),
        icalEvent: { method, content: file.body },
        attachments: [{ filename: 'invite.ics', content: file.body, contentType: `text/calendar; charset=utf-8; method=${method}` }],
      });
      return { ok: true, activityId: typeof info.messageId === 'string' ? info.messageId : undefined };
    } catch (caught) {
      const err = caught as SmtpError;
      const code = typeof err.responseCode === 'number' ? err.responseCode : undefined;
      // SMTP 4xx and network failures are worth another try; 5xx (no such mailbox…) are not.
      return { ok: false, status: code, retryAfterMs: undefined, error: String(err.message ?? caught).slice(0, 300), transient: code === undefined || code < 500 };
    }
  }

  close(): void {
    this.transport.close();
  }
}

import { renderCard, type AdaptiveCard } from '../cards/render.ts';
import { councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { civilDateIn, wallTimeIn, type CivilDate } from '../domain/civil-date.ts';
import type { ComplianceWarning } from '../domain/compliance.ts';
import { deadlineState, DEADLINE_KINDS, type Deadline, type MeetingDeadlines } from '../domain/deadlines.ts';
import { MEETING_FORM_FIELDS, type MeetingFormField, type MeetingFormProblem, type MeetingFormValues } from '../domain/meeting-form.ts';
import type { Meeting } from '../domain/meetings.ts';
import { formatDay, formatTime } from '../i18n/format.ts';
import type { Language } from '../i18n/language.ts';
import { t, type MessageKey } from '../i18n/messages.ts';

/** What the meeting cards need besides the meeting: the council's language, the clock, the rules. */
export type MeetingView = {
  council: Council;
  language: Language;
  now: Date;
  staff: boolean;
  deadlinesOf: (m: Meeting) => MeetingDeadlines;
  /** "Kallelse, Regler för kommunala råd …" for a rules.md section id. */
  cite: (sectionId: string | undefined) => string;
  /** Signed calendar links, when the bot has a public address. */
  calendar?: { invite(meetingId: string): string | undefined; subscription(councilId: string): string | undefined } | undefined;
};

export type Banner = { text: string; tone: 'good' | 'attention' };

const DEADLINE_LABEL: Record<(typeof DEADLINE_KINDS)[number], MessageKey> = {
  proposals: 'deadline.proposals',
  approval: 'deadline.approval',
  notice: 'deadline.notice',
};

/** "tisdag 16 februari 2027 kl. 18:00–20:00" in the council's zone. */
export function timeRange(m: Pick<Meeting, 'startsAt' | 'endsAt'>, v: Pick<MeetingView, 'council' | 'language'>, withYear = true): string {
  const tz = v.council.timeZone;
  return t(v.language, 'meeting.timeRange', {
    day: formatDay(civilDateIn(m.startsAt, tz), v.language, withYear),
    start: formatTime(m.startsAt, tz, v.language),
    end: formatTime(m.endsAt, tz, v.language),
  });
}

function deadlineValue(d: Deadline, v: MeetingView): string {
  const s = deadlineState(d.date, v.council.timeZone, v.now);
  const state =
    s.state === 'passed'
      ? t(v.language, 'deadline.passed')
      : s.state === 'today'
        ? t(v.language, 'deadline.today')
        : s.daysLeft === 1
          ? t(v.language, 'deadline.tomorrow')
          : t(v.language, 'deadline.inDays', { days: s.daysLeft });
  let line = t(v.language, 'deadline.line', { day: formatDay(d.date, v.language, false), state });
  if (d.movedFrom) {
    const day = formatDay(d.ideal, v.language, false);
    line += ` (${
      d.movedFrom.kind === 'weekend'
        ? t(v.language, 'deadline.movedWeekend', { day })
        : t(v.language, 'deadline.movedHoliday', { day, holiday: d.movedFrom.name })
    })`;
  }
  return line;
}

export function deadlineRows(m: Meeting, v: MeetingView) {
  const d = v.deadlinesOf(m);
  return DEADLINE_KINDS.map((kind) => ({ label: t(v.language, DEADLINE_LABEL[kind]), value: deadlineValue(d[kind], v) }));
}

/** One meeting: when, where, the notice and agenda, the three deadlines; staff get the buttons to change it. */
export function meetingCard(m: Meeting, v: MeetingView, opts: { next?: boolean; banner?: Banner } = {}): AdaptiveCard {
  const { language } = v;
  const council = councilName(v.council, language);
  const cancelled = m.status === 'cancelled';
  const facts = [
    { title: t(language, 'meeting.when'), value: timeRange(m, v) },
    { title: t(language, 'meeting.place'), value: m.place },
    ...(m.budget ? [{ title: t(language, 'meeting.budget'), value: t(language, 'meeting.budgetYes') }] : []),
    {
      title: t(language, 'meeting.notice'),
      value: m.noticeSentAt
        ? t(language, 'meeting.noticeSent', { day: formatDay(civilDateIn(m.noticeSentAt, v.council.timeZone), language, false) })
        : t(language, 'meeting.noticeNotSent'),
    },
    { title: t(language, 'meeting.agenda'), value: t(language, 'meeting.agendaNotApproved') },
    ...(m.note ? [{ title: t(language, 'meeting.note'), value: m.note }] : []),
  ];
  const future = m.startsAt.getTime() > v.now.getTime();
  const staffActions =
    v.staff && !cancelled && future
      ? [
          { title: t(language, 'meeting.change'), verb: 'meeting.edit' },
          { title: t(language, 'meeting.cancel'), verb: 'meeting.cancel' },
          ...(m.noticeSentAt ? [] : [{ title: t(language, 'meeting.markNoticeSent'), verb: 'meeting.noticeSent' }]),
        ].map((a) => ({ ...a, meetingId: m.id, sequence: m.sequence }))
      : [];
  return renderCard('meeting', {
    banner: opts.banner?.text ?? '',
    bannerColor: opts.banner?.tone === 'attention' ? 'Attention' : 'Good',
    title: t(language, opts.next ? 'meeting.title.next' : 'meeting.title.one', { council }),
    cancelled: cancelled ? (m.cancelReason && m.cancelReason !== 'plan-changed' ? t(language, 'meeting.cancelledBecause', { reason: m.cancelReason }) : t(language, 'meeting.cancelled')) : '',
    facts,
    deadlinesHeading: t(language, 'meeting.deadlines'),
    deadlines: cancelled ? [] : deadlineRows(m, v),
    onlineUrl: !cancelled && m.onlineUrl ? m.onlineUrl : '',
    onlineLabel: t(language, 'meeting.online'),
    calendarUrl: (!cancelled && future && v.calendar?.invite(m.id)) || '',
    calendarLabel: t(language, 'calendar.add'),
    subscribeUrl: v.calendar?.subscription(v.council.id) ?? '',
    subscribeLabel: t(language, 'calendar.subscribe'),
    allMeetingsLabel: t(language, 'meeting.allMeetings'),
    allMeetingsCommand: t(language, 'command.meetings.name'),
    proposeLabel: !cancelled && future ? t(language, 'command.propose.name') : '',
    agendaLabel: t(language, 'command.agenda.name'),
    staffActions,
  }, language);
}

/** The year's meetings, held, coming and cancelled. */
export function meetingsCard(meetings: readonly Meeting[], year: number, v: MeetingView): AdaptiveCard {
  const { language } = v;
  const council = councilName(v.council, language);
  return renderCard('meetings', {
    title: t(language, 'meetings.title', { council, year }),
    empty: meetings.length === 0 ? t(language, 'meetings.none', { council, year, secretary: secretaryContact(v.council, language) }) : '',
    meetings: meetings.map((m) => {
      const tz = v.council.timeZone;
      const held = m.endsAt.getTime() <= v.now.getTime();
      const status = m.status === 'cancelled' ? 'meetings.cancelled' : held ? 'meetings.held' : 'meetings.coming';
      return {
        day: formatDay(civilDateIn(m.startsAt, tz), language),
        detail: [`${formatTime(m.startsAt, tz, language)}\u2013${formatTime(m.endsAt, tz, language)}`, m.place, ...(m.budget ? [t(language, 'meetings.budgetTag')] : [])].join(' \u00b7 '),
        status: t(language, status),
        statusColor: m.status === 'cancelled' ? 'Attention' : held ? 'Default' : 'Good',
      };
    }),
    nextLabel: t(language, 'command.next.name'),
    nextCommand: t(language, 'command.next.name'),
  }, language);
}

/** The deadlines of the coming meetings. */
export function deadlinesCard(meetings: readonly Meeting[], v: MeetingView): AdaptiveCard {
  const { language } = v;
  const council = councilName(v.council, language);
  return renderCard('deadlines', {
    title: t(language, 'deadlines.title', { council }),
    empty: meetings.length === 0 ? t(language, 'meeting.none', { council, secretary: secretaryContact(v.council, language) }) : '',
    meetings: meetings.map((m) => ({
      heading: t(language, 'deadlines.meeting', { day: timeRange(m, v, false) }),
      deadlines: deadlineRows(m, v),
    })),
  }, language);
}

/** The form to schedule or change a meeting, with the values entered and what is wrong with them. */
export function meetingFormCard(
  v: Pick<MeetingView, 'council' | 'language'>,
  opts: { meeting?: Meeting; values?: MeetingFormValues; problems?: Partial<Record<MeetingFormField, MeetingFormProblem>> },
): AdaptiveCard {
  const { language, council } = v;
  const m = opts.meeting;
  const tz = council.timeZone;
  const values: Record<MeetingFormField, string> = {
    date: m ? civilDateIn(m.startsAt, tz) : '',
    start: m ? wallTimeIn(m.startsAt, tz) : (council.meetings.plan?.start ?? ''),
    end: m ? wallTimeIn(m.endsAt, tz) : '',
    place: m ? m.place : council.meetings.defaultPlace,
    onlineUrl: m?.onlineUrl ?? '',
    budget: m?.budget ? 'true' : 'false',
    note: m?.note ?? '',
    ...opts.values,
  };
  const problems = Object.fromEntries(
    MEETING_FORM_FIELDS.map((f) => {
      const p = opts.problems?.[f];
      return [f, p ? t(language, `form.problem.${p}` as MessageKey) : ''];
    }),
  );
  const labelKeys: Record<MeetingFormField, MessageKey> = {
    date: 'form.date',
    start: 'form.start',
    end: 'form.end',
    place: 'form.place',
    onlineUrl: 'form.onlineUrl',
    budget: 'form.budget',
    note: 'form.note',
  };
  return renderCard('meeting-form', {
    title: m
      ? t(language, 'form.titleChange', { day: formatDay(civilDateIn(m.startsAt, tz), language) })
      : t(language, 'form.titleNew', { council: councilName(council, language) }),
    intro: t(language, 'form.intro', { zone: tz }),
    problemsText: opts.problems && Object.keys(opts.problems).length > 0 ? t(language, 'form.problems') : '',
    requiredText: t(language, 'form.problem.required'),
    labels: Object.fromEntries(MEETING_FORM_FIELDS.map((f) => [f, t(language, labelKeys[f])])),
    values,
    problems,
    saveLabel: t(language, 'form.save'),
    meetingId: m?.id ?? '',
    sequence: m?.sequence ?? 0,
  }, language);
}

export function cancelFormCard(m: Meeting, v: Pick<MeetingView, 'council' | 'language'>): AdaptiveCard {
  return renderCard('meeting-cancel', {
    title: t(v.language, 'form.confirmCancel', { day: formatDay(civilDateIn(m.startsAt, v.council.timeZone), v.language) }),
    reasonLabel: t(v.language, 'form.cancelReason'),
    confirmLabel: t(v.language, 'meeting.cancel'),
    meetingId: m.id,
    sequence: m.sequence,
  }, v.language);
}

export function checkCard(warnings: readonly ComplianceWarning[], v: MeetingView): AdaptiveCard {
  const { language, council } = v;
  const day = (d: CivilDate) => formatDay(d, language);
  return renderCard('check', {
    title: t(language, 'check.title', { council: councilName(council, language) }),
    ok: warnings.length === 0 ? t(language, 'check.ok') : '',
    warnings: warnings.map((w) => {
      switch (w.kind) {
        case 'too-few-meetings':
          return { text: t(language, 'check.tooFew', { year: w.year, planned: w.planned, minimum: w.minimum }), rule: v.cite(council.meetings.rule) };
        case 'no-budget-meeting':
          return { text: t(language, 'check.noBudget', { year: w.year }), rule: v.cite(council.meetings.rule) };
        case 'notice-overdue':
          return { text: t(language, 'check.noticeOverdue', { meeting: day(w.meetingDate), deadline: day(w.deadline) }), rule: v.cite(council.notice.rule) };
      }
    }),
  }, language);
}

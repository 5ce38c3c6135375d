import { z } from 'zod';
import { addDays } from '../domain/civil-date.ts';
import { plannedMeetings, rruleProblem } from '../domain/meeting-plan.ts';
import { LANGUAGES } from '../i18n/language.ts';

const language = z.enum(LANGUAGES);

/** Text in one or more of the catalogue languages; the council's first language must be present. */
const localized = z.partialRecord(language, z.string().trim().min(1)).refine((v) => Object.keys(v).length > 0, {
  message: 'needs text in at least one of sv, da, en',
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM, e.g. 18:00');
/** A section id in the council's rules.md, cited when the bot warns about a rule. */
const ruleRef = z.string().regex(/^[a-z0-9-]+$/, 'must be a section id from rules.md');

const fixedItem = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: localized }).strict();

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

const meetingPlan = z
  .object({
    rrule: z.string().trim().min(1).superRefine((v, ctx) => {
      const problem = rruleProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    start: clockTime,
    since: isoDate,
    budgetMonths: z.array(z.number().int().min(1).max(12)).default([]),
  })
  .strict();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ROLES = ['chair', 'vice-chair', 'member', 'substitute', 'association-representative', 'secretary'] as const;
export type Role = (typeof ROLES)[number];

const rosterEntry = z
  .object({
    name: z.string().trim().min(1),
    role: z.enum(ROLES),
    email: z.email().optional(),
    upn: z.string().trim().min(3).optional(),
    aadObjectId: z.uuid().optional(),
    represents: z.string().trim().min(1).optional(),
  })
  .strict();

export const councilSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
    names: localized,
    shortNames: localized.optional(),
    municipality: z.string().trim().min(1),
    languages: z.array(language).min(1).refine((l) => new Set(l).size === l.length, 'lists a language twice'),
    timeZone: z.string().refine(isTimeZone, 'is not an IANA time zone such as Europe/Stockholm'),
    notice: z
      .object({
        daysBefore: z.number().int().min(1).max(90),
        shiftToPreviousWorkingDay: z.boolean(),
        holidayCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO country code such as SE or DK'),
        /** Days the offices are closed that the holiday library does not count (MM-DD). */
        closedDays: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be MM-DD')).default([]),
        rule: ruleRef.optional(),
      })
      .strict(),
    deadlines: z
      .object({
        proposalsCloseDaysBeforeNotice: z.number().int().min(0).max(60).default(7),
        agendaApprovalWorkingDaysBeforeNotice: z.number().int().min(0).max(20).default(1),
      })
      .strict()
      .default({ proposalsCloseDaysBeforeNotice: 7, agendaApprovalWorkingDaysBeforeNotice: 1 }),
    reminders: z
      .object({
        /** Local time of day reminders are sent. */
        sendAt: clockTime.default('09:00'),
        proposalsClosingDaysBefore: z.number().int().min(1).max(30).default(3),
      })
      .strict()
      .default({ sendAt: '09:00', proposalsClosingDaysBefore: 3 }),
    extraMeeting: z
      .object({
        /** The chair or the vice chair alone can require an extra meeting. */
        officersMayRequire: z.boolean(),
        /** More than this share of the members can require one (0.5: more than half). */
        memberShare: z.number().gt(0).lt(1),
        rule: ruleRef.optional(),
      })
      .strict()
      .optional(),
    meetings: z
      .object({
        minPerYear: z.number().int().min(0).max(52),
        budgetMeetingRequired: z.boolean().default(false),
        defaultDurationMinutes: z.number().int().min(15).max(24 * 60),
        defaultPlace: z.string().trim().min(1),
        rule: ruleRef.optional(),
        plan: meetingPlan.optional(),
      })
      .strict(),
    standingItems: z.array(fixedItem).default([]),
    agenda: z
      .object({
        /** Items before the proposals ("Mötets öppnande", "Val av justerare"); a default when absent. */
        opening: z.array(fixedItem).optional(),
        closing: z.array(fixedItem).optional(),
      })
      .strict()
      .default({}),
    proposals: z
      .object({
        registryNumber: z
          .object({
            pattern: z.string().min(1).max(200).refine(isRegExp, 'is not a valid regular expression'),
            example: z.string().min(1),
          })
          .strict(),
      })
      .strict()
      .optional(),
    roster: z.array(rosterEntry).default([]),
    secretary: z
      .object({
        name: z.string().trim().min(1).optional(),
        title: localized,
        email: z.email().optional(),
        phone: z.string().trim().min(3).optional(),
      })
      .strict()
      .refine((s) => s.email !== undefined || s.phone !== undefined, 'needs an email or a phone number'),
    sources: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            title: z.string().trim().min(1),
            date: isoDate.optional(),
            url: z.url().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const main = c.languages[0];
    if (main && c.names[main] === undefined) {
      ctx.addIssue({ code: 'custom', path: ['names', main], message: `is missing: the council's first language is ${main}` });
    }
    const seen = new Set<string>();
    c.roster.forEach((m, i) => {
      for (const key of [m.email, m.upn, m.aadObjectId]) {
        if (!key) continue;
        const k = key.toLowerCase();
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['roster', i], message: `${key} appears twice in the roster` });
        seen.add(k);
      }
    });
    const plan = c.meetings.plan;
    if (plan && rruleProblem(plan.rrule) === undefined) {
      const found = plannedMeetings({ ...plan, durationMinutes: c.meetings.defaultDurationMinutes, place: c.meetings.defaultPlace }, c.timeZone, plan.since, addDays(plan.since, 2 * 366));
      if (found.length === 0) ctx.addIssue({ code: 'custom', path: ['meetings', 'plan', 'rrule'], message: 'gives no meeting in the two years after `since`' });
    }
    if (c.proposals && !new RegExp(c.proposals.registryNumber.pattern, 'u').test(c.proposals.registryNumber.example)) {
      ctx.addIssue({ code: 'custom', path: ['proposals', 'registryNumber', 'example'], message: 'does not match the pattern' });
    }
    const sourceIds = c.sources.map((s) => s.id);
    if (new Set(sourceIds).size !== sourceIds.length) {
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'two sources share an id' });
    }
  });

export type Council = z.infer<typeof councilSchema>;
export type RosterEntry = Council['roster'][number];

import { z } from 'zod';
import { LANGUAGES } from '../i18n/language.ts';

const language = z.enum(LANGUAGES);

/** Text in one or more of the catalogue languages; the council's first language must be present. */
const localized = z.partialRecord(language, z.string().trim().min(1)).refine((v) => Object.keys(v).length > 0, {
  message: 'needs text in at least one of sv, da, en',
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

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
        rule: z.string().min(1).optional(),
      })
      .strict(),
    meetings: z
      .object({
        minPerYear: z.number().int().min(0).max(52),
        budgetMeetingRequired: z.boolean().default(false),
        defaultDurationMinutes: z.number().int().min(15).max(24 * 60),
        defaultPlace: z.string().trim().min(1),
      })
      .strict(),
    standingItems: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: localized }).strict())
      .default([]),
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
    const sourceIds = c.sources.map((s) => s.id);
    if (new Set(sourceIds).size !== sourceIds.length) {
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'two sources share an id' });
    }
  });

export type Council = z.infer<typeof councilSchema>;
export type RosterEntry = Council['roster'][number];

import { z } from 'zod';
import { isCivilDate, zonedInstant } from './civil-date.ts';
import type { MeetingDetails } from './meetings.ts';
import { formText } from './form-text.ts';

export const MEETING_FORM_FIELDS = ['date', 'start', 'end', 'place', 'onlineUrl', 'budget', 'note'] as const;
export type MeetingFormField = (typeof MEETING_FORM_FIELDS)[number];

/** What went wrong with a field; the bot words it in the user's language. */
export type MeetingFormProblem = 'required' | 'date' | 'time' | 'past' | 'endBeforeStart' | 'tooLong' | 'url';

export const MEETING_FORM_LIMITS = { place: 200, note: 2000, onlineUrl: 2000 } as const;

/** The form as the card sends it back: strings (Input.Toggle sends "true"/"false"); all optional. */
const submitted = z.object(Object.fromEntries(MEETING_FORM_FIELDS.map((f) => [f, z.unknown().optional()])) as Record<MeetingFormField, z.ZodOptional<z.ZodUnknown>>);
export type MeetingFormValues = Partial<Record<MeetingFormField, string>>;

export type MeetingFormResult =
  | { ok: true; details: MeetingDetails; values: MeetingFormValues }
  | { ok: false; problems: Partial<Record<MeetingFormField, MeetingFormProblem>>; values: MeetingFormValues };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function httpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads the meeting form: times are wall-clock times in the council's zone on the given day, the
 * meeting must start after `now` and end after it starts, the place is required.
 */
export function readMeetingForm(input: unknown, timeZone: string, now: Date): MeetingFormResult {
  const raw = submitted.safeParse(input ?? {});
  const fields = raw.success ? raw.data : {};
  const values = Object.fromEntries(MEETING_FORM_FIELDS.map((f) => [f, formText(fields[f])])) as Required<MeetingFormValues>;
  // Teams' time input may send seconds ("18:00:00").
  for (const f of ['start', 'end'] as const) if (/^\d{2}:\d{2}:\d{2}$/.test(values[f])) values[f] = values[f].slice(0, 5);
  const problems: Partial<Record<MeetingFormField, MeetingFormProblem>> = {};

  if (!values.date) problems.date = 'required';
  else if (!isCivilDate(values.date)) problems.date = 'date';
  for (const f of ['start', 'end'] as const) {
    if (!values[f]) problems[f] = 'required';
    else if (!TIME.test(values[f])) problems[f] = 'time';
  }
  if (!values.place) problems.place = 'required';
  else if (values.place.length > MEETING_FORM_LIMITS.place) problems.place = 'tooLong';
  if (values.onlineUrl && (values.onlineUrl.length > MEETING_FORM_LIMITS.onlineUrl || !httpsUrl(values.onlineUrl))) problems.onlineUrl = 'url';
  if (values.note.length > MEETING_FORM_LIMITS.note) problems.note = 'tooLong';

  if (problems.date || problems.start || problems.end) return { ok: false, problems, values };
  const startsAt = zonedInstant(values.date, values.start, timeZone);
  const endsAt = zonedInstant(values.date, values.end, timeZone);
  if (endsAt.getTime() <= startsAt.getTime()) problems.end = 'endBeforeStart';
  if (startsAt.getTime() <= now.getTime()) problems.date = 'past';
  if (Object.keys(problems).length > 0) return { ok: false, problems, values };
  return {
    ok: true,
    values,
    details: {
      startsAt,
      endsAt,
      place: values.place,
      onlineUrl: values.onlineUrl || undefined,
      budget: values.budget === 'true',
      note: values.note || undefined,
    },
  };
}

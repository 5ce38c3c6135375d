import type { CivilDate } from '../domain/civil-date.ts';
import type { Language } from './language.ts';

const LOCALES: Record<Language, string> = { sv: 'sv-SE', da: 'da-DK', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** "tisdag 16 februari 2027" / "tirsdag den 16. februar 2027" / "Tuesday 16 February 2027". */
export function formatDay(date: CivilDate, language: Language, withYear = true): string {
  // A calendar day has no zone: format it at noon UTC, read in UTC.
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) };
  return formatter(language, 'UTC', options).format(new Date(`${date}T12:00:00Z`));
}

/** "18:00" in the council's zone, whatever zone the server runs in. */
export function formatTime(instant: Date, timeZone: string, language: Language): string {
  return formatter(language, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

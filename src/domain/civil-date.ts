import { TZDate } from '@date-fns/tz';

/**
 * A calendar day as written on a notice, "2026-04-06", with no time and no zone. Deadlines are
 * counted in calendar days, so they are computed on these and never on instants: that keeps them
 * right across DST changes whatever zone the server runs in.
 */
export type CivilDate = string;

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: CivilDate): [number, number, number] {
  const m = CIVIL.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const fromUtcNoon = (d: Date): CivilDate => d.toISOString().slice(0, 10);
const utcNoon = (date: CivilDate): Date => {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d, 12));
};

export function isCivilDate(text: string): boolean {
  if (!CIVIL.test(text)) return false;
  return fromUtcNoon(utcNoon(text)) === text;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const d = utcNoon(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtcNoon(d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  const day = utcNoon(date).getUTCDay();
  return day === 0 ? 7 : day;
}

export const yearOf = (date: CivilDate): number => parts(date)[0];
export const monthOf = (date: CivilDate): number => parts(date)[1];

/** The calendar day an instant falls on in a time zone. */
export function civilDateIn(instant: Date, timeZone: string): CivilDate {
  const z = new TZDate(instant.getTime(), timeZone);
  return `${z.getFullYear()}-${String(z.getMonth() + 1).padStart(2, '0')}-${String(z.getDate()).padStart(2, '0')}`;
}

/** The wall-clock time ("18:00") of an instant in a time zone. */
export function wallTimeIn(instant: Date, timeZone: string): string {
  const z = new TZDate(instant.getTime(), timeZone);
  return `${String(z.getHours()).padStart(2, '0')}:${String(z.getMinutes()).padStart(2, '0')}`;
}

/**
 * The instant of a wall-clock time on a day in a zone. In the hour skipped by a spring-forward
 * change the time moves forward, as clocks do.
 */
export function zonedInstant(date: CivilDate, time: string, timeZone: string): Date {
  const [y, m, d] = parts(date);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, timeZone).getTime());
}

/** The first instant after a day has ended in a zone: a deadline "on" that day has passed from then. */
export function endOfDay(date: CivilDate, timeZone: string): Date {
  return zonedInstant(addDays(date, 1), '00:00', timeZone);
}

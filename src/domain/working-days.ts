import Holidays from 'date-holidays';
import { addDays, isoWeekday, yearOf, type CivilDate } from './civil-date.ts';

export type DayOff = { kind: 'weekend' } | { kind: 'holiday'; name: string };

export type WorkingCalendarSettings = {
  /** ISO country code for date-holidays: SE, DK, … */
  country: string;
  /**
   * Days the municipal offices are closed although the holiday library does not type them as
   * public or bank holidays (Danish Christmas Eve, Constitution Day), as MM-DD.
   */
  closedDays?: readonly string[];
};

// Swedish Midsummer Eve, Christmas Eve and New Year's Eve are "bank" days in date-holidays:
// municipal offices are closed then, so they count as days off.
const DAY_OFF_TYPES = new Set(['public', 'bank']);

/** Working days for one country: Monday to Friday except public holidays and the closed days. */
export class WorkingCalendar {
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, Map<CivilDate, string>>();

  constructor(private readonly settings: WorkingCalendarSettings) {
    this.holidays = new Holidays(settings.country);
  }

  private daysOff(year: number): Map<CivilDate, string> {
    let days = this.byYear.get(year);
    if (!days) {
      days = new Map();
      for (const h of this.holidays.getHolidays(year) ?? []) {
        if (DAY_OFF_TYPES.has(h.type)) days.set(h.date.slice(0, 10), h.name);
      }
      for (const md of this.settings.closedDays ?? []) {
        const date = `${year}-${md}`;
        if (!days.has(date)) {
          const named = (this.holidays.getHolidays(year) ?? []).find((h) => h.date.startsWith(date));
          days.set(date, named?.name ?? md);
        }
      }
      this.byYear.set(year, days);
    }
    return days;
  }

  dayOff(date: CivilDate): DayOff | undefined {
    const name = this.daysOff(yearOf(date)).get(date);
    if (name !== undefined) return { kind: 'holiday', name };
    return isoWeekday(date) >= 6 ? { kind: 'weekend' } : undefined;
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.dayOff(date) === undefined;
  }

  /** The day itself when it is a working day, else the nearest working day before it. */
  onOrBefore(date: CivilDate): CivilDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** The working day `n` working days before `date` (n ≥ 1). */
  workingDaysBefore(date: CivilDate, n: number): CivilDate {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}

const calendars = new Map<string, WorkingCalendar>();

/** One calendar per setting, shared: building the holiday rules for a country is not free. */
export function workingCalendar(settings: WorkingCalendarSettings): WorkingCalendar {
  const key = `${settings.country}|${[...(settings.closedDays ?? [])].sort().join(',')}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new WorkingCalendar(settings);
    calendars.set(key, calendar);
  }
  return calendar;
}

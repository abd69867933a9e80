// Asia/Jakarta (WIB) is UTC+7 all year (no DST), so a fixed offset is exact.
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OfficeHours {
  /** Minutes after WIB midnight; default 08:00. */
  opensAt: number;
  /** Minutes after WIB midnight; default 16:00. */
  closesAt: number;
  /** Working weekdays, 0 = Sunday; default Monday–Friday. */
  weekdays: readonly number[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = { opensAt: 8 * 60, closesAt: 16 * 60, weekdays: [1, 2, 3, 4, 5] };

export interface WorkingCalendar {
  /** WIB dates 'YYYY-MM-DD': national holidays and cuti bersama. */
  holidays: ReadonlySet<string>;
  /** Defaults to DEFAULT_OFFICE_HOURS. */
  officeHours?: OfficeHours;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`expected YYYY-MM-DD, got '${date}'`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function hoursOf(cal: WorkingCalendar): OfficeHours {
  return cal.officeHours ?? DEFAULT_OFFICE_HOURS;
}

/** The WIB calendar date of an instant, 'YYYY-MM-DD'. */
export function wibDate(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since WIB midnight of the instant's WIB date. */
export function wibMinuteOfDay(instant: Date): number {
  const shifted = instant.getTime() + WIB_OFFSET_MS;
  return (shifted - Math.floor(shifted / DAY_MS) * DAY_MS) / 60000;
}

/** The instant at `minute` minutes after WIB midnight of `date`. */
export function wibInstant(date: string, minute: number): Date {
  return new Date(parseDate(date) - WIB_OFFSET_MS + minute * 60000);
}

export function addDays(date: string, days: number): string {
  return new Date(parseDate(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, cal: WorkingCalendar): boolean {
  const weekday = new Date(parseDate(date)).getUTCDay();
  return hoursOf(cal).weekdays.includes(weekday) && !cal.holidays.has(date);
}

export function nextWorkingDay(date: string, cal: WorkingCalendar): string {
  let d = addDays(date, 1);
  // Bounded so a calendar that marks every day a holiday fails loudly instead of looping.
  for (let i = 0; !isWorkingDay(d, cal); i++, d = addDays(d, 1)) {
    if (i > 366) throw new RangeError(`no working day within a year after ${date}`);
  }
  return d;
}

import Holidays from 'date-holidays';
import { decreeFor, type DecreedHoliday } from './decreed-holidays';

/** `holidays.source` of a computed row: no decree stands behind it yet. */
export const ESTIMATE_SOURCE = 'Perkiraan (date-holidays), SKB 3 Menteri tahun ini belum dimuat';

// date-holidays names the 27 Rajab rule (Isra Mikraj) "Maulid Nabi Muhammad" in Indonesian.
const NAMES_BY_RULE: Record<string, string> = { '27 Rajab': 'Isra Mikraj Nabi Muhammad S.A.W.' };

/** Computed public holidays of a year (every holiday of a day kept: two may share one). */
export function estimatedHolidays(year: number): DecreedHoliday[] {
  return new Holidays('ID')
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: NAMES_BY_RULE[h.rule] ?? h.name, kind: 'national' as const }));
}

/** A year's holidays and cuti bersama: the decree's when there is one, else computed estimates. */
export function holidaysOfYear(year: number): { source: string; holidays: readonly DecreedHoliday[] } {
  return decreeFor(year) ?? { source: ESTIMATE_SOURCE, holidays: estimatedHolidays(year) };
}

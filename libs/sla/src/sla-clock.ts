import {
  addDays,
  hoursOf,
  isWorkingDay,
  nextWorkingDay,
  wibDate,
  wibInstant,
  wibMinuteOfDay,
  type WorkingCalendar,
} from './working-calendar';

export interface SlaSpec {
  amount: number;
  unit: 'days' | 'hours';
}

/**
 * The first office moment at or after `at`: `at` itself during office hours, else the next
 * opening time on a working day. A moment exactly at closing time counts as outside.
 */
export function nextOfficeMoment(at: Date, cal: WorkingCalendar): Date {
  const { opensAt, closesAt } = hoursOf(cal);
  const date = wibDate(at);
  if (isWorkingDay(date, cal)) {
    const minute = wibMinuteOfDay(at);
    if (minute < opensAt) return wibInstant(date, opensAt);
    if (minute < closesAt) return at;
  }
  return wibInstant(nextWorkingDay(date, cal), opensAt);
}

/**
 * Due date for an SLA, counted from `start` (when the file became complete).
 *
 * days: day 0 is the day the office receives the file, i.e. the WIB date of
 * `nextOfficeMoment(start)`: the submission day if it is a working day and the file arrives
 * before closing, otherwise the next working day. The case is due at closing time on the
 * Nth working day after day 0. So 1 working day from Friday 10:00 is Monday 16:00, and from
 * Saturday (or Friday 17:00) it is Tuesday 16:00.
 *
 * hours: that many office hours are added, counting only office hours on working days,
 * starting from `start` (or the next opening if `start` is outside office hours).
 */
export function computeDueAt(start: Date, sla: SlaSpec, cal: WorkingCalendar): Date {
  if (!Number.isFinite(sla.amount) || sla.amount < 0) throw new RangeError(`invalid SLA amount ${sla.amount}`);
  if (sla.unit === 'hours') return addWorkingMinutes(start, Math.round(sla.amount * 60), cal);
  let day = wibDate(nextOfficeMoment(start, cal));
  for (let i = 0; i < sla.amount; i++) day = nextWorkingDay(day, cal);
  return wibInstant(day, hoursOf(cal).closesAt);
}

/** Office minutes between two instants (0 if b is not after a). */
export function workingMinutesBetween(a: Date, b: Date, cal: WorkingCalendar): number {
  if (b.getTime() <= a.getTime()) return 0;
  const { opensAt, closesAt } = hoursOf(cal);
  const last = wibDate(b);
  let total = 0;
  for (let day = wibDate(a); day <= last; day = addDays(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    const from = Math.max(a.getTime(), wibInstant(day, opensAt).getTime());
    const to = Math.min(b.getTime(), wibInstant(day, closesAt).getTime());
    if (to > from) total += to - from;
  }
  return Math.round(total / 60000);
}

/**
 * `at` plus `minutes` office minutes. The result may be exactly closing time (it never rolls
 * over to the next opening); 0 minutes returns `at` unchanged.
 */
export function addWorkingMinutes(at: Date, minutes: number, cal: WorkingCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`invalid minutes ${minutes}`);
  if (minutes === 0) return new Date(at.getTime());
  const { closesAt } = hoursOf(cal);
  let cursor = nextOfficeMoment(at, cal);
  let remaining = minutes;
  for (;;) {
    const date = wibDate(cursor);
    const available = closesAt - wibMinuteOfDay(cursor);
    if (remaining <= available) return new Date(cursor.getTime() + remaining * 60000);
    remaining -= available;
    cursor = nextOfficeMoment(wibInstant(date, closesAt), cal);
  }
}

/**
 * New due date after the case waited on the citizen from `pausedAt` to `resumedAt`: the
 * office time spent paused is added to the old due date.
 */
export function resumeDueAt(dueAt: Date, pausedAt: Date, resumedAt: Date, cal: WorkingCalendar): Date {
  return addWorkingMinutes(dueAt, workingMinutesBetween(pausedAt, resumedAt, cal), cal);
}

// When an open consult's follow-ups are due (pure: no Nest, no database). A consult is due at
// closing time on a working day (computeDueAt); the consulted OPD is reminded that morning, and
// the consult is escalated to the consulted OPD's head once it is one full working day overdue.
import { DEFAULT_OFFICE_HOURS, addDays, isWorkingDay, nextWorkingDay, wibDate, wibInstant, type WorkingCalendar } from '@layanan/sla';

export type ConsultFollowUpStep = 'remind' | 'escalate';

/**
 * Office opening (WIB) of the deadline's day; when that day is no longer a working day (a
 * holiday declared after the request), of the last working day before it.
 */
export function consultReminderAt(dueAt: Date, cal: WorkingCalendar): Date {
  let day = wibDate(dueAt);
  for (let i = 0; !isWorkingDay(day, cal); i++, day = addDays(day, -1)) {
    if (i > 366) throw new RangeError(`no working day within a year before ${wibDate(dueAt)}`);
  }
  return wibInstant(day, (cal.officeHours ?? DEFAULT_OFFICE_HOURS).opensAt);
}

/** Closing time (WIB) of the first working day after the deadline's day: the consult is then one working day overdue. */
export function consultEscalationAt(dueAt: Date, cal: WorkingCalendar): Date {
  return wibInstant(nextWorkingDay(wibDate(dueAt), cal), (cal.officeHours ?? DEFAULT_OFFICE_HOURS).closesAt);
}

/**
 * The follow-up an open consult needs at `now`, if any: the escalation once it is due (whether
 * or not the reminder went out), else the reminder between its time and the deadline. Each is
 * sent once: a consult already escalated needs nothing more.
 */
export function consultFollowUpAt(
  k: { dueAt: Date; remindedAt: Date | null; escalatedAt: Date | null },
  now: Date,
  cal: WorkingCalendar,
): ConsultFollowUpStep | null {
  if (k.escalatedAt) return null;
  const t = now.getTime();
  if (t >= consultEscalationAt(k.dueAt, cal).getTime()) return 'escalate';
  if (!k.remindedAt && t >= consultReminderAt(k.dueAt, cal).getTime() && t < k.dueAt.getTime()) return 'remind';
  return null;
}

export { DEFAULT_OFFICE_HOURS, isWorkingDay, nextWorkingDay, wibDate, wibInstant, wibMinuteOfDay, addDays } from './working-calendar';
export type { OfficeHours, WorkingCalendar } from './working-calendar';
export { computeDueAt, workingMinutesBetween, addWorkingMinutes, resumeDueAt, nextOfficeMoment } from './sla-clock';
export type { SlaSpec } from './sla-clock';
export { slaStatus } from './sla-status';
export type { ClockSlaStatus, SlaStatusOptions } from './sla-status';

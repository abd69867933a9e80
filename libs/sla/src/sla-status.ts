import type { SlaStatus } from '@layanan/contracts';

export type ClockSlaStatus = Extract<SlaStatus, 'on_time' | 'due_soon' | 'overdue'>;

export interface SlaStatusOptions {
  /** How close to the due date counts as due soon; default 24 hours. */
  dueSoonWithinMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Overdue once `now` is past `dueAt`; due soon within the window before it. */
export function slaStatus(dueAt: Date, now: Date, opts: SlaStatusOptions = {}): ClockSlaStatus {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= (opts.dueSoonWithinMs ?? DAY_MS) ? 'due_soon' : 'on_time';
}

import { Clock } from '../../api/src/common/clock';

/** A clock a test sets to exact instants (e.g. 00:00 WIB of an appointment's first day); real time until set. */
export class FakeClock extends Clock {
  private at: Date | null = null;

  set(at: Date): void {
    this.at = new Date(at.getTime());
  }

  override now(): Date {
    return this.at ? new Date(this.at.getTime()) : new Date();
  }
}

/** A WIB wall-clock time ("2026-12-01T00:00:00") as an instant. */
export const wib = (local: string): Date => new Date(`${local}+07:00`);

/** YYYY-MM-DD of the WIB day `days` after today (WIB). */
export function wibDayFromToday(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The WIB day after `day`. */
export function nextDay(day: string, n = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

// Everything but Date keeps running for real: the API computes due dates from "now", while
// timers and I/O must go on.
const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** Fakes only `Date`, set to `iso` (undo with jest.useRealTimers()). */
export function atInstant(iso: string): void {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: [...REAL_TIMERS] });
}

import {
  addWorkingMinutes,
  computeDueAt,
  isWorkingDay,
  resumeDueAt,
  slaStatus,
  wibDate,
  workingMinutesBetween,
  type WorkingCalendar,
} from './index';

/** An instant given as WIB wall-clock time. */
const wib = (local: string) => new Date(`${local}+07:00`);
const cal = (...holidays: string[]): WorkingCalendar => ({ holidays: new Set(holidays) });
const NONE = cal();

describe('calendar', () => {
  it('takes the WIB date of an instant, not the UTC one', () => {
    expect(wibDate(new Date('2026-05-08T16:59:00Z'))).toBe('2026-05-08');
    expect(wibDate(new Date('2026-05-08T17:00:00Z'))).toBe('2026-05-09');
  });

  it('treats weekends and listed holidays as non-working days', () => {
    expect(isWorkingDay('2026-05-08', NONE)).toBe(true); // Friday
    expect(isWorkingDay('2026-05-09', NONE)).toBe(false); // Saturday
    expect(isWorkingDay('2026-05-10', NONE)).toBe(false); // Sunday
    expect(isWorkingDay('2026-06-01', cal('2026-06-01'))).toBe(false); // Hari Lahir Pancasila
  });

  it('refuses a malformed date', () => {
    expect(() => isWorkingDay('8/5/2026', NONE)).toThrow(RangeError);
  });
});

describe('computeDueAt in working days', () => {
  it('skips the weekend: 1 working day from Friday is Monday 16:00 WIB', () => {
    expect(computeDueAt(wib('2026-05-08T10:00'), { amount: 1, unit: 'days' }, NONE)).toEqual(wib('2026-05-11T16:00'));
  });

  it('skips a national holiday on Monday (Hari Lahir Pancasila, 1 June 2026)', () => {
    const friday = wib('2026-05-29T10:00');
    expect(computeDueAt(friday, { amount: 1, unit: 'days' }, NONE)).toEqual(wib('2026-06-01T16:00'));
    expect(computeDueAt(friday, { amount: 1, unit: 'days' }, cal('2026-06-01'))).toEqual(wib('2026-06-02T16:00'));
  });

  it('skips Christmas and its cuti bersama (25 and 26 December 2025) plus the weekend', () => {
    const christmas2025 = cal('2025-12-25', '2025-12-26');
    expect(computeDueAt(wib('2025-12-24T09:00'), { amount: 1, unit: 'days' }, christmas2025)).toEqual(wib('2025-12-29T16:00'));
    expect(computeDueAt(wib('2025-12-24T09:00'), { amount: 3, unit: 'days' }, christmas2025)).toEqual(wib('2025-12-31T16:00'));
  });

  it('counts from the next working day when the file arrives on a weekend or after closing', () => {
    expect(computeDueAt(wib('2026-05-09T10:00'), { amount: 1, unit: 'days' }, NONE)).toEqual(wib('2026-05-12T16:00'));
    expect(computeDueAt(wib('2026-05-08T16:30'), { amount: 1, unit: 'days' }, NONE)).toEqual(wib('2026-05-12T16:00'));
    expect(computeDueAt(wib('2026-05-08T07:00'), { amount: 1, unit: 'days' }, NONE)).toEqual(wib('2026-05-11T16:00'));
  });

  it('makes a 0-day SLA due at closing time on the day of receipt', () => {
    expect(computeDueAt(wib('2026-05-08T10:00'), { amount: 0, unit: 'days' }, NONE)).toEqual(wib('2026-05-08T16:00'));
  });

  it('uses configured office hours', () => {
    const short: WorkingCalendar = {
      holidays: new Set(),
      officeHours: { opensAt: 7 * 60 + 30, closesAt: 15 * 60 + 30, weekdays: [1, 2, 3, 4, 5] },
    };
    expect(computeDueAt(wib('2026-05-08T10:00'), { amount: 1, unit: 'days' }, short)).toEqual(wib('2026-05-11T15:30'));
  });
});

describe('computeDueAt in working hours', () => {
  it('carries hours past closing time and over the weekend', () => {
    expect(computeDueAt(wib('2026-05-08T14:00'), { amount: 4, unit: 'hours' }, NONE)).toEqual(wib('2026-05-11T10:00'));
  });

  it('carries hours over a Monday holiday', () => {
    expect(computeDueAt(wib('2026-05-29T15:00'), { amount: 3, unit: 'hours' }, cal('2026-06-01'))).toEqual(wib('2026-06-02T10:00'));
  });

  it('starts counting at opening time when submitted at night, and may end exactly at closing', () => {
    expect(computeDueAt(wib('2026-05-11T21:00'), { amount: 2, unit: 'hours' }, NONE)).toEqual(wib('2026-05-12T10:00'));
    expect(computeDueAt(wib('2026-05-11T08:00'), { amount: 8, unit: 'hours' }, NONE)).toEqual(wib('2026-05-11T16:00'));
    expect(computeDueAt(wib('2026-05-11T08:00'), { amount: 24, unit: 'hours' }, NONE)).toEqual(wib('2026-05-13T16:00'));
  });
});

describe('working minutes', () => {
  it('counts only office minutes on working days', () => {
    expect(workingMinutesBetween(wib('2026-05-08T15:00'), wib('2026-05-11T09:00'), NONE)).toBe(120);
    expect(workingMinutesBetween(wib('2026-05-09T08:00'), wib('2026-05-10T18:00'), NONE)).toBe(0);
    expect(workingMinutesBetween(wib('2026-05-11T06:00'), wib('2026-05-11T20:00'), NONE)).toBe(480);
    expect(workingMinutesBetween(wib('2026-05-11T12:00'), wib('2026-05-11T10:00'), NONE)).toBe(0);
  });

  it('adds minutes that workingMinutesBetween measures back exactly', () => {
    const start = wib('2026-05-29T13:17');
    const end = addWorkingMinutes(start, 1000, cal('2026-06-01'));
    // Fri 163 min, Mon holiday, Tue 480 min, Wed 357 min.
    expect(end).toEqual(wib('2026-06-03T13:57'));
    expect(workingMinutesBetween(start, end, cal('2026-06-01'))).toBe(1000);
  });
});

describe('resumeDueAt', () => {
  const dueAt = wib('2026-06-16T16:00'); // Tuesday

  it('moves the due date by exactly 2 working days after a 2-working-day pause', () => {
    const resumed = resumeDueAt(dueAt, wib('2026-06-03T10:00'), wib('2026-06-05T10:00'), NONE);
    expect(resumed).toEqual(wib('2026-06-18T16:00'));
    expect(workingMinutesBetween(dueAt, resumed, NONE)).toBe(2 * 8 * 60);
  });

  it('moves nothing for a pause entirely over a weekend', () => {
    expect(resumeDueAt(dueAt, wib('2026-06-06T09:00'), wib('2026-06-08T07:30'), NONE)).toEqual(dueAt);
  });

  it('carries a part-day pause into the next working day', () => {
    expect(resumeDueAt(dueAt, wib('2026-06-05T13:00'), wib('2026-06-05T16:00'), NONE)).toEqual(wib('2026-06-17T11:00'));
  });

  it('does not count a holiday inside the pause', () => {
    // Thursday 28 May to Tuesday 2 June 2026 with Monday 1 June a holiday: Thu 8h + Fri 8h = 2 days.
    const pancasila = cal('2026-06-01');
    expect(resumeDueAt(dueAt, wib('2026-05-28T08:00'), wib('2026-06-02T08:00'), pancasila)).toEqual(wib('2026-06-18T16:00'));
  });
});

describe('slaStatus', () => {
  const due = wib('2026-06-16T16:00');
  it('is on time more than 24 h before the due date, due soon within it, overdue after', () => {
    expect(slaStatus(due, wib('2026-06-15T15:59'))).toBe('on_time');
    expect(slaStatus(due, wib('2026-06-15T16:00'))).toBe('due_soon');
    expect(slaStatus(due, due)).toBe('due_soon');
    expect(slaStatus(due, wib('2026-06-16T16:01'))).toBe('overdue');
  });

  it('accepts a different due-soon window', () => {
    expect(slaStatus(due, wib('2026-06-16T12:00'), { dueSoonWithinMs: 2 * 3600_000 })).toBe('on_time');
  });
});

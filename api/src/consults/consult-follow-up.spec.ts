import { computeDueAt, type WorkingCalendar } from '@layanan/sla';
import { consultEscalationAt, consultFollowUpAt, consultReminderAt } from './consult-follow-up';

const cal: WorkingCalendar = { holidays: new Set(['2026-12-25']) };
const wib = (s: string) => new Date(`${s}+07:00`);

describe('consult follow-up times (WIB working days)', () => {
  // Tuesday 2026-12-22 10:00: 3 working days skip Christmas (Friday) → Monday 28 December 16:00.
  const dueAt = computeDueAt(wib('2026-12-22T10:00:00'), { amount: 3, unit: 'days' }, cal);

  it('is due at closing on the third working day, skipping the holiday', () => {
    expect(dueAt).toEqual(wib('2026-12-28T16:00:00'));
  });

  it('reminds at office opening of the deadline day', () => {
    expect(consultReminderAt(dueAt, cal)).toEqual(wib('2026-12-28T08:00:00'));
  });

  it('reminds on the last working day before a deadline that became a holiday', () => {
    const later: WorkingCalendar = { holidays: new Set(['2026-12-25', '2026-12-28']) };
    expect(consultReminderAt(dueAt, later)).toEqual(wib('2026-12-24T08:00:00'));
  });

  it('escalates at closing of the next working day, across a weekend and a holiday', () => {
    expect(consultEscalationAt(dueAt, cal)).toEqual(wib('2026-12-29T16:00:00'));
    // Due Thursday 24 December: Friday is Christmas, the weekend follows → Monday 28 December.
    expect(consultEscalationAt(wib('2026-12-24T16:00:00'), cal)).toEqual(wib('2026-12-28T16:00:00'));
  });

  it('decides the step: nothing before the morning, the reminder once on the day, then nothing until escalation, which happens once', () => {
    const open = { dueAt, remindedAt: null, escalatedAt: null };
    expect(consultFollowUpAt(open, wib('2026-12-28T07:59:00'), cal)).toBeNull();
    expect(consultFollowUpAt(open, wib('2026-12-28T08:00:00'), cal)).toBe('remind');
    expect(consultFollowUpAt(open, wib('2026-12-28T15:59:00'), cal)).toBe('remind');
    const reminded = { ...open, remindedAt: wib('2026-12-28T08:00:00') };
    expect(consultFollowUpAt(reminded, wib('2026-12-28T09:00:00'), cal)).toBeNull();
    // Past the deadline a missed reminder is not sent late; escalation waits one working day.
    expect(consultFollowUpAt(open, wib('2026-12-28T16:30:00'), cal)).toBeNull();
    expect(consultFollowUpAt(reminded, wib('2026-12-29T15:59:00'), cal)).toBeNull();
    expect(consultFollowUpAt(reminded, wib('2026-12-29T16:00:00'), cal)).toBe('escalate');
    expect(consultFollowUpAt(open, wib('2027-01-04T10:00:00'), cal)).toBe('escalate');
    expect(consultFollowUpAt({ ...reminded, escalatedAt: wib('2026-12-29T16:05:00') }, wib('2026-12-30T10:00:00'), cal)).toBeNull();
  });
});

import { appointmentStatusAt, nextAppointmentChange } from './staffing';

// Tomorrow's appointment of one WIB day: 1 December 2026 00:00 WIB .. 2 December 00:00 WIB.
const a = { startsAt: '2026-11-30T17:00:00.000Z', endsAt: '2026-12-01T17:00:00.000Z', revokedAt: null };
const at = (iso: string) => Date.parse(iso);

describe('appointmentStatusAt', () => {
  it('is upcoming until the first instant, active from it, ended from the end instant (half-open)', () => {
    expect(appointmentStatusAt(a, at('2026-11-30T16:59:59.999Z'))).toBe('upcoming');
    expect(appointmentStatusAt(a, at('2026-11-30T17:00:00.000Z'))).toBe('active');
    expect(appointmentStatusAt(a, at('2026-12-01T16:59:59.999Z'))).toBe('active');
    expect(appointmentStatusAt(a, at('2026-12-01T17:00:00.000Z'))).toBe('ended');
  });

  it('says revoked for a revoked appointment at any time', () => {
    expect(appointmentStatusAt({ ...a, revokedAt: '2026-11-29T10:00:00.000Z' }, at('2026-12-01T00:00:00.000Z'))).toBe('revoked');
  });
});

describe('nextAppointmentChange', () => {
  const b = { startsAt: '2026-12-01T17:00:00.000Z', endsAt: '2026-12-03T17:00:00.000Z', revokedAt: null };

  it('is the nearest start or end after the instant, over every appointment', () => {
    expect(nextAppointmentChange([b, a], at('2026-11-30T00:00:00.000Z'))).toBe(at(a.startsAt));
    expect(nextAppointmentChange([b, a], at(a.startsAt))).toBe(at(a.endsAt));
    expect(nextAppointmentChange([b, a], at(a.endsAt))).toBe(at(b.endsAt));
  });

  it('is null once everything has ended, and ignores revoked appointments', () => {
    expect(nextAppointmentChange([a], at(a.endsAt))).toBeNull();
    expect(nextAppointmentChange([{ ...a, revokedAt: '2026-11-29T10:00:00.000Z' }], 0)).toBeNull();
  });
});

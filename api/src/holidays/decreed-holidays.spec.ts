import { HOLIDAY_DECREES, decreeFor } from './decreed-holidays';
import { ESTIMATE_SOURCE, estimatedHolidays, holidaysOfYear } from './national-holidays';

const named = (year: number, date: string) =>
  decreeFor(year)
    ?.holidays.filter((h) => h.date === date)
    .map((h) => `${h.kind}: ${h.name}`);
const count = (year: number, kind: string) => decreeFor(year)?.holidays.filter((h) => h.kind === kind).length;

describe('holidays as decreed by the SKB 3 Menteri', () => {
  it('names each year’s decree', () => {
    expect(decreeFor(2026)?.source).toBe(
      'SKB Menteri Agama No. 1497 Tahun 2025, Menteri Ketenagakerjaan No. 2 Tahun 2025, Menteri PANRB No. 5 Tahun 2025',
    );
    expect(decreeFor(2027)?.source).toBe(
      'SKB Menteri Agama No. 1205 Tahun 2026, Menteri Ketenagakerjaan No. 3 Tahun 2026, Menteri PANRB No. 2 Tahun 2026',
    );
  });

  it('has 17 national holidays and 8 cuti bersama in 2026, 18 and 8 in 2027 (two Isra Mikraj)', () => {
    expect([count(2026, 'national'), count(2026, 'cuti_bersama')]).toEqual([17, 8]);
    expect([count(2027, 'national'), count(2027, 'cuti_bersama')]).toEqual([18, 8]);
  });

  it('names Isra Mikraj as such, apart from Maulid', () => {
    expect(named(2026, '2026-01-16')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
    expect(named(2026, '2026-08-25')).toEqual(['national: Maulid Nabi Muhammad S.A.W.']);
    expect(named(2027, '2027-01-05')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
    expect(named(2027, '2027-08-15')).toEqual(['national: Maulid Nabi Muhammad S.A.W.']);
    // The 2027 decree puts Isra Mikraj 1449 H on Sunday 26 December, the day after Natal.
    expect(named(2027, '2027-12-25')).toEqual(['national: Kelahiran Yesus Kristus']);
    expect(named(2027, '2027-12-26')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
  });

  it('lists the decreed cuti bersama', () => {
    const cuti = (year: number) =>
      decreeFor(year)
        ?.holidays.filter((h) => h.kind === 'cuti_bersama')
        .map((h) => h.date);
    expect(cuti(2026)).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ]);
    expect(cuti(2027)).toEqual([
      '2027-02-05',
      '2027-03-09',
      '2027-03-12',
      '2027-03-15',
      '2027-03-25',
      '2027-05-18',
      '2027-05-19',
      '2027-12-24',
    ]);
    expect(named(2027, '2027-03-10')).toEqual(['national: Idulfitri 1448 Hijriah']);
    expect(named(2026, '2026-03-21')).toEqual(['national: Idulfitri 1447 Hijriah']);
  });

  it('carries no example or placeholder text, and every date lies in its year', () => {
    for (const d of HOLIDAY_DECREES) {
      for (const h of d.holidays) {
        expect(h.name).not.toMatch(/contoh|periksa/i);
        expect(h.date.slice(0, 4)).toBe(String(d.year));
        expect(Number.isNaN(Date.parse(h.date))).toBe(false);
      }
    }
  });

  it('estimates a year without a decree, naming 27 Rajab Isra Mikraj and keeping two holidays of one day', () => {
    expect(holidaysOfYear(2028).source).toBe(ESTIMATE_SOURCE);
    const est = estimatedHolidays(2028);
    expect(est.filter((h) => h.date === '2028-12-14').map((h) => h.name)).toEqual(['Isra Mikraj Nabi Muhammad S.A.W.']);
    expect(est.filter((h) => h.date === '2028-05-25')).toHaveLength(2);
    expect(holidaysOfYear(2027).source).toBe(decreeFor(2027)?.source);
  });
});

import type { HolidayKind } from './holiday.entity';

/** One day off as a decree lists it. */
export interface DecreedHoliday {
  date: string;
  name: string;
  kind: Extract<HolidayKind, 'national' | 'cuti_bersama'>;
}

/** The joint decree (SKB 3 Menteri) that fixes a year's national holidays and cuti bersama. */
export interface HolidayDecree {
  year: number;
  /** Stored in `holidays.source` for every row taken from the decree. */
  source: string;
  holidays: readonly DecreedHoliday[];
}

const n = (date: string, name: string): DecreedHoliday => ({ date, name, kind: 'national' });
const cb = (date: string, name: string): DecreedHoliday => ({ date, name, kind: 'cuti_bersama' });

/**
 * National holidays (Lampiran A) and cuti bersama (Lampiran B) of the Keputusan Bersama Menteri
 * Agama, Menteri Ketenagakerjaan dan Menteri PANRB for each year, as published by Kemenko PMK
 * and Sekretariat Negara. The decree reserves the final dates of Idulfitri and Iduladha for a
 * Keputusan Menteri Agama after the sidang isbat: an admin corrects a row if that moves one.
 * A year not listed here has no decree yet; the loader fills it with computed estimates.
 */
export const HOLIDAY_DECREES: readonly HolidayDecree[] = [
  {
    year: 2026,
    source: 'SKB Menteri Agama No. 1497 Tahun 2025, Menteri Ketenagakerjaan No. 2 Tahun 2025, Menteri PANRB No. 5 Tahun 2025',
    holidays: [
      n('2026-01-01', 'Tahun Baru 2026 Masehi'),
      n('2026-01-16', 'Isra Mikraj Nabi Muhammad S.A.W.'),
      cb('2026-02-16', 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili'),
      n('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
      cb('2026-03-18', 'Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)'),
      n('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
      cb('2026-03-20', 'Cuti Bersama Idulfitri 1447 Hijriah'),
      n('2026-03-21', 'Idulfitri 1447 Hijriah'),
      n('2026-03-22', 'Idulfitri 1447 Hijriah'),
      cb('2026-03-23', 'Cuti Bersama Idulfitri 1447 Hijriah'),
      cb('2026-03-24', 'Cuti Bersama Idulfitri 1447 Hijriah'),
      n('2026-04-03', 'Wafat Yesus Kristus'),
      n('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
      n('2026-05-01', 'Hari Buruh Internasional'),
      n('2026-05-14', 'Kenaikan Yesus Kristus'),
      cb('2026-05-15', 'Cuti Bersama Kenaikan Yesus Kristus'),
      n('2026-05-27', 'Iduladha 1447 Hijriah'),
      cb('2026-05-28', 'Cuti Bersama Iduladha 1447 Hijriah'),
      n('2026-05-31', 'Hari Raya Waisak 2570 BE'),
      n('2026-06-01', 'Hari Lahir Pancasila'),
      n('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah'),
      n('2026-08-17', 'Proklamasi Kemerdekaan'),
      n('2026-08-25', 'Maulid Nabi Muhammad S.A.W.'),
      cb('2026-12-24', 'Cuti Bersama Kelahiran Yesus Kristus'),
      n('2026-12-25', 'Kelahiran Yesus Kristus'),
    ],
  },
  {
    year: 2027,
    source: 'SKB Menteri Agama No. 1205 Tahun 2026, Menteri Ketenagakerjaan No. 3 Tahun 2026, Menteri PANRB No. 2 Tahun 2026',
    holidays: [
      n('2027-01-01', 'Tahun Baru 2027 Masehi'),
      n('2027-01-05', 'Isra Mikraj Nabi Muhammad S.A.W.'),
      cb('2027-02-05', 'Cuti Bersama Tahun Baru Imlek 2578 Kongzili'),
      n('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili'),
      n('2027-03-08', 'Hari Suci Nyepi (Tahun Baru Saka 1949)'),
      cb('2027-03-09', 'Cuti Bersama Idulfitri 1448 Hijriah'),
      n('2027-03-10', 'Idulfitri 1448 Hijriah'),
      n('2027-03-11', 'Idulfitri 1448 Hijriah'),
      cb('2027-03-12', 'Cuti Bersama Idulfitri 1448 Hijriah'),
      cb('2027-03-15', 'Cuti Bersama Idulfitri 1448 Hijriah'),
      cb('2027-03-25', 'Cuti Bersama Wafat Yesus Kristus'),
      n('2027-03-26', 'Wafat Yesus Kristus'),
      n('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
      n('2027-05-01', 'Hari Buruh Internasional'),
      n('2027-05-06', 'Kenaikan Yesus Kristus'),
      n('2027-05-17', 'Iduladha 1448 Hijriah'),
      cb('2027-05-18', 'Cuti Bersama Iduladha 1448 Hijriah'),
      cb('2027-05-19', 'Cuti Bersama Hari Raya Waisak 2571 BE'),
      n('2027-05-20', 'Hari Raya Waisak 2571 BE'),
      n('2027-06-01', 'Hari Lahir Pancasila'),
      n('2027-06-06', '1 Muharam Tahun Baru Islam 1449 Hijriah'),
      n('2027-08-15', 'Maulid Nabi Muhammad S.A.W.'),
      n('2027-08-17', 'Proklamasi Kemerdekaan'),
      cb('2027-12-24', 'Cuti Bersama Kelahiran Yesus Kristus'),
      n('2027-12-25', 'Kelahiran Yesus Kristus'),
      n('2027-12-26', 'Isra Mikraj Nabi Muhammad S.A.W.'),
    ],
  },
];

export function decreeFor(year: number): HolidayDecree | undefined {
  return HOLIDAY_DECREES.find((d) => d.year === year);
}

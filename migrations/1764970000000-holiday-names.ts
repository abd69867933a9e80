import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per holiday instead of one per day: a day can carry two holidays (Natal and Isra
 * Mikraj may fall together), each named, with the decree it comes from (`source`). The SLA
 * calendar reads distinct dates, so such a day is still one non-working day. Rows loaded
 * before (computed national holidays, the demo's example cuti bersama) are marked as
 * estimates, which the reference-data loader replaces with a year's decree.
 * Down puts one row per day back, the names of a day joined with " / ".
 */
export class HolidayNames1764970000000 implements MigrationInterface {
  name = 'HolidayNames1764970000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE holidays ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE holidays ADD COLUMN source text`);
    await q.query(`ALTER TABLE holidays ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE holidays DROP CONSTRAINT holidays_pkey`);
    await q.query(`ALTER TABLE holidays ADD PRIMARY KEY (id)`);
    await q.query(`ALTER TABLE holidays ADD CONSTRAINT holidays_date_name_key UNIQUE (date, name)`);
    await q.query(
      `UPDATE holidays SET source = 'Perkiraan (date-holidays), SKB 3 Menteri tahun ini belum dimuat'
        WHERE kind = 'national' OR name LIKE '%(contoh, periksa SKB 3 Menteri)%'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TEMP TABLE holidays_per_day AS
        SELECT date,
               string_agg(name, ' / ' ORDER BY created_at, name) AS name,
               (array_agg(kind ORDER BY CASE kind WHEN 'national' THEN 0 WHEN 'cuti_bersama' THEN 1 ELSE 2 END))[1] AS kind,
               min(created_at) AS created_at
          FROM holidays GROUP BY date`);
    await q.query(`DELETE FROM holidays`);
    await q.query(`ALTER TABLE holidays DROP CONSTRAINT holidays_date_name_key`);
    await q.query(`ALTER TABLE holidays DROP CONSTRAINT holidays_pkey`);
    await q.query(`ALTER TABLE holidays DROP COLUMN id, DROP COLUMN source, DROP COLUMN updated_at`);
    await q.query(`INSERT INTO holidays (date, name, kind, created_at) SELECT date, name, kind, created_at FROM holidays_per_day`);
    await q.query(`ALTER TABLE holidays ADD PRIMARY KEY (date)`);
    await q.query(`DROP TABLE holidays_per_day`);
  }
}

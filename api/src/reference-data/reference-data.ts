import { BUILTIN_WORKFLOWS } from '@layanan/workflow';
import { DataSource, EntityManager } from 'typeorm';
import { typeormOptions } from '../database/typeorm-options';
import { ESTIMATE_SOURCE, holidaysOfYear } from '../holidays/national-holidays';

/** Taken by every writer of reference or demo data, so instances starting at once take turns. */
export const REFERENCE_DATA_LOCK = 7317;

/**
 * A year's holidays, loaded once: the decree's national holidays and cuti bersama (replacing
 * estimates loaded before the decree was known), or computed estimates for a year without one.
 * Once loaded the rows are the admin's to correct; a later start does not put them back.
 */
async function loadHolidayYear(m: EntityManager, year: number): Promise<void> {
  const { source, holidays } = holidaysOfYear(year);
  const decreed = source !== ESTIMATE_SOURCE;
  const [{ n }] = await m.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM holidays WHERE extract(year FROM date) = $1 AND (source = $2 OR (NOT $3 AND kind = 'national'))`,
    [year, source, decreed],
  );
  if (n > 0) return;
  if (decreed) await m.query(`DELETE FROM holidays WHERE extract(year FROM date) = $1 AND source = $2`, [year, ESTIMATE_SOURCE]);
  for (const h of holidays) {
    await m.query(`INSERT INTO holidays (date, name, kind, source) VALUES ($1, $2, $3, $4) ON CONFLICT (date, name) DO NOTHING`, [
      h.date,
      h.name,
      h.kind,
      source,
    ]);
  }
}

/**
 * Reference data every installation needs, loaded at each start (idempotent): the built-in
 * workflow definitions and the holidays of last year to two years ahead.
 */
export async function seedReferenceData(m: EntityManager, today = new Date()): Promise<void> {
  for (const wf of BUILTIN_WORKFLOWS) {
    await m.query(
      `INSERT INTO workflow_definitions (key, version, name, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (key, version) DO NOTHING`,
      [wf.key, wf.version, wf.name.id, JSON.stringify(wf)],
    );
  }
  const year = today.getUTCFullYear();
  for (const y of [year - 1, year, year + 1, year + 2]) await loadHolidayYear(m, y);
}

/** Production start-up: the reference data, in its own short-lived connection. */
export async function loadReferenceData(url: string): Promise<void> {
  const ds = new DataSource(typeormOptions(url, 2));
  await ds.initialize();
  try {
    await ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [REFERENCE_DATA_LOCK]);
      await seedReferenceData(m);
    });
  } finally {
    await ds.destroy();
  }
}

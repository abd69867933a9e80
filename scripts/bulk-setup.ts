// Shared by seed-bulk and the benchmark: migrate, reference/demo data, bulk OPDs/staff, and
// the bulk case load with a progress bar.
import * as argon2 from 'argon2';
import { SingleBar } from 'cli-progress';
import { Pool } from 'pg';
import { runMigrations } from '../api/src/database/migrate';
import { loadReferenceData } from '../api/src/reference-data/reference-data';
import { seedDemo } from '../api/src/seed/demo-seed';
import { ensureBulkReference, loadBulkCases, type BulkReference, type LoadResult } from './bulk-cases';

export const BULK_PASSWORD = process.env.DEMO_PASSWORD ?? 'malang-demo-2026';

/** Migrations, reference data, demo OPDs/services/users (no demo cases) and the bulk OPDs/staff. */
export async function prepareDatabase(url: string, log: (msg: string) => void, poolSize = 4): Promise<{ pool: Pool; ref: BulkReference }> {
  const applied = await runMigrations(url);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  await loadReferenceData(url);
  if (await seedDemo(url, BULK_PASSWORD, { cases: 0 })) log('loaded demo OPDs, services and users');
  // Room for the bench's raw-SQL workers (write + read connections) beside the loader.
  const pool = new Pool({ connectionString: url, max: poolSize, application_name: 'layanan-bulk' });
  const hash = await argon2.hash(BULK_PASSWORD, { type: argon2.argon2id });
  const ref = await ensureBulkReference(pool, hash);
  log(
    `${ref.opds.length} OPDs with services and staff (bulk.<verifier|officer|supervisor>.<opd>, password ${BULK_PASSWORD === 'malang-demo-2026' ? 'the demo password' : 'DEMO_PASSWORD'})`,
  );
  return { pool, ref };
}

/** Loads `count` cases with a progress bar; returns the load result. */
export async function loadWithProgress(pool: Pool, ref: BulkReference, count: number, log: (msg: string) => void): Promise<LoadResult> {
  const bar = new SingleBar({
    format: 'loading cases [{bar}] {percentage}% | {value}/{total} | {rate} cases/s | ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 20,
  });
  const t0 = Date.now();
  bar.start(count, 0, { rate: 0 });
  let result: LoadResult;
  const notes: string[] = [];
  try {
    result = await loadBulkCases(pool, ref, count, {
      onProgress: (done) => bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - t0) / 1000)) }),
      log: (m) => notes.push(m),
    });
  } finally {
    bar.stop();
    for (const n of notes) log(n);
  }
  log(
    `loaded ${result.cases.toLocaleString('en')} cases and ${result.events.toLocaleString('en')} events in ${result.seconds.toFixed(1)} s` +
      (result.indexSeconds ? ` (of which index rebuild ${result.indexSeconds.toFixed(1)} s)` : ''),
  );
  return result;
}

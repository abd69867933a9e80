import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

// Any fixed number: several API instances starting at once take turns migrating.
const MIGRATION_LOCK = 7317_2026;

/** Runs pending migrations under an advisory lock; safe when several instances start at once. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource({ ...typeormOptions(url, 2), migrationsTransactionMode: 'each' });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
    await ds.destroy();
  }
}

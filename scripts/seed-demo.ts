// Loads the Kota Malang demo data into DATABASE_URL (or the embedded default database):
//   npm run seed:demo
// It never runs automatically against a DATABASE_URL database; this command is the opt-in.
import 'reflect-metadata';
import { loadAppConfig, loadDatabaseConfig } from '../api/src/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../api/src/database/embedded-postgres';
import { runMigrations } from '../api/src/database/migrate';
import { loadReferenceData } from '../api/src/reference-data/reference-data';
import { seedDemo } from '../api/src/seed/demo-seed';

async function main(): Promise<void> {
  const app = loadAppConfig();
  const db = loadDatabaseConfig();
  let embedded: EmbeddedDatabase | null = null;
  let url = db.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(app.dataDir, db.embeddedPort, (m) => process.stdout.write(`${m}\n`));
    url = embedded.url;
  }
  try {
    await runMigrations(url);
    await loadReferenceData(url);
    const seeded = await seedDemo(url, app.demoPassword, { dataDir: app.dataDir });
    process.stdout.write(seeded ? 'Demo data loaded.\n' : 'The database already has OPDs: nothing loaded.\n');
  } finally {
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

// Loads generated cases for load tests:
//   npm run seed:bulk -- --cases 1000000
// into DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (.data) like `npm start`.
import 'reflect-metadata';
import path from 'node:path';
import { loadAppConfig, loadDatabaseConfig } from '../api/src/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../api/src/database/embedded-postgres';
import { loadWithProgress, prepareDatabase } from './bulk-setup';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

export function parseCount(argv: string[], fallback: number): number {
  const i = argv.indexOf('--cases');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--cases='))?.slice('--cases='.length);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--cases must be a non-negative integer, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const count = parseCount(process.argv.slice(2), 100_000);
  const db = loadDatabaseConfig();
  let embedded: EmbeddedDatabase | null = null;
  let url = db.url;
  if (!url) {
    const app = loadAppConfig();
    say(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.resolve(app.dataDir, 'pg')} ...`);
    embedded = await startEmbeddedPostgres(app.dataDir, db.embeddedPort, say);
    url = embedded.url;
  }
  try {
    const { pool, ref } = await prepareDatabase(url, say);
    try {
      await loadWithProgress(pool, ref, count, say);
    } finally {
      await pool.end();
    }
  } finally {
    if (embedded) await embedded.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`seed:bulk failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

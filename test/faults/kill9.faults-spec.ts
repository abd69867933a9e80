import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildApi, startBuiltServer, type BuiltServer } from '../support/built-server';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';
import { apply, audit, login, newAcks, openCases, serviceByCode, work, type Target } from './support/traffic';

const KILLS = Number(process.env.FAULT_KILLS ?? 4);
const PASSWORD = 'faults-demo-password';

function storedFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * SIGKILL under load: citizens apply with uploads, officers check documents and claim cases,
 * and the API process is killed without warning several times and started again on the same
 * database and DATA_DIR. Every 2xx must be in the database, nothing half-written, every hash
 * chain intact, and after the restart's sweep no file on disk that no row references.
 */
describe('kill -9 under load', () => {
  let url: string;
  let server: BuiltServer | null = null;
  let dataDir: string | undefined;
  const env = () => ({
    DATABASE_URL: url,
    DEMO_MODE: 'true',
    DEMO_PASSWORD: PASSWORD,
    JWT_SECRET: 'faults-secret-faults-secret-faults-0123456789',
    LOG_LEVEL: 'error',
    JOBS_ENABLED: 'true',
  });
  const target: Target = { base: () => `http://127.0.0.1:${server?.port}`, password: PASSWORD };

  beforeAll(async () => {
    buildApi();
    url = await createTestDatabase();
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) server.signalGroup('SIGKILL');
    server?.cleanUp();
    await dropTestDatabase(url);
  });

  it(`keeps every acknowledged write through ${KILLS} SIGKILLs, with intact chains and no orphan file`, async () => {
    const acks = newAcks();
    let n = 0;
    for (let life = 0; life <= KILLS; life++) {
      server = await startBuiltServer(env(), { dataDir });
      dataDir = server.dataDir;
      const service = await serviceByCode(target, 'akta-kelahiran');
      const tokens = [await login(target, 'petugas.dukcapil'), await login(target, 'verifikator.dukcapil')];
      let running = true;
      const citizens = Array.from({ length: 4 }, async () => {
        while (running) await apply(target, service, ++n, acks).catch(() => acks.failed++);
      });
      // The officer claims from the front of the pool, the verifier checks documents from its back.
      const officers = (['claim', 'check'] as const).map(async (job, i) => {
        while (running) {
          const cases = await openCases(target, tokens[i]).catch(() => []);
          const mine = job === 'claim' ? cases.slice(0, 20) : cases.slice(-20).reverse();
          for (const c of mine) if (running) await work(target, tokens[i], c, acks, job).catch(() => acks.failed++);
          if (!cases.length) await new Promise((r) => setTimeout(r, 50));
        }
      });
      await new Promise((r) => setTimeout(r, 2500 + Math.random() * 2500));
      if (life < KILLS) server.signalGroup('SIGKILL');
      else server.signalGroup('SIGTERM');
      await server.exited;
      running = false;
      await Promise.all([...citizens, ...officers]);
    }

    // The restart after the last crash sweeps what the dead requests left (cut-off 0 minutes here).
    server = await startBuiltServer({ ...env(), FILE_SWEEP_AFTER_MINUTES: '0' }, { dataDir });
    let result = await audit(url, acks);
    for (let i = 0; i < 50 && result.pending > 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      result = await audit(url, acks);
    }
    server.signalGroup('SIGTERM');
    await server.exited;

    const files = storedFiles(path.join(server.dataDir, 'uploads'));
    const orphans = files.filter((f) => !result.storageKeys.has(f));
    const missing = [...result.storageKeys].filter((k) => !files.includes(k));
    process.stdout.write(
      `kill -9 x${KILLS}: ${acks.applications.length} applications, ${acks.checks.length} document checks, ${acks.events.length} claims acknowledged; ` +
        `${acks.refused} refused (4xx), ${acks.failed} cut off by a kill; ${result.cases} cases, ${files.length} files verified\n`,
    );
    expect(acks.applications.length).toBeGreaterThan(10);
    expect(acks.checks.length + acks.events.length).toBeGreaterThan(10);
    expect(result.lost).toEqual([]);
    expect(result.broken).toEqual([]);
    expect(result.pending).toBe(0);
    expect(orphans).toEqual([]);
    expect(missing).toEqual([]);
  });
});

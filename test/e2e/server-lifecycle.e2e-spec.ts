import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApi, freePort, startBuiltServer, type BuiltServer } from '../support/built-server';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';

/**
 * The production entry point (`node dist/api/src/main.js`, what `npm start` runs after the build)
 * as an operator meets it: the start banner is the last thing printed, and SIGTERM or Ctrl+C stop
 * it with exit code 0, one "stopped" line and nothing on stderr.
 */
describe('the built server starts and stops cleanly', () => {
  const started: BuiltServer[] = [];
  beforeAll(() => buildApi());
  afterAll(() => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.signalGroup('SIGKILL');
      s.cleanUp();
    }
  });

  const run = async (env: Record<string, string>, dataDir?: string) => {
    const s = await startBuiltServer(
      { JWT_SECRET: 'lifecycle-secret-lifecycle-secret-0123456789', LOG_LEVEL: 'info', ...env },
      { dataDir },
    );
    started.push(s);
    return s;
  };

  const expectBannerLast = (s: BuiltServer) => {
    const lines = s.stdout().trimEnd().split('\n');
    const banner = lines.findIndex((l) => l.startsWith('Layanan Terpadu is running'));
    expect(banner).toBeGreaterThan(0);
    // After the banner: only its own lines (URLs, demo logins), no log line.
    expect(lines.slice(banner).filter((l) => l.startsWith('{'))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^ {2}petugas\.dukcapil, .*admin, pimpinan$/);
    // Nest's route mapping and module loading are debug lines, not shown at the default level.
    expect(s.stdout()).not.toContain('Mapped {');
    expect(s.stdout()).not.toContain('dependencies initialized');
  };

  const expectCleanStop = async (s: BuiltServer, signal: NodeJS.Signals) => {
    await expect(s.exited).resolves.toEqual({ code: 0, signal: null });
    expect(s.stderr()).toBe('');
    const stopped = s
      .stdout()
      .split('\n')
      .filter((l) => /stopped/i.test(l));
    expect(stopped).toEqual([`Layanan Terpadu stopped (${signal}).`]);
    expect(s.stdout()).not.toMatch(/"level":(40|50|60)/);
  };

  describe.each(['SIGTERM', 'SIGINT'] as const)('on a PostgreSQL server (DATABASE_URL), %s', (signal) => {
    let url: string;
    beforeAll(async () => {
      url = await createTestDatabase();
    });
    afterAll(async () => {
      await dropTestDatabase(url);
    });

    it(`prints the banner last, then stops with exit code 0 on ${signal}`, async () => {
      // Jobs on: pg-boss's connections must close without a "terminating connection" error.
      const s = await run({ DATABASE_URL: url, DEMO_MODE: 'true', DEMO_PASSWORD: 'lifecycle-demo-pass', JOBS_ENABLED: 'true' });
      const health = await fetch(`http://127.0.0.1:${s.port}/api/health`);
      expect(health.status).toBe(200);
      expectBannerLast(s);
      s.signalGroup(signal);
      await expectCleanStop(s, signal);
    });
  });

  it('with the embedded PostgreSQL (no DATABASE_URL), stops the whole process group on Ctrl+C and on SIGTERM', async () => {
    const env = { EMBEDDED_PG_PORT: String(await freePort()), JOBS_ENABLED: 'true' };
    const first = await run(env);
    expectBannerLast(first);
    const pidFile = path.join(first.dataDir, 'pg', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    first.signalGroup('SIGINT');
    await expectCleanStop(first, 'SIGINT');
    // PostgreSQL shut down cleanly (it removes its pid file), not left running or killed.
    expect(existsSync(pidFile)).toBe(false);

    const second = await run(env, first.dataDir);
    expect(second.stdout()).not.toContain('orphaned');
    const health = await fetch(`http://127.0.0.1:${second.port}/api/health`);
    expect(health.status).toBe(200);
    second.signalGroup('SIGTERM');
    await expectCleanStop(second, 'SIGTERM');
    expect(existsSync(pidFile)).toBe(false);
  }, 180_000);
});

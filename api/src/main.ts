import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppModule } from './app.module';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createHttpAdapter } from './bootstrap';
import {
  ConfigValidationError,
  loadAppConfig,
  loadAuthConfig,
  loadDatabaseConfig,
  loadIssuanceConfig,
  loadNotificationsConfig,
  loadPiiConfig,
} from './config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { ensureDemoPiiKeys } from './privacy/pii-cipher';
import { loadReferenceData } from './reference-data/reference-data';
import { DEMO_LOGINS, seedDemo } from './seed/demo-seed';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** What a stop has to close, in this order; filled in as start-up goes. */
const running: { app: NestFastifyApplication | null; embedded: EmbeddedDatabase | null; stopping: boolean } = {
  app: null,
  embedded: null,
  stopping: false,
};
const STOP_TIMEOUT_MS = 20_000;

/**
 * The one shutdown path (no enableShutdownHooks: two handlers closed the pool twice): close the
 * app (HTTP, jobs, listeners, pool), then the embedded PostgreSQL, which runs in its own process
 * group so a Ctrl+C reaches it only through us. A second signal while stopping is ignored: npm
 * forwards the terminal's Ctrl+C to us although we got it already.
 */
function stop(signal: NodeJS.Signals): void {
  if (running.stopping) return;
  running.stopping = true;
  setTimeout(() => {
    process.stderr.write(`Not stopped within ${STOP_TIMEOUT_MS / 1000} s; exiting.\n`);
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
  void (async () => {
    await running.app?.close();
    await running.embedded?.stop();
    say(`Layanan Terpadu stopped (${signal}).`);
    process.exit(0);
  })().catch((e: unknown) => {
    process.stderr.write(`Stop failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const app0 = loadAppConfig();
  const db0 = loadDatabaseConfig();
  if (!db0.url) {
    say(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.resolve(app0.dataDir, 'pg')} ...`);
    const embedded = await startEmbeddedPostgres(app0.dataDir, db0.embeddedPort, say);
    running.embedded = embedded;
    if (running.stopping) return;
    process.env.DATABASE_URL = embedded.url;
    process.env.DEMO_MODE ??= 'true';
  }
  const app1 = loadAppConfig();
  if (!process.env.JWT_SECRET && app1.demoMode) process.env.JWT_SECRET = demoSecret(app1.dataDir);
  loadAuthConfig();
  // Demo mode keeps a generated keyring under DATA_DIR; elsewhere PII_KEYS must be configured.
  if (app1.demoMode) ensureDemoPiiKeys(app1.dataDir);
  loadPiiConfig();
  loadIssuanceConfig();
  loadNotificationsConfig();
  const url = loadDatabaseConfig().url as string;

  const applied = await runMigrations(url).catch((e: unknown) => {
    throw new StartupError(`Cannot prepare the database at DATABASE_URL (${redact(url)}): ${e instanceof Error ? e.message : String(e)}`);
  });
  if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
  await loadReferenceData(url);
  if (app1.demoMode) {
    const seeded = await seedDemo(url, app1.demoPassword, { dataDir: app1.dataDir });
    if (seeded) say('Loaded Kota Malang demo data.');
  }

  if (running.stopping) return;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), { bufferLogs: true });
  running.app = app;
  await configureApp(app, { corsOrigin: app1.corsOrigin });
  // All interfaces, as a server should (Fastify alone would listen on localhost only).
  await app.listen(app1.port, '0.0.0.0');
  if (running.stopping) return;

  const base = `http://localhost:${app1.port}`;
  say(`\nLayanan Terpadu is running (${((Date.now() - started) / 1000).toFixed(1)} s):`);
  say(`  Staff console   ${base}/`);
  say(`  Citizen portal  ${base}/portal/`);
  say(`  API docs        ${base}/api/docs`);
  if (app1.demoMode) {
    say(`\nDemo mode. Password for every demo login: ${app1.demoPassword} (set DEMO_PASSWORD to change)`);
    say(`  ${DEMO_LOGINS.join(', ')}`);
  }
}

class StartupError extends Error {}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Demo mode only: a random signing secret kept under DATA_DIR so restarts keep sessions. */
function demoSecret(dataDir: string): string {
  const file = path.resolve(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

main().catch((e: unknown) => {
  // A signal during start-up closes what was opened; the step it interrupted may fail meanwhile.
  if (running.stopping) return;
  if (e instanceof ConfigValidationError || e instanceof StartupError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});

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
} from './config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';
import { DEMO_LOGINS, loadReferenceData, seedDemo } from './seed/demo-seed';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const app0 = loadAppConfig();
  const db0 = loadDatabaseConfig();
  let embedded: EmbeddedDatabase | null = null;
  if (!db0.url) {
    say(`No DATABASE_URL: starting the embedded PostgreSQL in ${path.resolve(app0.dataDir, 'pg')} ...`);
    embedded = await startEmbeddedPostgres(app0.dataDir, db0.embeddedPort, say);
    process.env.DATABASE_URL = embedded.url;
    process.env.DEMO_MODE ??= 'true';
  }
  const app1 = loadAppConfig();
  if (!process.env.JWT_SECRET && app1.demoMode) process.env.JWT_SECRET = demoSecret(app1.dataDir);
  loadAuthConfig();
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

  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), { bufferLogs: true });
  await configureApp(app, { corsOrigin: app1.corsOrigin });
  // The one shutdown path (no enableShutdownHooks: two handlers closed the pool twice).
  const shutdown = async () => {
    await app.close();
    if (embedded) await embedded.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  // All interfaces, as a server should (Fastify alone would listen on localhost only).
  await app.listen(app1.port, '0.0.0.0');

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
  if (e instanceof ConfigValidationError || e instanceof StartupError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`Start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});

import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../api/src/app.module';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createHttpAdapter } from '../../api/src/bootstrap';
import { runMigrations } from '../../api/src/database/migrate';
import { TEST_PII_ENV } from './pii-test-keys';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  url: string;
  close(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.LT_TEST_SERVER_URL;
  if (!url) throw new Error('LT_TEST_SERVER_URL is not set: run e2e tests through jest (test/global-setup.mjs)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database with the real migrations, for one test file. */
export async function createTestDatabase(): Promise<string> {
  const name = `lt_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  await runMigrations(url);
  return url;
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** Boots the real API (same configuration as main.ts) on a fresh database. */
export async function createTestApp(
  opts: {
    seed?: (url: string) => Promise<void>;
    env?: Record<string, string>;
    /** Replace providers (e.g. a storage that fails on purpose: fault injection through a port). */
    override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  } = {},
): Promise<TestApp> {
  const url = await createTestDatabase();
  // The seed writes cases too: with the test keyring (opts.env may replace it for the app).
  Object.assign(process.env, TEST_PII_ENV);
  if (opts.seed) await opts.seed(url);
  // Settings a test adds are taken back at close, so the next file in this worker starts clean.
  const previous = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lt-e2e-data-'));
  Object.assign(process.env, {
    DATABASE_URL: url,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    DATA_DIR: dataDir,
    ...TEST_PII_ENV,
    ...opts.env,
  });
  // The run leaves no files behind (uploads, issued documents, keys) in the temp dir, and no
  // database: at close, and when the app fails to start.
  const cleanUp = async () => {
    try {
      await dropTestDatabase(url);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  let app: NestFastifyApplication | undefined;
  try {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    const moduleRef = await (opts.override ? opts.override(builder) : builder).compile();
    app = await configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), { bufferLogs: true }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (e) {
    // An app that failed in init still holds its pool and listeners: closed, or the worker cannot exit.
    await app?.close().catch(() => undefined);
    await cleanUp();
    throw e;
  }
  const started = app;
  const db = started.get(DataSource);
  return {
    app: started,
    http: request(started.getHttpServer()),
    db,
    url,
    close: async () => {
      try {
        await started.close();
      } finally {
        await cleanUp();
      }
    },
  };
}

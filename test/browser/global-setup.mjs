// Starts the production build (`node dist/api/src/main.js`, as `npm start` does) with demo
// data on a fresh database: TEST_DATABASE_URL's server when set, else an embedded PostgreSQL.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default async function globalSetup() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  // A server you already run (e.g. `npm start`): LT_BROWSER_BASE_URL=http://localhost:3000
  if (process.env.LT_BROWSER_BASE_URL) return;
  if (!existsSync('dist/api/src/main.js') || !existsSync('admin-ui/dist/index.html')) {
    throw new Error('Build first: npm run build (npm run test:browser does it)');
  }
  const port = 41000 + Math.floor(Math.random() * 2000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lt-browser-'));
  chmodSync(dataDir, 0o755);
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    DEMO_PASSWORD: 'malang-demo-2026',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
    // A small login budget per address, so the rate-limit test spends it in seconds (every other spec logs in far less often).
    LOGIN_RATE_PER_IP: '60',
    // The relay writes the staff inbox the bell shows (no schedules: nothing escalates under the tests).
    RELAY_ENABLED: 'true',
    RELAY_POLL_MS: '100',
  };
  delete env.DATABASE_URL;
  let dbName = null;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    dbName = `lt_browser_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
    env.JWT_SECRET = randomBytes(32).toString('hex');
  } else {
    env.EMBEDDED_PG_PORT = String(port + 1);
  }
  const child = spawn(process.execPath, ['dist/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.LT_BROWSER_BASE_URL = base;
  globalThis.__LT_BROWSER__ = { child, dbName, server };
}

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEST_PII_ENV } from './pii-test-keys';

const ROOT = path.resolve(__dirname, '../..');
const NODE = process.execPath;

/** Compiles the API as `npm start` does (swc, ~2 s), so the tests run the code under test. */
export function buildApi(): void {
  execFileSync(NODE, ['scripts/build-api.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface BuiltServer {
  port: number;
  dataDir: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` to the server's whole process group, as a terminal's Ctrl+C or `kill -- -pgid` does. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (or the signal that killed it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Removes DATA_DIR (after the process is gone). */
  cleanUp(): void;
}

/**
 * Starts `node dist/api/src/main.js` (the production entry point) as the leader of its own
 * process group, on its own PORT and DATA_DIR, and resolves when its start banner is out.
 * `env` is all the configuration it gets besides PATH/HOME and the test PII keyring (override it,
 * e.g. PII_KEYS: '', to start without one): no DATABASE_URL means the embedded PostgreSQL (give
 * it EMBEDDED_PG_PORT).
 */
export async function startBuiltServer(
  env: Record<string, string>,
  opts: { dataDir?: string; readyTimeoutMs?: number } = {},
): Promise<BuiltServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'lt-built-server-'));
  // As root the embedded PostgreSQL runs as `postgres`, which must reach DATA_DIR/pg (mkdtemp gives 0700).
  chmodSync(dataDir, 0o755);
  const child = spawn(NODE, ['dist/api/src/main.js'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: String(port),
      DATA_DIR: dataDir,
      ...TEST_PII_ENV,
      ...env,
    },
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: BuiltServer = {
    port,
    dataDir,
    child,
    stdout: () => out,
    stderr: () => err,
    signalGroup: (signal) => process.kill(-(child.pid as number), signal),
    exited,
    cleanUp: () => rmSync(dataDir, { recursive: true, force: true }),
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  let ended = false;
  void exited.then(() => (ended = true));
  // The banner ends with the API docs URL, or with the demo logins in demo mode.
  const bannerEnd = env.DATABASE_URL && env.DEMO_MODE !== 'true' ? /API docs .*\n/ : /Demo mode\..*\n {2}\S.*\n/;
  while (!bannerEnd.test(out.slice(out.indexOf('Layanan Terpadu is running')))) {
    if (ended) throw new Error(`server exited during start-up\nstdout:\n${out}\nstderr:\n${err}`);
    if (Date.now() > deadline) {
      server.signalGroup('SIGKILL');
      throw new Error(`server did not start within the timeout\nstdout:\n${out}\nstderr:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

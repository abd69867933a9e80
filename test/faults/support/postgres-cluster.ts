import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/built-server';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A PostgreSQL server of its own (Debian's binaries), so a test may stop and start it. */
export interface Cluster {
  port: number;
  dir: string;
  url(db?: string): string;
  start(): void;
  /** `pg_ctl stop -m immediate`: as a crash or a power cut, no checkpoint, clients cut off. */
  crash(): void;
  destroy(): void;
}

function run(cmd: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args]] : [path.join(BIN, cmd), args];
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export async function createCluster(): Promise<Cluster> {
  return cluster((dir) => run('initdb', ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync']));
}

/**
 * A hot-standby streaming replica of `primary`, as an operator makes one: `pg_basebackup -R`
 * (which writes primary_conninfo and standby.signal) into a new data directory, started as a
 * second server on its own port. initdb's pg_hba already trusts replication from 127.0.0.1.
 */
export async function createReplica(primary: Cluster): Promise<Cluster> {
  return cluster((dir) =>
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '--no-sync']),
  );
}

async function cluster(create: (dir: string) => void): Promise<Cluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'lt-faults-pg-'));
  chmodSync(root, 0o777);
  const dir = path.join(root, 'data');
  const port = await freePort();
  create(dir);
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const c: Cluster = {
    port,
    dir,
    url: (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${db}`,
    start: () => run('pg_ctl', ['-D', dir, '-o', opts, '-l', path.join(root, 'log'), '-w', 'start']),
    crash: () => run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']),
    destroy: () => {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  c.start();
  return c;
}

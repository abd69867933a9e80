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
  const root = mkdtempSync(path.join(tmpdir(), 'lt-faults-pg-'));
  chmodSync(root, 0o777);
  const dir = path.join(root, 'data');
  const port = await freePort();
  run('initdb', ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const cluster: Cluster = {
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
  cluster.start();
  return cluster;
}

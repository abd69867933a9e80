/** The figure groups of `npm run bench`, in the order they run; `--only a,b` runs those alone. */
export const BENCH_GROUPS = ['transitions', 'state', 'reads', 'ikm', 'reports', 'issuance', 'relay', 'overload'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

export interface BenchArgs {
  quick: boolean;
  cases: number;
  seconds: number;
  writeConnections: number;
  readConnections: number;
  apiPort: number;
  pgPort: number;
  dataDir: string;
  reuse: boolean;
  cpuProfile: boolean;
  only: BenchGroup[];
}

/**
 * --quick (20,000 cases, 3 s per figure), --cases N, --seconds S, --connections C (concurrent writers, default
 * 32: at 8 the API's closed loop was bound by its request latency, not by CPU), --read-connections C (default 4),
 * --reuse (keep the embedded data directory and skip the load when it already holds N cases),
 * --cpu-prof (the API writes a V8 CPU profile to .data/profiles when it stops),
 * --only GROUP[,GROUP] (BENCH_GROUPS: measure those figures alone, e.g. while working on one of them).
 */
export function parseArgs(argv: string[]): BenchArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const int = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${raw}`);
    return n;
  };
  const quick = argv.includes('--quick');
  const only = (value('only') ?? '').split(',').filter(Boolean);
  const unknown = only.filter((g) => !(BENCH_GROUPS as readonly string[]).includes(g));
  if (unknown.length) throw new Error(`--only takes ${BENCH_GROUPS.join(', ')}; got ${unknown.join(', ')}`);
  return {
    quick,
    cases: int('cases', quick ? 20_000 : 1_000_000),
    seconds: int('seconds', quick ? 3 : 10),
    writeConnections: int('connections', 32),
    readConnections: int('read-connections', 4),
    apiPort: int('port', Number(process.env.BENCH_PORT ?? 3197)),
    pgPort: int('pg-port', Number(process.env.BENCH_PG_PORT ?? 54339)),
    dataDir: value('data-dir') ?? process.env.BENCH_DATA_DIR ?? '.data/bench',
    reuse: argv.includes('--reuse'),
    cpuProfile: argv.includes('--cpu-prof'),
    only: only as BenchGroup[],
  };
}

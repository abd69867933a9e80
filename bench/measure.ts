// Load generators: autocannon against the API at full speed, and a worker loop (raw `pg`, or
// keep-alive HTTP at a fixed rate) with the same concurrency and duration. Latencies are exact
// percentiles over successful requests.
import autocannon from 'autocannon';
import http from 'node:http';

export interface RunStats {
  ok: number;
  failed: number;
  seconds: number;
  rate: number;
  latencies: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Runs autocannon (closed loop, as fast as the API answers) with a request built per call by
 * `next` (null = nothing to send, the connection idles briefly) and `done` told about each
 * response. Not for fixed rates: autocannon's rate limit sends each second's budget in one
 * burst at the start of the second, so its latencies are those of full load; use `runWorkers`
 * with `httpSender` for those.
 */
export async function runApi(opts: {
  base: string;
  connections: number;
  seconds: number;
  next: () => HttpRequest | null;
  done?: (status: number, body: string, headers: Record<string, string | string[]>) => void;
}): Promise<RunStats> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const instance = autocannon({
    url: opts.base,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (req) => {
          const r = opts.next();
          return r ? { ...req, method: r.method, path: r.path, headers: { ...req.headers, ...r.headers }, body: r.body ?? '' } : null;
        },
        onResponse: (status, body, _ctx, headers) => opts.done?.(status, body, headers),
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) {
      ok++;
      latencies.push(ms);
    } else {
      failed++;
    }
  });
  const result = await instance;
  failed += result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  return { ok, failed, seconds: result.duration, rate: ok / result.duration, latencies };
}

/**
 * `connections` workers call `op` in a loop for `seconds`. With `rate`, calls are scheduled
 * evenly at that overall rate (each worker an equal share) and latency counts from the
 * scheduled time, so a call that waits behind a slow one is charged for the wait.
 */
export async function runWorkers(opts: {
  connections: number;
  seconds: number;
  rate?: number;
  op: (worker: number) => Promise<boolean>;
}): Promise<RunStats> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  const period = opts.rate ? (1000 * opts.connections) / opts.rate : 0;
  const worker = async (w: number) => {
    let slot = started + (period * w) / opts.connections;
    while (performance.now() < end) {
      if (period) {
        const wait = slot - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        slot += period;
        if (performance.now() >= end) break;
      }
      const t = period ? Math.min(slot - period, performance.now()) : performance.now();
      try {
        if (await opts.op(w)) {
          ok++;
          latencies.push(performance.now() - t);
        } else {
          failed++;
        }
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok, failed, seconds, rate: ok / seconds, latencies };
}

/** Sends requests over at most `connections` keep-alive sockets; resolves with status, body and Retry-After. */
export function httpSender(
  base: string,
  connections: number,
): (r: HttpRequest) => Promise<{ status: number; body: string; retryAfter: string | null }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(base);
  return (r) =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: retryAfter ?? null });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
}

/**
 * Runs several measurements in alternating rounds, each warmed up once (unmeasured) first, so
 * drift on a shared machine (background work, a burst in another process) falls on all of them
 * alike instead of on whichever ran last. Returns each run's stats over all its rounds.
 */
export async function interleaved(
  runs: ((seconds: number) => Promise<RunStats>)[],
  opts: { seconds: number; rounds: number; warmup: number },
): Promise<RunStats[]> {
  for (const run of runs) await run(opts.warmup);
  const parts: RunStats[][] = runs.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    for (const [i, run] of runs.entries()) parts[i].push(await run(opts.seconds / opts.rounds));
  }
  return parts.map((xs) => {
    const ok = xs.reduce((n, x) => n + x.ok, 0);
    const seconds = xs.reduce((n, x) => n + x.seconds, 0);
    return {
      ok,
      failed: xs.reduce((n, x) => n + x.failed, 0),
      seconds,
      rate: ok / seconds,
      latencies: xs.flatMap((x) => x.latencies).sort((a, b) => a - b),
    };
  });
}

export type HttpAnswer = Awaited<ReturnType<ReturnType<typeof httpSender>>>;

/**
 * `runWorkers` at a fixed `rate` where each call is one HTTP request: `next` builds it (null:
 * nothing left, the call counts as failed), `send` (an `httpSender`) sends it, `done` sees the
 * answer with the send-to-answer time, and the call counts as ok when `ok` says so (default 2xx).
 * The paced half-rate and overload runs of run.ts, relay.ts, transitions.ts, issuance.ts and
 * overload.ts.
 */
export function runPacedHttp(opts: {
  send: ReturnType<typeof httpSender>;
  connections: number;
  seconds: number;
  rate: number;
  next: () => HttpRequest | null;
  done?: (answer: HttpAnswer, request: HttpRequest, ms: number) => void;
  ok?: (status: number) => boolean;
}): Promise<RunStats> {
  const ok = opts.ok ?? ((status: number) => status >= 200 && status < 300);
  return runWorkers({
    connections: opts.connections,
    seconds: opts.seconds,
    rate: opts.rate,
    op: async () => {
      const r = opts.next();
      if (!r) return false;
      const t0 = performance.now();
      const answer = await opts.send(r);
      opts.done?.(answer, r, performance.now() - t0);
      return ok(answer.status);
    },
  });
}

/** A run in one line: `12/s ok=96 failed=0`, with `p50=… p95=… p99=… ms` unless `latencies` is false. */
export function statsLine(s: RunStats, latencies = true): string {
  const counts = `${s.rate.toFixed(0)}/s ok=${s.ok} failed=${s.failed}`;
  if (!latencies) return counts;
  return `${counts} p50=${percentile(s.latencies, 50).toFixed(2)} p95=${percentile(s.latencies, 95).toFixed(2)} p99=${percentile(s.latencies, 99).toFixed(2)} ms`;
}

/** An API run and its baseline, one line each (`  label: api …` / `  label: raw …`). */
export function reportPair(say: (msg: string) => void, label: string, api: RunStats, raw: RunStats): void {
  say(`  ${label}: api ${statsLine(api)}`);
  say(`  ${label}: raw ${statsLine(raw)}`);
}

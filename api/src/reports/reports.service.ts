import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import {
  AGE_BUCKET_UPPER,
  AGE_BUCKETS,
  SLA_BUCKETS,
  type BacklogBucket,
  type BacklogReport,
  type OfficersReport,
  type ReportGrain,
  type ReportName,
  type OpdsReport,
  type ReportQuery,
  type ScopeRow,
  type ServicesReport,
  type SlaFigures,
  type SlaReport,
  type StagesReport,
  type ThroughputReport,
} from '@layanan/contracts';
import { addDays, isWorkingDay, wibDate, wibInstant, type WorkingCalendar } from '@layanan/sla';
import type { AuthContext } from '../common/auth/auth-context';
import { abilityToSql } from '../common/authz/ability-to-sql';
import { SqlArgs } from '../common/database/sql-args';
import { AppError } from '../common/errors/app-error';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { wholeUnits, type RollupUnit } from './report-periods';
import { ReportRepository, type BacklogSums, type RollupScope, type ScopeSums, type SlaSums } from './report.repository';

const MAX_PERIOD_DAYS = 3 * 366;
const TOP_REASONS = 5;
/** Reports kept per instance (the oldest are dropped first). */
const CACHE_ENTRIES = 500;

type Meta = { from: string; to: string; asOf: string | null };

/** Each report's answer. */
interface Reports {
  sla: SlaReport;
  backlog: BacklogReport;
  stages: StagesReport;
  throughput: ThroughputReport;
  officers: OfficersReport;
  services: ServicesReport;
  opds: OpdsReport;
}

/** A report to answer: its cache name (the report, and the grain), the rows it may read, its computation. */
interface Plan<T> {
  name: string;
  scope: RollupScope;
  compute: (meta: Meta) => Promise<T>;
}

const plan = <T>(name: string, scope: RollupScope, compute: (meta: Meta) => Promise<T>): Plan<T> => ({ name, scope, compute });

/**
 * The key of a computed report: the report, the caller's compiled rules and filters (SQL WHERE and
 * values, the period's days among them) over the dated rollups and over the open-case snapshot.
 * Two callers share a key only when they may read exactly the same rows.
 */
function cacheKey(p: Plan<unknown>): string {
  const s = p.scope;
  return `${p.name}\n${s.where}\n${JSON.stringify(s.values)}\n${s.now.where}\n${JSON.stringify(s.now.values)}`;
}

/**
 * A report's strong ETag: its cache key and the refresh it reads (the body is a function of both;
 * it holds no translated text, so the language does not enter). The key holds the caller's rules,
 * so callers of different scopes never share a tag.
 */
export function reportEtag(key: string, asOf: string): string {
  return `"${createHash('sha256').update(key).update('\n').update(asOf).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match against one tag (RFC 9110 13.1.2: weak comparison; `*` matches any current representation). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/** SLA figures from the rollups' sums (docs/REPORTS.md: compliance = closed on time ÷ closed). */
export function slaFigures(d: SlaSums, b: BacklogSums): SlaFigures {
  return {
    closed: d.closed,
    closedOnTime: d.closed_on_time,
    compliance: d.closed > 0 ? d.closed_on_time / d.closed : null,
    withdrawn: d.withdrawn,
    open: b.open,
    openOverdue: b.overdue,
  };
}

/**
 * The first and last submission instant of each backlog age bucket as of `today`: a case is
 * N working days old when N working days lie after its submission day up to today, so each
 * bucket is a range of submission days (the case list's submittedFrom/submittedTo).
 */
export function ageBucketBounds(today: string, cal: WorkingCalendar): { from: string | null; to: string | null }[] {
  // back[k] = the k-th working day counting back from today (back[1] is today if it is one).
  const back: string[] = [''];
  const need = AGE_BUCKET_UPPER[AGE_BUCKET_UPPER.length - 1] + 2;
  for (let d = today; back.length <= need; d = addDays(d, -1)) if (isWorkingDay(d, cal)) back.push(d);
  const lows = [0, ...AGE_BUCKET_UPPER.map((u) => u + 1)];
  return lows.map((lo, i) => {
    const hi = AGE_BUCKET_UPPER[i];
    return {
      from: hi === undefined ? null : wibInstant(back[hi + 1], 0).toISOString(),
      to: lo === 0 ? null : wibInstant(back[lo], 0).toISOString(),
    };
  });
}

/**
 * The reports of heads (their OPD) and leadership (the city), read from the rollups that
 * ReportRollupService keeps current and filtered by the caller's `readReport` rules in SQL.
 */
@Injectable()
export class ReportsService {
  /**
   * Reports already computed, by report, the caller's compiled rules and filters (the SQL WHERE and
   * its values, so two callers share an entry only when they may read exactly the same rows) and
   * the rollups' refresh time: an entry serves until the next refresh, never older figures than
   * the rollups hold. Concurrent requests for the same entry share one computation.
   */
  private readonly cache = new Map<string, { asOf: string | null; value: Promise<unknown> }>();

  constructor(
    private readonly repo: ReportRepository,
    private readonly calendar: WorkingCalendarService,
  ) {}

  sla(auth: AuthContext, q: ReportQuery): Promise<SlaReport> {
    return this.run(this.plan('sla', auth, q));
  }

  backlog(auth: AuthContext, q: ReportQuery): Promise<BacklogReport> {
    return this.run(this.plan('backlog', auth, q));
  }

  stages(auth: AuthContext, q: ReportQuery): Promise<StagesReport> {
    return this.run(this.plan('stages', auth, q));
  }

  throughput(auth: AuthContext, q: ReportQuery): Promise<ThroughputReport> {
    return this.run(this.plan('throughput', auth, q));
  }

  officers(auth: AuthContext, q: ReportQuery): Promise<OfficersReport> {
    return this.run(this.plan('officers', auth, q));
  }

  services(auth: AuthContext, q: ReportQuery): Promise<ServicesReport> {
    return this.run(this.plan('services', auth, q));
  }

  opds(auth: AuthContext, q: ReportQuery): Promise<OpdsReport> {
    return this.run(this.plan('opds', auth, q));
  }

  /**
   * A report as an HTTP answer (docs/REPORTS.md "HTTP caching"): a strong ETag of the cache key (the
   * report, the caller's compiled rules, the filters and period) and the refresh it was computed from,
   * `Last-Modified` = the refresh time, `Cache-Control: private, no-cache` (per caller: no shared
   * cache; revalidate each time). A matching `If-None-Match` answers 304 without a body and without
   * computing the report. `If-Modified-Since` is not honoured: a time does not name the caller's
   * scope, so another user's copy in the same browser could be confirmed.
   */
  async respond<N extends ReportName>(
    name: N,
    auth: AuthContext,
    q: ReportQuery,
    ifNoneMatch: string | undefined,
    res: FastifyReply,
  ): Promise<Reports[N] | undefined> {
    const plan = this.plan(name, auth, q);
    const meta = await this.meta(plan.scope);
    res.header('Cache-Control', 'private, no-cache');
    res.header('Vary', 'Authorization');
    if (meta.asOf !== null) {
      const etag = reportEtag(cacheKey(plan), meta.asOf);
      res.header('ETag', etag);
      res.header('Last-Modified', new Date(meta.asOf).toUTCString());
      if (etagMatches(ifNoneMatch, etag)) {
        res.status(304);
        return undefined;
      }
    }
    return this.run(plan, meta);
  }

  /** What a report reads (its scope) and how it is computed from the rollups. */
  private plan<N extends ReportName>(name: N, auth: AuthContext, q: ReportQuery): Plan<Reports[N]>;
  private plan(name: ReportName, auth: AuthContext, q: ReportQuery): Plan<Reports[ReportName]> {
    switch (name) {
      case 'sla': {
        const s = this.scope(auth, q);
        return plan('sla', s, async (meta): Promise<SlaReport> => {
          const [d, b] = await Promise.all([this.repo.slaSums(s), this.repo.backlogSums(s.now)]);
          return { ...meta, ...slaFigures(d, b) };
        });
      }
      case 'backlog': {
        const s = this.scope(auth, q);
        return plan('backlog', s, (meta) => this.computeBacklog(s, meta));
      }
      case 'stages': {
        const s = this.scope(auth, q);
        return plan('stages', s, async (meta): Promise<StagesReport> => ({
          ...meta,
          stages: (await this.repo.stages(s)).map((r) => ({
            state: r.state,
            waiting: r.waiting,
            n: r.n,
            medianHours: r.median,
            p90Hours: r.p90,
            meanHours: r.n ? Math.round((r.minutes / r.n / 60) * 10) / 10 : 0,
          })),
        }));
      }
      case 'throughput': {
        const s = this.scope(auth, q);
        const grain = q.grain ?? 'week';
        return plan(`throughput:${grain}`, s, (meta) => this.computeThroughput(s, grain, meta));
      }
      case 'officers': {
        const s = this.scope(auth, { ...q, serviceId: undefined });
        return plan('officers', s, async (meta): Promise<OfficersReport> => ({
          ...meta,
          officers: (await this.repo.officers(s)).map((r) => ({
            userId: r.user_id,
            name: r.name,
            opdId: r.opd_id,
            opdName: r.opd_name,
            open: r.open,
            overdue: r.overdue,
            steps: r.steps,
          })),
        }));
      }
      case 'services': {
        const s = this.scope(auth, q);
        return plan('services', s, async (meta): Promise<ServicesReport> => ({
          ...meta,
          rows: (await this.repo.byScope(s, true)).map((r) => ({
            ...scopeRow(r),
            serviceId: r.service_id ?? '',
            serviceName: r.service_name ?? '',
          })),
        }));
      }
      case 'opds': {
        const s = this.scope(auth, q);
        return plan('opds', s, async (meta): Promise<OpdsReport> => ({ ...meta, rows: (await this.repo.byScope(s, false)).map(scopeRow) }));
      }
    }
  }

  private async computeBacklog(s: RollupScope, meta: Meta): Promise<BacklogReport> {
    const [totals, age, sla, cal] = await Promise.all([
      this.repo.backlogSums(s.now),
      this.repo.backlogBuckets(s.now, 'age_bucket'),
      this.repo.backlogBuckets(s.now, 'sla_bucket'),
      this.calendar.get(),
    ]);
    const bounds = ageBucketBounds(wibDate(meta.asOf ? new Date(meta.asOf) : new Date()), cal);
    const fill = (names: readonly string[], got: { bucket: number; open: number; overdue: number }[]): BacklogBucket[] =>
      names.map((bucket, i) => ({
        bucket,
        open: got.find((g) => g.bucket === i)?.open ?? 0,
        overdue: got.find((g) => g.bucket === i)?.overdue ?? 0,
      }));
    return {
      ...meta,
      ...totals,
      age: fill(AGE_BUCKETS, age).map((b, i) => ({ ...b, submittedFrom: bounds[i].from, submittedTo: bounds[i].to })),
      sla: fill(SLA_BUCKETS, sla),
    };
  }

  private async computeThroughput(s: RollupScope, grain: ReportGrain, meta: Meta): Promise<ThroughputReport> {
    const [series, channels, sums, reasons] = await Promise.all([
      this.repo.series(s, grain),
      this.repo.channels(s),
      this.repo.slaSums(s),
      this.repo.returnReasons(s, TOP_REASONS),
    ]);
    const channel = (c: string) => channels.find((x) => x.channel === c)?.received ?? 0;
    return {
      ...meta,
      grain,
      series,
      received: sums.received,
      closed: sums.closed,
      channel: { online: channel('online'), counter: channel('counter') },
      returned: sums.returned,
      returnedRate: sums.received > 0 ? sums.returned / sums.received : null,
      topReturnReasons: reasons,
    };
  }

  /** The report from the cache when the rollups have not been refreshed since it was computed (see `cache`). */
  private async run<T>(p: Plan<T>, known?: Meta): Promise<T> {
    const meta = known ?? (await this.meta(p.scope));
    if (meta.asOf === null) return p.compute(meta); // never refreshed: nothing worth keeping
    const key = cacheKey(p);
    const hit = this.cache.get(key);
    if (hit && hit.asOf === meta.asOf) return (await hit.value) as T;
    const value = p.compute(meta);
    this.cache.delete(key);
    this.cache.set(key, { asOf: meta.asOf, value });
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    return value;
  }

  private async meta(s: RollupScope): Promise<Meta> {
    const state = await this.repo.recentState();
    return { from: s.period.from, to: s.period.to, asOf: state.refreshed_at?.toISOString() ?? null };
  }

  /** The caller's rules and filters over a rollup `r`, and the period ($1, $2). */
  private scope(auth: AuthContext, q: ReportQuery): RollupScope {
    if (!auth.ability.can('readReport', 'Report')) throw new AppError('FORBIDDEN', 'Reports are for heads, supervisors and leadership');
    const today = wibDate(new Date());
    const to = q.to ?? today;
    const from = q.from ?? `${to.slice(0, 7)}-01`;
    if (from > to) throw AppError.field('FIELD_INVALID', 'from', 'must not be after to');
    if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * 86_400_000)
      throw AppError.field('FIELD_INVALID', 'from', `the period may span at most ${MAX_PERIOD_DAYS} days`);
    const rules = (args: SqlArgs) => {
      let where = abilityToSql(auth.ability, 'readReport', 'Report', { opdId: { column: 'r.opd_id', kind: 'scalar' } }, args);
      if (q.opdId) where += ` AND r.opd_id = ${args.add(q.opdId)}`;
      if (q.serviceId) where += ` AND r.service_id = ${args.add(q.serviceId)}`;
      return where;
    };
    const args = new SqlArgs();
    const period = { from: args.add(from), to: args.add(to) };
    // Literals, not placeholders: a statement that reads no coarse table would leave them untyped.
    const unit = (u: RollupUnit) => {
      const w = wholeUnits(from, to, u);
      return { first: dateLiteral(w.first), end: dateLiteral(w.end) };
    };
    const months = unit('month');
    const weeks = unit('week');
    const where = rules(args);
    const nowArgs = new SqlArgs();
    const now = { where: rules(nowArgs), values: nowArgs.values };
    return { where, values: args.values, ...period, months, weeks, now, period: { from, to } };
  }
}

/** A computed `YYYY-MM-DD` day as an SQL date literal. */
function dateLiteral(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return `DATE '${day}'`;
}

function scopeRow(r: ScopeSums): ScopeRow {
  return { opdId: r.opd_id, opdName: r.opd_name, received: r.received, medianDays: r.median_days, ...slaFigures(r, r) };
}

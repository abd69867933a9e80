import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { WORKING_DAY_MINUTES } from '@layanan/contracts';
import { addDays, isWorkingDay, wibDate, type WorkingCalendar } from '@layanan/sla';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CaseRepository } from '../cases/case.repository';
import { appConfig } from '../config';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { unitSpans } from './report-periods';
import { ReportRepository } from './report.repository';

/** How often each instance tries to refresh (one wins the advisory lock): figures are at most this plus a run old. */
export const ROLLUP_INTERVAL_MS = 15_000;
/** Events written by transactions that started before the previous run's watermark still count. */
const WATERMARK_MARGIN_MS = 10_000;
/** The span the working calendar covers (ages, due dates). */
const CALENDAR_FIRST = '2019-01-01';
const CALENDAR_LAST = '2040-12-31';

/** Consecutive WIB days grouped into inclusive ranges. */
export function dayRanges(days: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const d of [...days].sort()) {
    const last = out[out.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else if (!last || last[1] !== d) out.push([d, d]);
  }
  return out;
}

/**
 * Whether the open-case snapshot taken at `prev` can be carried to `now` (ReportRollupService,
 * CaseRepository.refreshBacklog): the same WIB day (ages move only when the day does) and not
 * back in time. Otherwise the snapshot is taken whole, once a day at least.
 */
export function backlogContinues(prev: Date, now: Date): boolean {
  return prev.getTime() <= now.getTime() && wibDate(prev) === wibDate(now);
}

/** The calendar rows `report_calendar` holds, from the holidays and office hours. */
export function calendarRows(cal: WorkingCalendar) {
  const out: { day: string; working: boolean; cumDays: number; cumMinutesBefore: number }[] = [];
  let worked = 0;
  for (let day = CALENDAR_FIRST; day <= CALENDAR_LAST; day = addDays(day, 1)) {
    const working = isWorkingDay(day, cal);
    out.push({ day, working, cumDays: worked + (working ? 1 : 0), cumMinutesBefore: worked * WORKING_DAY_MINUTES });
    if (working) worked++;
  }
  return out;
}

/**
 * Keeps the report rollups current: every ROLLUP_INTERVAL_MS (REPORT_ROLLUP_ENABLED, by default as JOBS_ENABLED) one instance, under
 * an advisory lock, rebuilds the days that changes since the last run touched (and the months and
 * weeks holding them, from those days) and carries the open-case snapshot forward (the cases that
 * changed or whose buckets the time moved; whole on the first run of a WIB day or after a calendar
 * change), in one transaction. The first run rebuilds everything. pg-boss's cron ticks once a
 * minute at best, too coarse for "at most 60 s stale", hence a timer and a lock.
 */
@Injectable()
export class ReportRollupService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportRollupService.name);
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly reports: ReportRepository,
    private readonly calendar: WorkingCalendarService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.app.reportRollupEnabled) return;
    const tick = () => {
      this.running ??= this.refresh()
        .catch((e: unknown) => this.logger.error(`report rollup: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => (this.running = null));
    };
    this.first = setTimeout(tick, 1000).unref();
    this.timer = setInterval(tick, ROLLUP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Before any module's onApplicationShutdown, so the pool is still open for a refresh under way. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One refresh; `full` rebuilds every day. Returns false when another instance is refreshing. */
  async refresh(opts: { full?: boolean } = {}): Promise<boolean> {
    const done = await this.db.transaction(async (m) => {
      if (!(await this.reports.tryLockRefresh(m))) return false;
      const started = new Date();
      const state = await this.reports.state(m);
      const calendarKey = await this.syncCalendar(m, state.calendar_key);
      const full = opts.full || !state.watermark;
      const ranges = full ? await this.fullSpan(m) : dayRanges(await this.cases.touchedReportDays(m, state.watermark as Date));
      for (const [from, to] of ranges) await this.cases.rebuildReportDays(m, from, to);
      for (const unit of ['month', 'week'] as const)
        for (const [from, to] of unitSpans(ranges, unit)) await this.reports.rebuildCoarse(m, unit, from, to);
      const prev = state.backlog_at;
      if (full || !prev || calendarKey !== state.calendar_key || !backlogContinues(prev, started))
        await this.cases.rebuildBacklog(m, started);
      else await this.cases.refreshBacklog(m, new Date(prev.getTime() - WATERMARK_MARGIN_MS), prev, started);
      await this.reports.saveState(m, { watermark: new Date(started.getTime() - WATERMARK_MARGIN_MS), refreshedAt: started, calendarKey });
      return true;
    });
    if (done) this.reports.forgetState();
    return done;
  }

  private async fullSpan(m: EntityManager): Promise<[string, string][]> {
    const span = await this.cases.reportSpan(m);
    return span ? [[span.first, span.last]] : [];
  }

  /** Rewrites `report_calendar` when the holidays changed; returns the calendar's key. */
  private async syncCalendar(m: EntityManager, current: string | null): Promise<string> {
    const cal = await this.calendar.get(m);
    const key = createHash('sha256')
      .update([...cal.holidays].sort().join(','))
      .digest('hex')
      .slice(0, 16);
    if (key !== current) await this.reports.replaceCalendar(m, calendarRows(cal));
    return key;
  }
}

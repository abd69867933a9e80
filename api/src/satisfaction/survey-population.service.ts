import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { appConfig } from '../config';
import { isCompletedState } from '@layanan/workflow';
import { CaseRepository } from '../cases/case.repository';
import { JobsService } from '../jobs/jobs.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { SatisfactionRepository } from './satisfaction.repository';

export const SURVEY_POPULATION_QUEUE = 'survey-population';

/**
 * The survey's population (completed cases per service, OPD and month), which the sample
 * check needs, counted off the request path: every 10 minutes the current and previous
 * month are recounted (a case completed late in a month can still be collected in the next);
 * the first run counts everything. Withdrawn cases are not in it (`isCompletedState`).
 */
@Injectable()
export class SurveyPopulationService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(SurveyPopulationService.name);

  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly jobs: JobsService,
    private readonly cases: CaseRepository,
    private readonly workflows: WorkflowRegistry,
    private readonly repo: SatisfactionRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ queue: SURVEY_POPULATION_QUEUE, cron: '*/10 * * * *', run: () => this.refresh() });
  }

  /** A fresh installation (or one upgraded to this version) counts at once, not at the next 10-minute mark. */
  onApplicationBootstrap(): void {
    if (!this.app.jobsEnabled) return;
    void this.repo.populationRefreshedSince().then(
      (latest) => (latest === null ? this.refresh() : undefined),
      (e: unknown) => this.logger.warn(`survey population: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  async refresh(now = new Date()): Promise<void> {
    const latest = await this.repo.populationRefreshedSince();
    const jakarta = new Date(now.getTime() + 7 * 3600_000);
    const previous = new Date(Date.UTC(jakarta.getUTCFullYear(), jakarta.getUTCMonth() - 1, 1));
    // From the last month counted before (a pause of the job leaves no gap), at latest the previous one.
    const sinceMonth = latest === null ? null : latest < iso(previous) ? latest : iso(previous);
    // The Jakarta month starts at 17:00 UTC the day before.
    const since = sinceMonth === null ? new Date(0) : new Date(Date.parse(`${sinceMonth}T00:00:00+07:00`));
    const rows = await this.cases.completionsByMonth(since);
    const counts = new Map<string, { service_id: string; opd_id: string; month: string; completed: number }>();
    for (const r of rows) {
      if (!isCompletedState(await this.workflows.get(r.workflow_key, r.workflow_version), r.state)) continue;
      const key = `${r.service_id}/${r.opd_id}/${r.month}`;
      const c = counts.get(key) ?? { service_id: r.service_id, opd_id: r.opd_id, month: r.month, completed: 0 };
      c.completed += r.completed;
      counts.set(key, c);
    }
    await this.repo.replacePopulation(sinceMonth ?? '0001-01-01', [...counts.values()]);
  }
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

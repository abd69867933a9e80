import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PgBoss } from 'pg-boss';
import { appConfig, databaseConfig } from '../config';
import { EscalationService } from './escalation.service';

export const ESCALATION_QUEUE = 'sla-escalation';

/** A periodic job another module registers (before bootstrap), run once per schedule across instances. */
export interface ScheduledJob {
  queue: string;
  cron: string;
  run: () => Promise<unknown>;
}

/** A queue of one-off jobs another module registers (before bootstrap): each job runs once, on one instance. */
export interface QueueWorker {
  queue: string;
  /** pg-boss marks a job still running after this long as expired (the worker's own sweep decides what then). */
  expireInSeconds: number;
  run: (data: Record<string, unknown>) => Promise<unknown>;
}

/**
 * PostgreSQL-backed jobs (pg-boss): the SLA escalation runs every five minutes. pg-boss
 * schedules a cron job once across all instances and hands each job to one worker.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private boss: PgBoss | null = null;
  private readonly scheduled: ScheduledJob[] = [];
  private readonly workers: QueueWorker[] = [];

  constructor(
    private readonly escalation: EscalationService,
    @Inject(databaseConfig.KEY) private readonly db: ConfigType<typeof databaseConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.jobsEnabled || !this.db.url) return;
    const boss = new PgBoss({ connectionString: this.db.url, schema: 'pgboss', max: 3, application_name: 'layanan-terpadu-jobs' });
    boss.on('error', (e: Error) => this.logger.error(`pg-boss: ${e.message}`));
    await boss.start();
    await boss.createQueue(ESCALATION_QUEUE, { policy: 'singleton' });
    await boss.schedule(ESCALATION_QUEUE, '*/5 * * * *', {}, { tz: 'Asia/Jakarta' });
    await boss.work(ESCALATION_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
      await this.escalation.run();
    });
    for (const job of this.scheduled) {
      await boss.createQueue(job.queue, { policy: 'singleton' });
      await boss.schedule(job.queue, job.cron, {}, { tz: 'Asia/Jakarta' });
      await boss.work(job.queue, { pollingIntervalSeconds: 30 }, async () => {
        await job.run();
      });
    }
    for (const w of this.workers) {
      // No pg-boss retries: the registering module's sweep requeues what a dead instance left.
      await boss.createQueue(w.queue, { retryLimit: 0, expireInSeconds: w.expireInSeconds });
      await boss.work(w.queue, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await w.run((job.data ?? {}) as Record<string, unknown>);
      });
    }
    this.boss = boss;
  }

  /** Adds a queue of one-off jobs; call from onModuleInit. */
  registerWorker(worker: QueueWorker): void {
    this.workers.push(worker);
  }

  /** Queues one job; false when jobs do not run on this instance (JOBS_ENABLED=false): the caller runs it itself. */
  async send(queue: string, data: Record<string, unknown>): Promise<boolean> {
    if (!this.boss) return false;
    await this.boss.send(queue, data, { retryLimit: 0 });
    return true;
  }

  /** Adds a periodic job; call from onModuleInit (it starts with the jobs at bootstrap). */
  register(job: ScheduledJob): void {
    this.scheduled.push(job);
  }

  /** Queues a run now (admin tooling and tests); the worker picks it up within seconds. */
  async trigger(queue: string): Promise<string | null> {
    if (!this.boss) throw new Error('jobs are disabled (JOBS_ENABLED=false)');
    return this.boss.send(queue, {});
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 5000 });
  }
}

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobsService } from '../jobs/jobs.service';

/** How long delivered deliveries and processed outbox rows are kept (the replay window). */
export const RETENTION_DAYS = 30;

/** A nightly pg-boss job that prunes delivered deliveries and processed outbox rows past the retention window. */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ queue: 'notifications-retention', cron: '30 2 * * *', run: () => this.prune() });
  }

  async prune(days = RETENTION_DAYS): Promise<{ deliveries: number; outbox: number }> {
    const [, deliveries] = await this.db.query<[unknown, number]>(
      `DELETE FROM deliveries WHERE status = 'delivered' AND delivered_at < now() - make_interval(days => $1)`,
      [days],
    );
    const [, outbox] = await this.db.query<[unknown, number]>(
      `DELETE FROM outbox o WHERE o.processed_at < now() - make_interval(days => $1)
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.outbox_id = o.id)`,
      [days],
    );
    if (deliveries || outbox) this.logger.log(`pruned ${deliveries} deliveries and ${outbox} outbox rows older than ${days} days`);
    return { deliveries, outbox };
  }
}

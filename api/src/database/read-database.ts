import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** How the replica's connections name themselves (pg_stat_activity.application_name). */
export const READ_APPLICATION_NAME = 'layanan-terpadu-read';
const RETRY_MS = 5000;

/**
 * The connection for reads that may lag behind the last write: reports, dashboards, the
 * transparency page and exports. With READ_DATABASE_URL it is a pool on that streaming replica
 * (read-only: a write there fails); without, it is the primary's DataSource itself, so nothing
 * changes. Never use it for a read that decides a write (a version check, a permission, a
 * lock): those belong on the primary.
 *
 * A replica that cannot be reached at start-up does not stop the API: until its pool has
 * connected (retried every 5 s) these reads go to the primary. Once connected, a replica that
 * goes away answers 503 with Retry-After (the error filter's connection errors), as the primary
 * would.
 */
@Injectable()
export class ReadDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadDatabase.name);
  private replica: DataSource | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly primary: DataSource,
    private readonly replicaUrl: string | null = null,
    private readonly poolSize = 10,
  ) {}

  /** The DataSource to query (`source.query(sql, values)`, `source.createQueryRunner()` for streams). */
  get source(): DataSource {
    return this.replica?.isInitialized ? this.replica : this.primary;
  }

  /** True when `source` is the replica (not the primary). */
  get onReplica(): boolean {
    return this.source !== this.primary;
  }

  /** Connects the replica's pool; called once by the module's factory, retried in the background. */
  async connect(): Promise<void> {
    if (!this.replicaUrl || this.closed) return;
    const ds = new DataSource(typeormOptions(this.replicaUrl, this.poolSize, READ_APPLICATION_NAME));
    try {
      await ds.initialize();
      if (this.closed) {
        await ds.destroy();
        return;
      }
      this.replica = ds;
      this.logger.log('reports, dashboards and exports read from READ_DATABASE_URL');
    } catch (e) {
      this.logger.warn(
        `READ_DATABASE_URL unreachable (${e instanceof Error ? e.message : String(e)}); reading from the primary, retrying in ${RETRY_MS / 1000} s`,
      );
      this.retry = setTimeout(() => void this.connect(), RETRY_MS);
      this.retry.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.replica?.isInitialized) await this.replica.destroy();
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { appConfig } from '../config';
import { PendingFilesRepository } from './pending-files.repository';
import { StoredFilesService } from './stored-files.service';

const BATCH = 500;

/**
 * Settles the files a dead process left in `pending_files` (kill -9, power cut between the
 * bytes and the commit): a referenced file stays, an unreferenced one is deleted. Runs at
 * start-up, in the background, and periodically from JobsModule.
 */
@Injectable()
export class FileSweepService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FileSweepService.name);

  constructor(
    private readonly pending: PendingFilesRepository,
    private readonly files: StoredFilesService,
    @Inject(appConfig.KEY) private readonly cfg: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep().catch((e: unknown) => this.logger.warn(`file sweep: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Settles stale rows in batches; returns how many files it deleted and kept. */
  async sweep(olderThanMinutes = this.cfg.fileSweepAfterMinutes): Promise<{ deleted: number; kept: number }> {
    let deleted = 0;
    let kept = 0;
    for (;;) {
      const rows = await this.pending.stale(olderThanMinutes, BATCH);
      for (const row of rows) {
        if (row.referenced) kept++;
        else {
          await this.files.storage(row.store).delete(row.storage_key);
          deleted++;
        }
        await this.pending.settle(row.store, [row.storage_key]);
      }
      if (rows.length < BATCH) break;
    }
    if (deleted) this.logger.log(`file sweep: deleted ${deleted} unreferenced file(s) a stopped request left, kept ${kept}`);
    return { deleted, kept };
  }
}

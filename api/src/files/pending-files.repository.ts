import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config';
import type { StoreName } from './document-storage';

export interface PendingFileRow {
  store: StoreName;
  storage_key: string;
  referenced: boolean;
}

/** The `pending_files` table: files whose referencing transaction has not been seen to end. */
@Injectable()
export class PendingFilesRepository implements OnModuleDestroy {
  /**
   * Announcements commit on their own, while the caller's transaction holds a connection of the
   * main pool: from the main pool, 50 parallel issuances would each wait for a second connection
   * that the others hold. This pool's connections are held for one INSERT and wait on nothing.
   */
  private readonly announcer: Pool;

  constructor(
    private readonly db: DataSource,
    @Inject(databaseConfig.KEY) cfg: ConfigType<typeof databaseConfig>,
  ) {
    this.announcer = new Pool({ connectionString: cfg.url ?? undefined, max: 2, application_name: 'layanan-terpadu-files' });
    this.announcer.on('error', () => undefined); // an idle client lost with the server; the next query reconnects
  }

  async onModuleDestroy(): Promise<void> {
    await this.announcer.end();
  }

  /** Written (and committed) before the bytes, so a crash can never leave bytes nobody knows of. */
  async announce(store: StoreName, key: string): Promise<void> {
    await this.announcer.query(`INSERT INTO pending_files (store, storage_key) VALUES ($1, $2)`, [store, key]);
  }

  async settle(store: StoreName, keys: string[]): Promise<void> {
    if (keys.length) await this.db.query(`DELETE FROM pending_files WHERE store = $1 AND storage_key = ANY($2)`, [store, keys]);
  }

  /** Rows older than `minutes`, each with whether a table references its file (`stored_file_refs`). */
  async stale(minutes: number, limit: number): Promise<PendingFileRow[]> {
    return this.db.query(
      `SELECT p.store, p.storage_key,
              EXISTS (SELECT 1 FROM stored_file_refs r WHERE r.store = p.store AND r.storage_key = p.storage_key) AS referenced
         FROM pending_files p WHERE p.created_at < now() - make_interval(mins => $1)
        ORDER BY p.created_at LIMIT $2`,
      [minutes, limit],
    );
  }
}

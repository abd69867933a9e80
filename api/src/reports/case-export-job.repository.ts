import { Injectable } from '@nestjs/common';
import type { AuthUser, ExportJobError, ExportJobStatus } from '@layanan/contracts';
import { DataSource } from 'typeorm';

export interface ExportJobRow {
  id: string;
  owner_id: string;
  owner_user: AuthUser;
  filter: Record<string, unknown>;
  sort: [string, string] | null;
  nik_bidx: string | null;
  gzip: boolean;
  status: ExportJobStatus;
  rows_written: string;
  bytes: string;
  rows_expected: number | null;
  file_key: string | null;
  error_code: ExportJobError | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
  expires_at: Date | null;
}

/** Rows the sweep changed: requeued, failed (dead too often) or expired (file to delete). */
export interface SweptRow {
  id: string;
  status: ExportJobStatus;
}

/**
 * The SQL of background case-list exports (case_export_jobs). A run owns its job while the row
 * is `running` with the attempt number it claimed: every progress and finish statement checks
 * both, so a run the sweep gave up on (its instance looked dead) can no longer write.
 */
@Injectable()
export class CaseExportJobRepository {
  constructor(private readonly db: DataSource) {}

  async create(j: {
    ownerId: string;
    ownerUser: AuthUser;
    filter: Record<string, unknown>;
    sort: [string, string] | null;
    nikBidx: string | null;
    gzip: boolean;
  }): Promise<ExportJobRow> {
    const [row] = await this.db.query<ExportJobRow[]>(
      `INSERT INTO case_export_jobs (owner_id, owner_user, filter, sort, nik_bidx, gzip) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [j.ownerId, JSON.stringify(j.ownerUser), JSON.stringify(j.filter), j.sort ? JSON.stringify(j.sort) : null, j.nikBidx, j.gzip],
    );
    return row;
  }

  /** The owner's job; undefined for anyone else's (the caller answers 404). */
  async owned(id: string, ownerId: string): Promise<ExportJobRow | undefined> {
    const [row] = await this.db.query<ExportJobRow[]>(`SELECT * FROM case_export_jobs WHERE id = $1 AND owner_id = $2`, [id, ownerId]);
    return row;
  }

  async listOwned(ownerId: string, limit: number): Promise<ExportJobRow[]> {
    return this.db.query<ExportJobRow[]>(`SELECT * FROM case_export_jobs WHERE owner_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [
      ownerId,
      limit,
    ]);
  }

  /** Takes a queued job for one run; undefined when it is not queued (another run has it, or it is done). */
  async claim(id: string): Promise<ExportJobRow | undefined> {
    const [rows] = await this.db.query<[ExportJobRow[], number]>(
      `UPDATE case_export_jobs SET status = 'running', attempts = attempts + 1, started_at = now(), heartbeat_at = now(),
              rows_written = 0, bytes = 0, error_code = NULL
        WHERE id = $1 AND status = 'queued' RETURNING *`,
      [id],
    );
    return rows[0];
  }

  /** Whether the user may still act at all (active account). */
  async ownerActive(userId: string): Promise<boolean> {
    const [row] = await this.db.query<{ active: boolean }[]>(`SELECT active FROM users WHERE id = $1`, [userId]);
    return row?.active === true;
  }

  /** Progress and heartbeat; false when this run no longer owns the job. */
  async progress(id: string, attempt: number, p: { rowsWritten: number; rowsExpected?: number }): Promise<boolean> {
    const [, n] = await this.db.query<[unknown, number]>(
      `UPDATE case_export_jobs SET rows_written = $3, rows_expected = coalesce($4, rows_expected), heartbeat_at = now()
        WHERE id = $1 AND attempts = $2 AND status = 'running'`,
      [id, attempt, p.rowsWritten, p.rowsExpected ?? null],
    );
    return n === 1;
  }

  /**
   * Ready, and the owner's "ekspor siap" notice in the same transaction (exactly one notice per
   * file). False when this run no longer owns the job (its file is then not referenced).
   */
  async finish(id: string, attempt: number, r: { rowsWritten: number; bytes: number; ttlHours: number }): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [rows] = await m.query<[{ owner_id: string; created_at: Date; gzip: boolean }[], number]>(
        `UPDATE case_export_jobs SET status = 'ready', rows_written = $3, bytes = $4, file_key = id, finished_at = now(),
                heartbeat_at = now(), expires_at = now() + make_interval(hours => $5)
          WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING owner_id, created_at, gzip`,
        [id, attempt, r.rowsWritten, r.bytes, r.ttlHours],
      );
      const [row] = rows;
      if (!row) return false;
      await m.query(`INSERT INTO staff_notifications (user_id, kind, data) VALUES ($1, 'export_ready', $2)`, [
        row.owner_id,
        JSON.stringify({ jobId: id, rows: r.rowsWritten }),
      ]);
      return true;
    });
  }

  async fail(id: string, attempt: number, code: ExportJobError): Promise<boolean> {
    const [, n] = await this.db.query<[unknown, number]>(
      `UPDATE case_export_jobs SET status = 'failed', error_code = $3, finished_at = now()
        WHERE id = $1 AND attempts = $2 AND status = 'running'`,
      [id, attempt, code],
    );
    return n === 1;
  }

  /**
   * Running jobs whose heartbeat stopped (their instance died): back to queued while attempts
   * remain, else failed with EXPORT_INTERRUPTED. Queued jobs no worker took for as long are
   * returned too (to be sent again).
   */
  async reclaimDead(staleSeconds: number, maxAttempts: number): Promise<SweptRow[]> {
    const [dead] = await this.db.query<[SweptRow[], number]>(
      `UPDATE case_export_jobs
          SET status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
              error_code = CASE WHEN attempts >= $2 THEN 'EXPORT_INTERRUPTED' END,
              finished_at = CASE WHEN attempts >= $2 THEN now() END,
              heartbeat_at = now()
        WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
        RETURNING id, status`,
      [staleSeconds, maxAttempts],
    );
    const [waiting] = await this.db.query<[SweptRow[], number]>(
      `UPDATE case_export_jobs SET heartbeat_at = now()
        WHERE status = 'queued' AND coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $1)
          AND NOT (id = ANY($2::uuid[]))
        RETURNING id, status`,
      [staleSeconds, dead.map((d) => d.id)],
    );
    return [...dead, ...waiting];
  }

  /** Ready jobs past their expiry become expired; their files are then deleted. */
  async expire(): Promise<string[]> {
    const [rows] = await this.db.query<[{ id: string }[], number]>(
      `UPDATE case_export_jobs SET status = 'expired', file_key = NULL WHERE status = 'ready' AND expires_at <= now() RETURNING id`,
    );
    return rows.map((r) => r.id);
  }
}

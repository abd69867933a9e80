import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background case-list exports (docs/REPORTS.md, "Background exports"): one row per job, its
 * owner (the only one who sees or downloads it), the list's filter and sort as the list takes
 * them, the owner's permissions as they were when asked (`owner_user`), and its progress. A
 * running job's `heartbeat_at` moves while it writes; the sweep requeues or fails one whose
 * instance died. A NIK search is kept as its blind index (`nik_bidx`), never the NIK.
 */
export class CaseExportJobs1765043300000 implements MigrationInterface {
  name = 'CaseExportJobs1765043300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_export_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id),
        owner_user jsonb NOT NULL,
        filter jsonb NOT NULL DEFAULT '{}',
        sort jsonb,
        nik_bidx text,
        gzip boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'ready', 'failed', 'expired')),
        rows_written bigint NOT NULL DEFAULT 0,
        bytes bigint NOT NULL DEFAULT 0,
        rows_expected integer,
        file_key uuid,
        error_code text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        heartbeat_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX case_export_jobs_owner_idx ON case_export_jobs (owner_id, created_at DESC)`);
    // The sweep's two looks: unfinished jobs, and ready files by expiry.
    await q.query(`CREATE INDEX case_export_jobs_unfinished_idx ON case_export_jobs (heartbeat_at) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE INDEX case_export_jobs_expiry_idx ON case_export_jobs (expires_at) WHERE status = 'ready'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM staff_notifications WHERE kind = 'export_ready'`);
    await q.query(`DROP TABLE case_export_jobs`);
  }
}

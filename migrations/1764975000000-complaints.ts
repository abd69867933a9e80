import { MigrationInterface, QueryRunner } from 'typeorm';

const REFS_BEFORE = `
  SELECT 'uploads'::text, storage_key FROM case_documents
  UNION ALL SELECT 'issued'::text, storage_key FROM issued_documents`;

/**
 * Pengaduan: a citizen's complaint about a case or a service, with its own tracking code,
 * workflow (received → in_handling → answered → closed) and answer deadline. A complaint
 * about a case keeps the case's id and tracking code (the case page lists its complaints;
 * complaint SQL never reads `cases`). An attachment is stored in the `uploads` store and
 * listed in `stored_file_refs`, so the file sweep keeps it.
 */
export class Complaints1764975000000 implements MigrationInterface {
  name = 'Complaints1764975000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tracking_code text NOT NULL UNIQUE,
        opd_id uuid NOT NULL REFERENCES opds(id),
        service_id uuid REFERENCES services(id),
        case_id uuid REFERENCES cases(id),
        case_tracking_code text,
        complainant_name text NOT NULL,
        complainant_phone text,
        complainant_email text,
        message text NOT NULL,
        state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'in_handling', 'answered', 'closed')),
        version integer NOT NULL DEFAULT 1,
        received_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz NOT NULL,
        started_at timestamptz,
        answered_at timestamptz,
        answer text,
        answered_by_id uuid REFERENCES users(id),
        closed_at timestamptz,
        attachment_storage_key text,
        attachment_file_name text,
        attachment_content_type text,
        attachment_size integer,
        attachment_sha256 text,
        lapor_tracking_id text,
        lapor_status text,
        lapor_synced_at timestamptz,
        CHECK ((case_id IS NULL) = (case_tracking_code IS NULL)),
        CHECK (state NOT IN ('answered', 'closed') OR (answer IS NOT NULL AND answered_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX complaints_opd_idx ON complaints (opd_id, received_at DESC, id)`);
    await q.query(`CREATE INDEX complaints_open_idx ON complaints (opd_id, due_at) WHERE state IN ('received', 'in_handling')`);
    await q.query(`CREATE INDEX complaints_case_idx ON complaints (case_id) WHERE case_id IS NOT NULL`);
    await q.query(`CREATE INDEX complaints_received_idx ON complaints (received_at)`);
    await q.query(
      `CREATE INDEX complaints_lapor_idx ON complaints (lapor_synced_at NULLS FIRST) WHERE lapor_tracking_id IS NOT NULL AND state <> 'closed'`,
    );
    await q.query(`
      CREATE OR REPLACE VIEW stored_file_refs (store, storage_key) AS ${REFS_BEFORE}
        UNION ALL SELECT 'uploads'::text, attachment_storage_key FROM complaints WHERE attachment_storage_key IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW stored_file_refs`);
    await q.query(`CREATE VIEW stored_file_refs (store, storage_key) AS ${REFS_BEFORE}`);
    await q.query(`DROP TABLE complaints`);
  }
}

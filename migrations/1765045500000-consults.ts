import { MigrationInterface, QueryRunner } from 'typeorm';

const REFS_BEFORE = `
  SELECT 'uploads'::text, storage_key FROM case_documents
  UNION ALL SELECT 'issued'::text, storage_key FROM issued_documents
  UNION ALL SELECT 'uploads'::text, attachment_storage_key FROM complaints WHERE attachment_storage_key IS NOT NULL`;

/**
 * Permintaan pertimbangan teknis: the lead OPD of a case asks another OPD for an opinion with
 * its own deadline. `case_consults` holds the request and its answer; an answered or withdrawn
 * consult never changes again (trigger). Files of the question and the answer are in the
 * `uploads` store (`case_consult_files`, append-only, listed in `stored_file_refs`).
 * `cases.consult_opd_ids` (the OPDs with an open consult: they may read the case) and
 * `cases.consult_due_at` (the earliest open deadline: the list's overdue flag) are written with
 * each consult's case event.
 */
export class Consults1765045500000 implements MigrationInterface {
  name = 'Consults1765045500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_consults (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        tracking_code text NOT NULL,
        requester_opd_id uuid NOT NULL REFERENCES opds(id),
        consulted_opd_id uuid NOT NULL REFERENCES opds(id),
        consulted_role text CHECK (consulted_role IN ('officer', 'verifier', 'supervisor', 'head')),
        question text NOT NULL,
        working_days integer NOT NULL CHECK (working_days BETWEEN 1 AND 20),
        shared_document_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'withdrawn')),
        requested_by_id uuid NOT NULL REFERENCES users(id),
        requested_by_name text NOT NULL,
        requested_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        answer text,
        answered_by_id uuid REFERENCES users(id),
        answered_by_name text,
        answered_at timestamptz,
        withdrawn_by_id uuid REFERENCES users(id),
        withdrawn_at timestamptz,
        withdraw_reason text,
        CHECK (requester_opd_id <> consulted_opd_id),
        CHECK ((status = 'answered') = (answer IS NOT NULL AND answered_at IS NOT NULL AND answered_by_id IS NOT NULL)),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX case_consults_case_idx ON case_consults (case_id, requested_at)`);
    await q.query(`CREATE INDEX case_consults_consulted_idx ON case_consults (consulted_opd_id, status, due_at)`);
    await q.query(`CREATE INDEX case_consults_requester_idx ON case_consults (requester_opd_id, status, due_at)`);
    await q.query(`
      CREATE TABLE case_consult_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consult_id uuid NOT NULL REFERENCES case_consults(id),
        side text NOT NULL CHECK (side IN ('question', 'answer')),
        file_name text NOT NULL,
        storage_key text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        uploaded_by_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_consult_files_consult_idx ON case_consult_files (consult_id)`);
    await q.query(`
      CREATE FUNCTION case_consults_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'open' THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'case_consults: an answered or withdrawn consult is immutable (% %)', TG_OP, OLD.id;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_consults_immutable BEFORE UPDATE OR DELETE ON case_consults
        FOR EACH ROW EXECUTE FUNCTION case_consults_immutable()`);
    await q.query(`
      CREATE FUNCTION case_consult_files_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'case_consult_files is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER case_consult_files_append_only BEFORE UPDATE OR DELETE ON case_consult_files
        FOR EACH ROW EXECUTE FUNCTION case_consult_files_append_only()`);
    await q.query(`ALTER TABLE cases ADD COLUMN consult_opd_ids uuid[] NOT NULL DEFAULT '{}', ADD COLUMN consult_due_at timestamptz`);
    await q.query(`
      CREATE OR REPLACE VIEW stored_file_refs (store, storage_key) AS ${REFS_BEFORE}
        UNION ALL SELECT 'uploads'::text, storage_key FROM case_consult_files`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW stored_file_refs`);
    await q.query(`CREATE VIEW stored_file_refs (store, storage_key) AS ${REFS_BEFORE}`);
    await q.query(`ALTER TABLE cases DROP COLUMN consult_opd_ids, DROP COLUMN consult_due_at`);
    await q.query(`DROP TABLE case_consult_files`);
    await q.query(`DROP TABLE case_consults`);
    await q.query(`DROP FUNCTION case_consult_files_append_only()`);
    await q.query(`DROP FUNCTION case_consults_immutable()`);
  }
}

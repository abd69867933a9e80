import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files written before the transaction that references them commits. A row is written before
 * the bytes and removed once the transaction has committed (or failed and the bytes were
 * deleted); a row that outlives its request (the process died in between) is resolved by the
 * sweep: the file is kept if a table references it, deleted otherwise. `stored_file_refs` is
 * the one list of columns that reference stored files, per store: a table that stores files
 * adds itself here in its migration.
 */
export class PendingFiles1764960000000 implements MigrationInterface {
  name = 'PendingFiles1764960000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_files (
        store text NOT NULL,
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store, storage_key)
      )`);
    await q.query(`CREATE INDEX pending_files_created_idx ON pending_files (created_at)`);
    await q.query(`
      CREATE VIEW stored_file_refs (store, storage_key) AS
        SELECT 'uploads'::text, storage_key FROM case_documents
        UNION ALL SELECT 'issued'::text, storage_key FROM issued_documents`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW stored_file_refs`);
    await q.query(`DROP TABLE pending_files`);
  }
}

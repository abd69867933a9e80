import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workflow designer: drafts (one per workflow key, freely edited, node positions beside the
 * definition), and published versions that never change. A published version also keeps the
 * layout it was drawn with and who published it. A trigger refuses UPDATE and DELETE on
 * workflow_definitions: services and cases point at versions, so a running case's rules cannot
 * change under it. A later migration that must correct a stored built-in says so with
 * `SET LOCAL layanan.patch_workflow_versions = 'on'` in its transaction.
 */
export class WorkflowDesigner1764940000000 implements MigrationInterface {
  name = 'WorkflowDesigner1764940000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_definitions ADD COLUMN layout jsonb NOT NULL DEFAULT '{"positions":{}}'::jsonb`);
    await q.query(`ALTER TABLE workflow_definitions ADD COLUMN published_by_id uuid REFERENCES users(id)`);
    await q.query(
      `CREATE INDEX workflow_definitions_published_by_idx ON workflow_definitions (published_by_id) WHERE published_by_id IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION workflow_definitions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('layanan.patch_workflow_versions', true) = 'on' THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'published workflow versions are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER workflow_definitions_no_update BEFORE UPDATE OR DELETE ON workflow_definitions FOR EACH ROW EXECUTE FUNCTION workflow_definitions_immutable()`,
    );
    await q.query(`
      CREATE TABLE workflow_drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE,
        base_version integer,
        definition jsonb NOT NULL,
        layout jsonb NOT NULL DEFAULT '{"positions":{}}'::jsonb,
        revision integer NOT NULL DEFAULT 1,
        created_by_id uuid NOT NULL REFERENCES users(id),
        updated_by_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX workflow_drafts_created_by_idx ON workflow_drafts (created_by_id)`);
    await q.query(`CREATE INDEX workflow_drafts_updated_by_idx ON workflow_drafts (updated_by_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workflow_drafts`);
    await q.query(`DROP TRIGGER workflow_definitions_no_update ON workflow_definitions`);
    await q.query(`DROP FUNCTION workflow_definitions_immutable()`);
    await q.query(`DROP INDEX workflow_definitions_published_by_idx`);
    await q.query(`ALTER TABLE workflow_definitions DROP COLUMN published_by_id`);
    await q.query(`ALTER TABLE workflow_definitions DROP COLUMN layout`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A citizen reuses a verified KTP/KK from the portal: the consent is theirs, so a reuse may have
 * no officer who recorded it (`source = 'portal'`, `recorded_by_id` null).
 */
export class PortalDocumentReuse1765040100000 implements MigrationInterface {
  name = 'PortalDocumentReuse1765040100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE applicant_document_reuses
        ALTER COLUMN recorded_by_id DROP NOT NULL,
        ADD COLUMN source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'portal')),
        ADD CONSTRAINT applicant_document_reuses_recorder_check CHECK ((source = 'staff') = (recorded_by_id IS NOT NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM applicant_document_reuses WHERE source = 'portal'`);
    await q.query(`
      ALTER TABLE applicant_document_reuses
        DROP CONSTRAINT applicant_document_reuses_recorder_check,
        DROP COLUMN source,
        ALTER COLUMN recorded_by_id SET NOT NULL`);
  }
}

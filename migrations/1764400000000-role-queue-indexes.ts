import { MigrationInterface, QueryRunner } from 'typeorm';

/** The staff roles a workflow state can wait on; fixed here so the migration never changes. */
const QUEUE_ROLES = ['officer', 'verifier', 'supervisor', 'head'];

/**
 * One partial index per role for the "unassigned" queue. The general index
 * (cases_opd_unassigned_due_idx) holds every unassigned open case of an OPD; a supervisor's
 * few thousand among them were found by reading all of them (about 0.6 s at a million cases).
 * With these, the queue and its capped count read only the role's own rows.
 */
export class RoleQueueIndexes1764400000000 implements MigrationInterface {
  name = 'RoleQueueIndexes1764400000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const role of QUEUE_ROLES) {
      await q.query(
        `CREATE INDEX cases_unassigned_${role}_due_idx ON cases (opd_id, due_at, id) WHERE is_open AND assignee_id IS NULL AND next_roles @> '{${role}}'::text[]`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const role of QUEUE_ROLES) await q.query(`DROP INDEX IF EXISTS cases_unassigned_${role}_due_idx`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consult follow-ups: `reminded_at` (the consulted OPD was reminded on the deadline day) and
 * `escalated_at` (escalated to its head one working day past the deadline), each set once by the
 * follow-up job in the transaction that writes its case event. The partial index holds only the
 * consults the job still looks at (open, not escalated), ordered as it reads them.
 */
export class ConsultFollowUp1765047000000 implements MigrationInterface {
  name = 'ConsultFollowUp1765047000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_consults ADD COLUMN reminded_at timestamptz, ADD COLUMN escalated_at timestamptz`);
    await q.query(`CREATE INDEX case_consults_follow_up_idx ON case_consults (due_at, id) WHERE status = 'open' AND escalated_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_consults_follow_up_idx`);
    await q.query(`ALTER TABLE case_consults DROP COLUMN reminded_at, DROP COLUMN escalated_at`);
  }
}

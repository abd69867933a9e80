import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backlog snapshot's per-case contributions (docs/REPORTS.md, "Where the numbers come from"):
 * one row per open case with the key it counts under (OPD, service, assignee, age and SLA
 * buckets), its overdue and waiting flags as of the last refresh, its due date and the office-minute
 * positions of its 50 % and 80 % marks. The refresh recomputes only the cases that changed or
 * whose buckets the time moved, and recounts the keys they left or entered. `backlog_at` is
 * cleared so that the next refresh fills the table whole.
 */
export class ReportBacklogCases1765049500000 implements MigrationInterface {
  name = 'ReportBacklogCases1765049500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_backlog_cases (
        case_id uuid PRIMARY KEY, opd_id uuid NOT NULL, service_id uuid NOT NULL, assignee_id uuid,
        age_bucket smallint NOT NULL, sla_bucket smallint NOT NULL, overdue boolean NOT NULL, waiting boolean NOT NULL,
        due_at timestamptz, mark50 numeric, mark80 numeric)`);
    await q.query(
      `CREATE INDEX report_backlog_cases_key_idx ON report_backlog_cases (opd_id, service_id, age_bucket, sla_bucket, assignee_id)`,
    );
    await q.query(`CREATE INDEX report_backlog_cases_due_idx ON report_backlog_cases (due_at) WHERE NOT waiting`);
    await q.query(`CREATE INDEX report_backlog_cases_mark50_idx ON report_backlog_cases (mark50) WHERE NOT waiting`);
    await q.query(`CREATE INDEX report_backlog_cases_mark80_idx ON report_backlog_cases (mark80) WHERE NOT waiting`);
    await q.query(`UPDATE report_state SET backlog_at = NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_backlog_cases`);
  }
}

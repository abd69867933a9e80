import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coarser report rollups (docs/REPORTS.md, "Where the numbers come from"): the daily counts,
 * days-taken histogram and return reasons summed per month (`*_monthly`, `day` = the month's
 * first day) and the received/closed counts per ISO week (`report_weekly`, `day` = the Monday).
 * A report over a period reads its whole months (or weeks) from these and only the days at its
 * edges from the daily tables, so a year city-wide sums about a thousand rows, not forty
 * thousand. The refresh keeps them in step with the daily rows it rewrites; here they are filled
 * from the daily rows already there.
 */
export class ReportCoarseRollups1765041800000 implements MigrationInterface {
  name = 'ReportCoarseRollups1765041800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_daily_monthly (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, channel text NOT NULL,
        received integer NOT NULL, returned integer NOT NULL, closed integer NOT NULL, closed_on_time integer NOT NULL, withdrawn integer NOT NULL,
        PRIMARY KEY (day, opd_id, service_id, channel))`);
    await q.query(`
      CREATE TABLE report_weekly (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, received integer NOT NULL, closed integer NOT NULL,
        PRIMARY KEY (day, opd_id, service_id))`);
    await q.query(`
      CREATE TABLE report_case_days_monthly (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, days integer NOT NULL, n integer NOT NULL,
        PRIMARY KEY (day, opd_id, service_id, days))`);
    await q.query(`
      CREATE TABLE report_return_reasons_monthly (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, reason text NOT NULL, n integer NOT NULL,
        PRIMARY KEY (day, opd_id, service_id, reason))`);
    await q.query(`
      INSERT INTO report_daily_monthly
      SELECT date_trunc('month', day)::date, opd_id, service_id, channel, sum(received), sum(returned), sum(closed), sum(closed_on_time), sum(withdrawn)
        FROM report_daily GROUP BY 1, 2, 3, 4`);
    await q.query(`
      INSERT INTO report_weekly
      SELECT date_trunc('week', day)::date, opd_id, service_id, sum(received), sum(closed) FROM report_daily GROUP BY 1, 2, 3`);
    await q.query(`
      INSERT INTO report_case_days_monthly
      SELECT date_trunc('month', day)::date, opd_id, service_id, days, sum(n) FROM report_case_days GROUP BY 1, 2, 3, 4`);
    await q.query(`
      INSERT INTO report_return_reasons_monthly
      SELECT date_trunc('month', day)::date, opd_id, service_id, reason, sum(n) FROM report_return_reasons GROUP BY 1, 2, 3, 4`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['report_return_reasons_monthly', 'report_case_days_monthly', 'report_weekly', 'report_daily_monthly'])
      await q.query(`DROP TABLE ${t}`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (docs/REPORTS.md): the state intervals each transition writes in its own statement,
 * `cases.state_entered_at` (when the case entered its current state, so the transition can close
 * the interval without reading the log), and the rollups the reports read, refreshed
 * incrementally by the `report-rollup` job: daily counts, stage-duration and days-taken
 * histograms, return reasons, officers' steps, the open-case snapshot and the working calendar.
 */
export class Reports1764920000000 implements MigrationInterface {
  name = 'Reports1764920000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN state_entered_at timestamptz`);
    await q.query(`
      UPDATE cases c SET state_entered_at = coalesce(
        (SELECT max(e.created_at) FROM case_events e WHERE e.case_id = c.id AND e.from_state IS DISTINCT FROM e.to_state), c.submitted_at)`);
    await q.query(`ALTER TABLE cases ALTER COLUMN state_entered_at SET DEFAULT now(), ALTER COLUMN state_entered_at SET NOT NULL`);
    // Completions are read through cases_completed_idx (the satisfaction survey's migration).
    await q.query(`
      CREATE TABLE case_state_intervals (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        opd_id uuid NOT NULL,
        service_id uuid NOT NULL,
        state text NOT NULL,
        entered_at timestamptz NOT NULL,
        left_at timestamptz NOT NULL,
        working_minutes integer NOT NULL CHECK (working_minutes >= 0),
        waiting boolean NOT NULL,
        left_by uuid
      )`);
    await q.query(`CREATE INDEX case_state_intervals_left_idx ON case_state_intervals (left_at)`);
    await q.query(`CREATE INDEX case_state_intervals_case_idx ON case_state_intervals (case_id)`);
    await q.query(`
      CREATE TABLE report_daily (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, channel text NOT NULL,
        received integer NOT NULL DEFAULT 0, returned integer NOT NULL DEFAULT 0,
        closed integer NOT NULL DEFAULT 0, closed_on_time integer NOT NULL DEFAULT 0, withdrawn integer NOT NULL DEFAULT 0,
        PRIMARY KEY (day, opd_id, service_id, channel))`);
    await q.query(`CREATE INDEX report_daily_opd_idx ON report_daily (opd_id, day)`);
    await q.query(`
      CREATE TABLE report_stage_hours (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, state text NOT NULL, waiting boolean NOT NULL,
        hours integer NOT NULL, n integer NOT NULL, minutes bigint NOT NULL,
        PRIMARY KEY (day, opd_id, service_id, state, waiting, hours))`);
    await q.query(`
      CREATE TABLE report_case_days (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, days integer NOT NULL, n integer NOT NULL,
        PRIMARY KEY (day, opd_id, service_id, days))`);
    await q.query(`
      CREATE TABLE report_return_reasons (
        day date NOT NULL, opd_id uuid NOT NULL, service_id uuid NOT NULL, reason text NOT NULL, n integer NOT NULL,
        PRIMARY KEY (day, opd_id, service_id, reason))`);
    await q.query(`
      CREATE TABLE report_officer_daily (
        day date NOT NULL, opd_id uuid NOT NULL, user_id uuid NOT NULL, steps integer NOT NULL,
        PRIMARY KEY (day, opd_id, user_id))`);
    await q.query(`
      CREATE TABLE report_backlog (
        opd_id uuid NOT NULL, service_id uuid NOT NULL, assignee_id uuid, age_bucket smallint NOT NULL, sla_bucket smallint NOT NULL,
        open integer NOT NULL, overdue integer NOT NULL, waiting integer NOT NULL)`);
    await q.query(`CREATE INDEX report_backlog_opd_idx ON report_backlog (opd_id)`);
    await q.query(`
      CREATE TABLE report_calendar (
        day date PRIMARY KEY, working boolean NOT NULL,
        cum_days integer NOT NULL, cum_minutes_before bigint NOT NULL)`);
    await q.query(`
      CREATE TABLE report_state (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        watermark timestamptz, backlog_at timestamptz, refreshed_at timestamptz, calendar_key text)`);
    await q.query(`INSERT INTO report_state (id) VALUES (1)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'report_state',
      'report_calendar',
      'report_backlog',
      'report_officer_daily',
      'report_return_reasons',
      'report_case_days',
      'report_stage_hours',
      'report_daily',
      'case_state_intervals',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE cases DROP COLUMN state_entered_at`);
  }
}

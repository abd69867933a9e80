import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leave (cuti) and workload.
 * - `user_leaves`: a user's leave for whole WIB days; `period` is derived from the dates, half-open,
 *   so the last day ends at 24:00 WIB. An exclusion constraint refuses two live leaves of one user
 *   whose periods overlap. Each creation and cancellation is written to `user_leave_log` (append-only).
 * - `services.auto_assign`: new cases of the service are assigned round-robin at intake.
 * - `assignment_cursors`: one row per service and role set, bumped (row-locked) by each auto-assigned intake.
 * - `cases_open_assignee_idx`: the open cases of an assignee (workload, reassignment).
 */
export class LeaveAndWorkload1765046000000 implements MigrationInterface {
  name = 'LeaveAndWorkload1765046000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE user_leaves (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('cuti', 'sakit', 'dinas_luar', 'lainnya')),
        note text,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        period tstzrange GENERATED ALWAYS AS (
          tstzrange(valid_from::timestamp AT TIME ZONE 'Asia/Jakarta', (valid_until + 1)::timestamp AT TIME ZONE 'Asia/Jakarta', '[)')
        ) STORED,
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz,
        cancelled_by_id uuid REFERENCES users(id),
        CONSTRAINT user_leaves_dates CHECK (valid_until >= valid_from),
        CONSTRAINT user_leaves_no_overlap EXCLUDE USING gist (user_id WITH =, period WITH &&) WHERE (cancelled_at IS NULL)
      )`);
    // Who is on leave at an instant: the exclusion constraint's gist index answers (user_id, period @> now).
    await q.query(`CREATE INDEX user_leaves_user_idx ON user_leaves (user_id, valid_from DESC)`);
    await q.query(`
      CREATE TABLE user_leave_log (
        id bigserial PRIMARY KEY,
        leave_id uuid NOT NULL REFERENCES user_leaves(id),
        action text NOT NULL CHECK (action IN ('created', 'cancelled', 'shortened')),
        actor_id uuid REFERENCES users(id),
        actor_name text,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX user_leave_log_leave_idx ON user_leave_log (leave_id, id)`);
    await q.query(`
      CREATE FUNCTION user_leave_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'user_leave_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER user_leave_log_append_only BEFORE UPDATE OR DELETE ON user_leave_log
        FOR EACH ROW EXECUTE FUNCTION user_leave_log_append_only()`);
    await q.query(`ALTER TABLE services ADD COLUMN auto_assign boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE assignment_cursors (
        service_id uuid NOT NULL REFERENCES services(id),
        role_key text NOT NULL,
        turn bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service_id, role_key)
      )`);
    await q.query(`CREATE INDEX cases_open_assignee_idx ON cases (assignee_id, due_at) WHERE is_open AND assignee_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_open_assignee_idx`);
    await q.query(`DROP TABLE IF EXISTS assignment_cursors`);
    await q.query(`ALTER TABLE services DROP COLUMN IF EXISTS auto_assign`);
    await q.query(`DROP TABLE IF EXISTS user_leave_log`);
    await q.query(`DROP FUNCTION IF EXISTS user_leave_log_append_only()`);
    await q.query(`DROP TABLE IF EXISTS user_leaves`);
  }
}

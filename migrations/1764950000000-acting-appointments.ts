import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plh./Plt. appointments (UU 30/2014 Art. 14): a user holds a position (a role in an OPD) for a
 * range of whole WIB days. `period` is derived from the dates, half-open, so the last day ends at
 * 24:00 WIB. An exclusion constraint refuses two live appointments of one position whose periods
 * overlap. Each creation and revocation is written to `acting_appointment_log` (append-only).
 * Changes NOTIFY auth_changed with the delegate's id, so cached sessions pick them up at once.
 */
export class ActingAppointments1764950000000 implements MigrationInterface {
  name = 'ActingAppointments1764950000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE acting_appointments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opd_id uuid NOT NULL REFERENCES opds(id),
        role text NOT NULL CHECK (role IN ('head', 'supervisor')),
        position_title text NOT NULL CHECK (length(position_title) BETWEEN 3 AND 200),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL CHECK (kind IN ('plh', 'plt')),
        legal_basis text,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        period tstzrange GENERATED ALWAYS AS (
          tstzrange(valid_from::timestamp AT TIME ZONE 'Asia/Jakarta', (valid_until + 1)::timestamp AT TIME ZONE 'Asia/Jakarta', '[)')
        ) STORED,
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES users(id),
        revoke_reason text,
        CONSTRAINT acting_appointments_dates CHECK (valid_until >= valid_from),
        CONSTRAINT acting_appointments_no_overlap EXCLUDE USING gist (
          opd_id WITH =, role WITH =, lower(position_title) WITH =, period WITH &&
        ) WHERE (revoked_at IS NULL)
      )`);
    await q.query(`CREATE INDEX acting_appointments_user_idx ON acting_appointments (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX acting_appointments_opd_idx ON acting_appointments (opd_id, valid_from DESC)`);
    await q.query(`
      CREATE TABLE acting_appointment_log (
        id bigserial PRIMARY KEY,
        appointment_id uuid NOT NULL REFERENCES acting_appointments(id),
        action text NOT NULL CHECK (action IN ('created', 'revoked')),
        actor_id uuid REFERENCES users(id),
        actor_name text,
        reason text,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX acting_appointment_log_appt_idx ON acting_appointment_log (appointment_id, id)`);
    await q.query(`
      CREATE FUNCTION acting_appointment_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'acting_appointment_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER acting_appointment_log_append_only BEFORE UPDATE OR DELETE ON acting_appointment_log
        FOR EACH ROW EXECUTE FUNCTION acting_appointment_log_append_only()`);
    await q.query(`
      CREATE FUNCTION notify_acting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_changed', (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END)::text);
        IF TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN
          PERFORM pg_notify('auth_changed', OLD.user_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER acting_appointments_auth_changed AFTER INSERT OR UPDATE OR DELETE ON acting_appointments
        FOR EACH ROW EXECUTE FUNCTION notify_acting_changed()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS acting_appointment_log`);
    await q.query(`DROP FUNCTION IF EXISTS acting_appointment_log_append_only()`);
    await q.query(`DROP TABLE IF EXISTS acting_appointments`);
    await q.query(`DROP FUNCTION IF EXISTS notify_acting_changed()`);
    // btree_gist stays: another object may use it, and keeping an extension is harmless.
  }
}

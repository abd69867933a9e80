import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core schema: OPDs, users, versioned services and workflows, cases with their
 * append-only hash-chained event log, documents, outbox, idempotency and access log.
 * Hand-written because it needs what entity metadata cannot express: partial indexes for
 * the queues, a trigram index for search, and the append-only trigger on case_events.
 */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE opds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        short_name text NOT NULL,
        kind text NOT NULL DEFAULT 'dinas',
        address text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        full_name text NOT NULL,
        email text,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        opd_id uuid REFERENCES opds(id),
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        token_version integer NOT NULL DEFAULT 0,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_opd_id_idx ON users (opd_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id)`);
    await q.query(`
      CREATE TABLE workflow_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (key, version)
      )`);
    await q.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        opd_id uuid NOT NULL REFERENCES opds(id),
        current_version integer NOT NULL DEFAULT 1,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX services_opd_id_idx ON services (opd_id)`);
    await q.query(`
      CREATE TABLE service_versions (
        service_id uuid NOT NULL REFERENCES services(id),
        version integer NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        requirements jsonb NOT NULL DEFAULT '[]',
        form_fields jsonb NOT NULL DEFAULT '[]',
        procedure text NOT NULL DEFAULT '',
        sla_amount integer NOT NULL,
        sla_unit text NOT NULL CHECK (sla_unit IN ('days', 'hours')),
        fee_amount integer NOT NULL DEFAULT 0,
        fee_note text,
        product text NOT NULL DEFAULT '',
        complaint_channel text NOT NULL DEFAULT '',
        legal_basis text NOT NULL DEFAULT '',
        workflow_key text NOT NULL,
        workflow_version integer NOT NULL,
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service_id, version),
        FOREIGN KEY (workflow_key, workflow_version) REFERENCES workflow_definitions(key, version)
      )`);
    await q.query(`CREATE INDEX service_versions_workflow_idx ON service_versions (workflow_key, workflow_version)`);
    await q.query(`
      CREATE TABLE holidays (
        date date PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('national', 'cuti_bersama', 'local')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tracking_code text NOT NULL UNIQUE,
        service_id uuid NOT NULL,
        service_version integer NOT NULL,
        workflow_key text NOT NULL,
        workflow_version integer NOT NULL,
        opd_id uuid NOT NULL REFERENCES opds(id),
        handled_opd_ids uuid[] NOT NULL DEFAULT '{}',
        state text NOT NULL,
        next_roles text[] NOT NULL DEFAULT '{}',
        is_open boolean NOT NULL DEFAULT true,
        assignee_id uuid REFERENCES users(id),
        verified_by_id uuid REFERENCES users(id),
        approved_by_id uuid REFERENCES users(id),
        applicant_nik text NOT NULL,
        applicant_name text NOT NULL,
        applicant_phone text,
        applicant_email text,
        applicant_address jsonb,
        form_data jsonb NOT NULL DEFAULT '{}',
        channel text NOT NULL CHECK (channel IN ('counter', 'online')),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        due_at timestamptz,
        paused_at timestamptz,
        completed_at timestamptz,
        escalated_at timestamptz,
        created_by_id uuid REFERENCES users(id),
        version integer NOT NULL DEFAULT 1,
        event_count integer NOT NULL DEFAULT 0,
        last_event_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (service_id, service_version) REFERENCES service_versions(service_id, version)
      )`);
    // Queue indexes: each queue's filter is a partial index ordered by its sort, so a page
    // is an index range scan whatever the table size.
    await q.query(`CREATE INDEX cases_opd_due_idx ON cases (opd_id, due_at, id) WHERE is_open`);
    await q.query(`CREATE INDEX cases_opd_unassigned_due_idx ON cases (opd_id, due_at, id) WHERE is_open AND assignee_id IS NULL`);
    await q.query(`CREATE INDEX cases_assignee_due_idx ON cases (assignee_id, due_at, id) WHERE is_open`);
    await q.query(`CREATE INDEX cases_opd_submitted_idx ON cases (opd_id, submitted_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_open_due_idx ON cases (due_at, id) WHERE is_open`);
    await q.query(`CREATE INDEX cases_submitted_idx ON cases (submitted_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_handled_opd_ids_idx ON cases USING gin (handled_opd_ids)`);
    await q.query(`CREATE INDEX cases_service_idx ON cases (service_id, service_version)`);
    await q.query(`CREATE INDEX cases_workflow_idx ON cases (workflow_key, workflow_version)`);
    await q.query(`CREATE INDEX cases_applicant_nik_idx ON cases (applicant_nik)`);
    await q.query(`CREATE INDEX cases_applicant_name_trgm_idx ON cases USING gin (lower(applicant_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX cases_verified_by_idx ON cases (verified_by_id) WHERE verified_by_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_approved_by_idx ON cases (approved_by_id) WHERE approved_by_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_created_by_idx ON cases (created_by_id) WHERE created_by_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE case_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq integer NOT NULL,
        type text NOT NULL,
        from_state text,
        to_state text,
        actor_id uuid REFERENCES users(id),
        actor_name text,
        actor_role text NOT NULL,
        comment text,
        reason text,
        public boolean NOT NULL DEFAULT true,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        prev_hash text,
        hash text NOT NULL,
        UNIQUE (case_id, seq)
      )`);
    await q.query(`CREATE INDEX case_events_actor_idx ON case_events (actor_id) WHERE actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX case_events_created_idx ON case_events (created_at)`);
    // The log is append-only whatever role the application connects as.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`,
    );
    await q.query(`
      CREATE TABLE case_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        requirement_key text NOT NULL,
        file_name text NOT NULL,
        storage_key text NOT NULL UNIQUE,
        content_type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'valid', 'invalid')),
        note text,
        checked_by_id uuid REFERENCES users(id),
        checked_at timestamptz,
        uploaded_by_id uuid REFERENCES users(id),
        superseded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_documents_case_idx ON case_documents (case_id)`);
    await q.query(`CREATE INDEX case_documents_checked_by_idx ON case_documents (checked_by_id) WHERE checked_by_id IS NOT NULL`);
    await q.query(`CREATE INDEX case_documents_uploaded_by_idx ON case_documents (uploaded_by_id) WHERE uploaded_by_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic text NOT NULL,
        aggregate_id uuid,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        scope text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE personal_data_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        action text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX personal_data_access_log_case_idx ON personal_data_access_log (case_id)`);
    await q.query(`CREATE INDEX personal_data_access_log_user_idx ON personal_data_access_log (user_id, created_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'personal_data_access_log',
      'idempotency_keys',
      'outbox',
      'case_documents',
      'case_events',
      'cases',
      'holidays',
      'service_versions',
      'services',
      'workflow_definitions',
      'refresh_tokens',
      'users',
      'opds',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS case_events_append_only()`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issued documents: per-OPD letterhead and letter-number pattern, signatories (NIP, position,
 * acting), immutable versioned document templates per service, gap-free letter-number
 * counters, the issued documents themselves (number unique, hash, verification code, status,
 * revocation, supersedes) and signing attempts whose outcome is unknown.
 */
export class Issuance1764816160000 implements MigrationInterface {
  name = 'Issuance1764816160000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opd_letterheads (
        opd_id uuid PRIMARY KEY REFERENCES opds(id),
        lines text[] NOT NULL DEFAULT '{}',
        address text NOT NULL DEFAULT '',
        contact text NOT NULL DEFAULT '',
        city text NOT NULL DEFAULT 'Malang',
        number_pattern text,
        logo bytea,
        logo_type text CHECK (logo_type IN ('image/png', 'image/jpeg')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE signatories (
        user_id uuid PRIMARY KEY REFERENCES users(id),
        opd_id uuid NOT NULL REFERENCES opds(id),
        nip text NOT NULL,
        nik text CHECK (nik ~ '^[0-9]{16}$'),
        position text NOT NULL,
        rank text,
        acting text CHECK (acting IN ('plh', 'plt', 'an')),
        acting_for text,
        is_default boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX signatories_opd_idx ON signatories (opd_id)`);
    await q.query(`CREATE UNIQUE INDEX signatories_one_default_idx ON signatories (opd_id) WHERE is_default AND active`);
    await q.query(`
      CREATE TABLE document_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES services(id),
        version integer NOT NULL,
        service_version integer NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        number_pattern text,
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (service_id, version),
        FOREIGN KEY (service_id, service_version) REFERENCES service_versions(service_id, version)
      )`);
    await q.query(`CREATE INDEX document_templates_created_by_idx ON document_templates (created_by_id) WHERE created_by_id IS NOT NULL`);
    // Templates are versions: an edit inserts a new row, so issued documents keep pointing at the text they were made from.
    await q.query(`
      CREATE FUNCTION document_templates_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'document_templates rows are immutable: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER document_templates_no_update BEFORE UPDATE OR DELETE ON document_templates FOR EACH ROW EXECUTE FUNCTION document_templates_immutable()`,
    );
    // One row per OPD (scope '') or per service template (scope 'service:<id>') and year, bumped
    // inside the issuing transaction: a rollback undoes the bump, so numbers have no gaps.
    await q.query(`
      CREATE TABLE letter_number_counters (
        opd_id uuid NOT NULL REFERENCES opds(id),
        scope text NOT NULL,
        year integer NOT NULL,
        last_seq integer NOT NULL,
        PRIMARY KEY (opd_id, scope, year)
      )`);
    await q.query(`
      CREATE TABLE issued_documents (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        opd_id uuid NOT NULL REFERENCES opds(id),
        service_id uuid NOT NULL,
        service_version integer NOT NULL,
        template_id uuid NOT NULL REFERENCES document_templates(id),
        template_version integer NOT NULL,
        number text NOT NULL UNIQUE,
        counter_scope text NOT NULL,
        year integer NOT NULL,
        seq integer NOT NULL,
        title text NOT NULL,
        verification_code text NOT NULL UNIQUE CHECK (verification_code ~ '^[A-Z2-7]{26}$'),
        storage_key text NOT NULL UNIQUE,
        size integer NOT NULL,
        sha256 text NOT NULL,
        signature_mode text NOT NULL CHECK (signature_mode IN ('personal', 'seal')),
        signer_kind text NOT NULL CHECK (signer_kind IN ('local', 'bsre')),
        signer_user_id uuid REFERENCES users(id),
        signer_name text NOT NULL,
        signer_nip text NOT NULL,
        signer_position text NOT NULL,
        applicant_name text NOT NULL,
        data jsonb NOT NULL,
        status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked', 'superseded')),
        issued_at timestamptz NOT NULL,
        issued_by_id uuid REFERENCES users(id),
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES users(id),
        revocation_reason text,
        supersedes_id uuid UNIQUE REFERENCES issued_documents(id),
        superseded_by_id uuid REFERENCES issued_documents(id),
        UNIQUE (opd_id, counter_scope, year, seq),
        FOREIGN KEY (service_id, service_version) REFERENCES service_versions(service_id, version),
        CHECK ((status = 'valid') = (revoked_at IS NULL))
      )`);
    await q.query(`CREATE INDEX issued_documents_case_idx ON issued_documents (case_id, issued_at)`);
    await q.query(`CREATE INDEX issued_documents_sha256_idx ON issued_documents (sha256)`);
    await q.query(`CREATE INDEX issued_documents_template_idx ON issued_documents (template_id)`);
    await q.query(`CREATE INDEX issued_documents_service_idx ON issued_documents (service_id, service_version)`);
    await q.query(
      `CREATE INDEX issued_documents_superseded_by_idx ON issued_documents (superseded_by_id) WHERE superseded_by_id IS NOT NULL`,
    );
    for (const col of ['signer_user_id', 'issued_by_id', 'revoked_by_id']) {
      await q.query(`CREATE INDEX issued_documents_${col}_idx ON issued_documents (${col}) WHERE ${col} IS NOT NULL`);
    }
    // A sign call that timed out after it was sent: the signer may or may not have signed.
    // Written after the issuing transaction rolled back; resolved by the next successful issuance.
    await q.query(`
      CREATE TABLE signing_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        user_id uuid REFERENCES users(id),
        signer_kind text NOT NULL CHECK (signer_kind IN ('local', 'bsre')),
        outcome text NOT NULL CHECK (outcome IN ('uncertain')),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX signing_attempts_open_idx ON signing_attempts (case_id) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX signing_attempts_user_idx ON signing_attempts (user_id) WHERE user_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'signing_attempts',
      'issued_documents',
      'letter_number_counters',
      'document_templates',
      'signatories',
      'opd_letterheads',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS document_templates_immutable()`);
  }
}

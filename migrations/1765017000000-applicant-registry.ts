import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One applicant across all OPDs (the once-only principle): `applicants` keyed by the NIK's
 * blind index (`cases.applicant_nik_bidx`, PiiCipher.nikIndex), never the NIK itself. Every
 * case's applicant is registered by a statement-level trigger (one INSERT per statement, so a
 * COPY of many cases costs one), and the existing ones now. The population (Dukcapil) check's
 * last answer is kept per applicant. `applicant_document_reuses` records each verified KTP/KK
 * reused for another application: the consent, who recorded it, and the source document (whose
 * check says where and by whom it was verified).
 */
export class ApplicantRegistry1765017000000 implements MigrationInterface {
  name = 'ApplicantRegistry1765017000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE applicants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        nik_bidx text NOT NULL UNIQUE,
        population_check text CHECK (population_check IN ('match', 'no_match')),
        population_checked_at timestamptz,
        population_checked_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX applicants_population_checked_by_idx ON applicants (population_checked_by_id) WHERE population_checked_by_id IS NOT NULL`,
    );
    await q.query(`INSERT INTO applicants (nik_bidx) SELECT DISTINCT applicant_nik_bidx FROM cases ON CONFLICT (nik_bidx) DO NOTHING`);
    await q.query(`
      CREATE FUNCTION register_applicants() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO applicants (nik_bidx) SELECT DISTINCT applicant_nik_bidx FROM new_cases ON CONFLICT (nik_bidx) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER cases_register_applicants AFTER INSERT ON cases
        REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION register_applicants()`);
    await q.query(`
      CREATE TABLE applicant_document_reuses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        applicant_id uuid NOT NULL REFERENCES applicants(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        document_id uuid NOT NULL UNIQUE REFERENCES case_documents(id),
        source_document_id uuid NOT NULL REFERENCES case_documents(id),
        consent_at timestamptz NOT NULL,
        recorded_by_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX applicant_document_reuses_case_idx ON applicant_document_reuses (case_id)`);
    await q.query(`CREATE INDEX applicant_document_reuses_applicant_idx ON applicant_document_reuses (applicant_id)`);
    await q.query(`CREATE INDEX applicant_document_reuses_source_idx ON applicant_document_reuses (source_document_id)`);
    await q.query(`CREATE INDEX applicant_document_reuses_recorded_by_idx ON applicant_document_reuses (recorded_by_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE applicant_document_reuses`);
    await q.query(`DROP TRIGGER cases_register_applicants ON cases`);
    await q.query(`DROP FUNCTION register_applicants()`);
    await q.query(`DROP TABLE applicants`);
  }
}

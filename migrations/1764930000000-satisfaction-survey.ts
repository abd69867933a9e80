import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

const ELEMENTS = ['requirements', 'procedure', 'time', 'cost', 'product', 'competence', 'behaviour', 'complaints', 'facilities'];

/**
 * Survei Kepuasan Masyarakat. A response carries no case id: `case_token` is HMAC-SHA256 of
 * the case id under a key of this installation (`survey_keys`), so a second submission for the
 * same case finds the first (UNIQUE) while no staff view can lead from a response back to the
 * case or the applicant. Responses are dated to the day only. `survey_totals` holds the sums
 * and counts per service, OPD and month, updated in the response's transaction, so the IKM
 * report reads a few hundred rows instead of every response; `survey_population` holds the
 * completed cases per service, OPD and month (the survey's population, for the sample check),
 * refreshed by a job.
 */
export class SatisfactionSurvey1764930000000 implements MigrationInterface {
  name = 'SatisfactionSurvey1764930000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE survey_keys (id smallint PRIMARY KEY CHECK (id = 1), key bytea NOT NULL)`);
    await q.query(`INSERT INTO survey_keys (id, key) VALUES (1, $1)`, [randomBytes(32)]);
    const score = (e: string) => `${e} smallint CHECK (${e} BETWEEN 1 AND 4)`;
    await q.query(`
      CREATE TABLE survey_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_token bytea NOT NULL UNIQUE,
        service_id uuid NOT NULL REFERENCES services(id),
        opd_id uuid NOT NULL REFERENCES opds(id),
        month date NOT NULL,
        submitted_on date NOT NULL,
        ${ELEMENTS.map(score).join(',\n        ')},
        suggestion text,
        age_band text,
        sex text,
        education text,
        occupation text
      )`);
    await q.query(`CREATE INDEX survey_responses_service_idx ON survey_responses (service_id, month)`);
    await q.query(`CREATE INDEX survey_responses_opd_idx ON survey_responses (opd_id, month)`);
    await q.query(`CREATE INDEX survey_responses_suggestion_idx ON survey_responses (month DESC, id) WHERE suggestion IS NOT NULL`);
    await q.query(`
      CREATE TABLE survey_totals (
        service_id uuid NOT NULL REFERENCES services(id),
        opd_id uuid NOT NULL REFERENCES opds(id),
        month date NOT NULL,
        respondents integer NOT NULL DEFAULT 0,
        ${ELEMENTS.map((e) => `${e}_sum integer NOT NULL DEFAULT 0, ${e}_n integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (service_id, opd_id, month)
      )`);
    await q.query(`CREATE INDEX survey_totals_opd_idx ON survey_totals (opd_id, month)`);
    await q.query(`CREATE INDEX survey_totals_month_idx ON survey_totals (month)`);
    await q.query(`
      CREATE TABLE survey_population (
        service_id uuid NOT NULL REFERENCES services(id),
        opd_id uuid NOT NULL REFERENCES opds(id),
        month date NOT NULL,
        completed integer NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service_id, opd_id, month)
      )`);
    await q.query(`CREATE INDEX survey_population_opd_idx ON survey_population (opd_id, month)`);
    await q.query(`CREATE INDEX survey_population_month_idx ON survey_population (month)`);
    // The population job counts completions by month; without this it reads every case.
    await q.query(`CREATE INDEX cases_completed_idx ON cases (completed_at, service_id, opd_id) WHERE completed_at IS NOT NULL`);
    for (const t of SURVEY_MAILS) {
      await q.query(
        `UPDATE notification_templates SET body = replace(body, $1, $1 || $2)
          WHERE event = $3 AND channel = 'email' AND locale = $4 AND position($1 in body) > 0 AND position('{{surveyUrl}}' in body) = 0`,
        [t.anchor, SURVEY_LINES[t.locale], t.event, t.locale],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of SURVEY_MAILS) {
      await q.query(
        `UPDATE notification_templates SET body = replace(body, $1 || $2, $1) WHERE event = $3 AND channel = 'email' AND locale = $4`,
        [t.anchor, SURVEY_LINES[t.locale], t.event, t.locale],
      );
    }
    await q.query(`DROP INDEX IF EXISTS cases_completed_idx`);
    for (const t of ['survey_population', 'survey_totals', 'survey_responses', 'survey_keys']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}

// The completion and rejection mails invite to the survey (PermenPAN-RB 14/2017: the applicant
// fills the SKM after the service). Only texts still as first seeded are changed; an
// administrator's edits stay, and `down` restores exactly these.
export const SURVEY_LINES = {
  id: '\n\nBantu kami memperbaiki layanan: isi Survei Kepuasan Masyarakat (2 menit) di {{surveyUrl}}',
  en: '\n\nHelp us improve: take the two-minute satisfaction survey at {{surveyUrl}}',
};
export const SURVEY_MAILS: { event: 'completed' | 'rejected'; locale: 'id' | 'en'; anchor: string }[] = [
  { event: 'completed', locale: 'id', anchor: 'Unduh atau lihat dokumen Anda di {{downloadUrl}}.' },
  { event: 'completed', locale: 'en', anchor: 'Download or view your document at {{downloadUrl}}.' },
  { event: 'rejected', locale: 'id', anchor: 'Bila Anda keberatan, sampaikan pengaduan melalui kanal pengaduan layanan.' },
  { event: 'rejected', locale: 'en', anchor: "If you disagree, please use the service's complaint channel." },
];

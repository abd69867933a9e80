import { Injectable } from '@nestjs/common';
import { SKM_ELEMENTS, type RespondentProfile, type SkmElement } from '@layanan/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../common/database/prepared';
import { SqlArgs } from '../common/database/sql-args';

type Db = DataSource | EntityManager;

/** A response as the citizen who gave it sees it again. */
export interface SurveyResponseRow {
  submitted_on: string;
  scores: Record<SkmElement, number>;
  suggestion: string | null;
}

/**
 * One group of the report, summed in SQL: `kind` says which (GROUPING over month, service,
 * OPD): 'month', 'service' (a service in its OPD), 'opd' or 'total'; the other keys are null.
 */
export type IkmGroupRow = {
  kind: 'month' | 'service' | 'opd' | 'total';
  month: string | null;
  service_id: string | null;
  service_name: string | null;
  opd_id: string | null;
  opd_name: string | null;
  respondents: number;
  population: number;
} & Record<`${SkmElement}_${'sum' | 'n'}`, number>;

/** One month, service and OPD of survey totals (the transparency page's cells). */
export type IkmCellRow = {
  month: string;
  service_id: string;
  opd_id: string;
  respondents: number;
  population: number;
} & Record<`${SkmElement}_${'sum' | 'n'}`, number>;

export interface SuggestionRow {
  id: string;
  month: string;
  service_id: string;
  service_name: string;
  opd_name: string;
  suggestion: string;
}

export interface NewSurveyResponse {
  token: Buffer;
  serviceId: string;
  opdId: string;
  scores: Record<SkmElement, number>;
  suggestion: string | null;
  profile: RespondentProfile;
}

const SCORES_JSON = `json_build_object(${SKM_ELEMENTS.map((e) => `'${e}', ${e}`).join(', ')})`;
const JAKARTA_TODAY = `(now() AT TIME ZONE 'Asia/Jakarta')::date`;
const TOTAL_COLUMNS = SKM_ELEMENTS.flatMap((e) => [`${e}_sum`, `${e}_n`]);

/** Every statement on the survey tables. */
@Injectable()
export class SatisfactionRepository {
  constructor(private readonly db: DataSource) {}

  /** The installation's token key (created by the migration). */
  async tokenKey(): Promise<Buffer> {
    const [row] = await this.db.query<{ key: Buffer }[]>(`SELECT key FROM survey_keys WHERE id = 1`);
    return row.key;
  }

  async responseByToken(token: Buffer, m: Db = this.db): Promise<SurveyResponseRow | undefined> {
    const [row] = await m.query<SurveyResponseRow[]>(
      `SELECT to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on, ${SCORES_JSON} AS scores, suggestion
         FROM survey_responses WHERE case_token = $1`,
      [token],
    );
    return row;
  }

  /**
   * Stores the response and adds it to its month's totals in one transaction; returns false
   * (nothing written) when the case already has one: the UNIQUE token decides, so two
   * simultaneous submissions cannot both count.
   */
  async insert(m: EntityManager, r: NewSurveyResponse): Promise<boolean> {
    const args = new SqlArgs();
    const scoreValues = SKM_ELEMENTS.map((e) => args.add(r.scores[e]));
    const inserted = await m.query<{ id: string }[]>(
      `INSERT INTO survey_responses (case_token, service_id, opd_id, month, submitted_on, ${SKM_ELEMENTS.join(', ')},
                                     suggestion, age_band, sex, education, occupation)
       VALUES (${args.add(r.token)}, ${args.add(r.serviceId)}, ${args.add(r.opdId)},
               date_trunc('month', ${JAKARTA_TODAY})::date, ${JAKARTA_TODAY}, ${scoreValues.join(', ')},
               ${args.add(r.suggestion)}, ${args.add(r.profile.ageBand ?? null)}, ${args.add(r.profile.sex ?? null)},
               ${args.add(r.profile.education ?? null)}, ${args.add(r.profile.occupation ?? null)})
       ON CONFLICT (case_token) DO NOTHING
       RETURNING id`,
      args.values,
    );
    if (!inserted.length) return false;
    const t = new SqlArgs();
    const service = t.add(r.serviceId);
    const opd = t.add(r.opdId);
    const values = SKM_ELEMENTS.flatMap((e) => [t.add(r.scores[e]), t.add(1)]);
    await m.query(
      `INSERT INTO survey_totals (service_id, opd_id, month, respondents, ${TOTAL_COLUMNS.join(', ')})
       VALUES (${service}, ${opd}, date_trunc('month', ${JAKARTA_TODAY})::date, 1, ${values.join(', ')})
       ON CONFLICT (service_id, opd_id, month) DO UPDATE SET respondents = survey_totals.respondents + 1,
         ${TOTAL_COLUMNS.map((c) => `${c} = survey_totals.${c} + EXCLUDED.${c}`).join(', ')}`,
      t.values,
    );
    return true;
  }

  /**
   * The report's groups — each month, each service in its OPD, each OPD, and all — over the
   * months [from, to] (first days of months) of the OPDs `scope` (an `abilityToSql` fragment on
   * `opd_id`, bound through `args`) allows: `survey_totals` with `survey_population`, summed in one
   * statement (GROUPING SETS), so the API gets some eighty rows of integers, not every service
   * and month to add up itself. The grand total is there also when nothing matched (zeros).
   */
  async totals(
    args: SqlArgs,
    scope: (column: string) => string,
    from: string,
    to: string,
    filter: { opdId?: string; serviceId?: string },
  ): Promise<IkmGroupRow[]> {
    const range = (alias: string) => {
      let w = `${alias}.month >= ${args.add(from)}::date AND ${alias}.month <= ${args.add(to)}::date AND ${scope(`${alias}.opd_id`)}`;
      if (filter.opdId) w += ` AND ${alias}.opd_id = ${args.add(filter.opdId)}`;
      if (filter.serviceId) w += ` AND ${alias}.service_id = ${args.add(filter.serviceId)}`;
      return w;
    };
    // A handful of shapes (city-wide, one OPD, filters): prepared, so the report is not re-planned each time.
    return await preparedQuery<IkmGroupRow>(
      this.db,
      `WITH t AS (SELECT * FROM survey_totals t WHERE ${range('t')}),
            p AS (SELECT service_id, opd_id, month, completed FROM survey_population p WHERE ${range('p')}),
            x AS (SELECT service_id, opd_id, month, coalesce(t.respondents, 0) AS respondents, coalesce(p.completed, 0) AS population,
                         ${TOTAL_COLUMNS.map((c) => `coalesce(t.${c}, 0) AS ${c}`).join(', ')}
                    FROM t FULL JOIN p USING (service_id, opd_id, month))
       SELECT CASE GROUPING(x.month, x.service_id, x.opd_id) WHEN 3 THEN 'month' WHEN 4 THEN 'service' WHEN 6 THEN 'opd' ELSE 'total' END AS kind,
              to_char(x.month, 'YYYY-MM') AS month, x.service_id, v.name AS service_name, x.opd_id, o.short_name AS opd_name,
              coalesce(sum(x.respondents), 0)::int AS respondents, coalesce(sum(x.population), 0)::int AS population,
              ${TOTAL_COLUMNS.map((c) => `coalesce(sum(x.${c}), 0)::int AS ${c}`).join(', ')}
         FROM x
         JOIN services s ON s.id = x.service_id
         JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version
         JOIN opds o ON o.id = x.opd_id
        GROUP BY GROUPING SETS ((x.month), (x.service_id, v.name, x.opd_id, o.short_name), (x.opd_id, o.short_name), ())`,
      args.values,
    );
  }

  /** Every month, service and OPD of [from, to] (YYYY-MM-01 dates), unscoped: the public page suppresses small cells. */
  async cells(from: string, to: string): Promise<IkmCellRow[]> {
    return await this.db.query<IkmCellRow[]>(
      `SELECT to_char(t.month, 'YYYY-MM') AS month, t.service_id, t.opd_id, t.respondents, coalesce(p.completed, 0)::int AS population,
              ${TOTAL_COLUMNS.map((c) => `t.${c}`).join(', ')}
         FROM survey_totals t LEFT JOIN survey_population p USING (service_id, opd_id, month)
        WHERE t.month >= $1::date AND t.month <= $2::date`,
      [from, to],
    );
  }

  async suggestions(
    args: SqlArgs,
    scope: (column: string) => string,
    from: string,
    to: string,
    filter: { opdId?: string; serviceId?: string },
    limit: number,
  ) {
    let where = `r.suggestion IS NOT NULL AND r.month >= ${args.add(from)}::date AND r.month <= ${args.add(to)}::date AND ${scope('r.opd_id')}`;
    if (filter.opdId) where += ` AND r.opd_id = ${args.add(filter.opdId)}`;
    if (filter.serviceId) where += ` AND r.service_id = ${args.add(filter.serviceId)}`;
    return await this.db.query<SuggestionRow[]>(
      `SELECT r.id, to_char(r.month, 'YYYY-MM') AS month, r.service_id, v.name AS service_name, o.short_name AS opd_name, r.suggestion
         FROM survey_responses r
         JOIN services s ON s.id = r.service_id
         JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version
         JOIN opds o ON o.id = r.opd_id
        WHERE ${where} ORDER BY r.month DESC, r.id LIMIT ${Number(limit)}`,
      args.values,
    );
  }

  /** Replaces the population counts of the months from `since` (YYYY-MM-01) on. */
  async replacePopulation(
    since: string,
    counts: { service_id: string; opd_id: string; month: string; completed: number }[],
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM survey_population WHERE month >= $1::date`, [since]);
      if (!counts.length) return;
      await m.query(
        `INSERT INTO survey_population (service_id, opd_id, month, completed)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::int[])`,
        [counts.map((c) => c.service_id), counts.map((c) => c.opd_id), counts.map((c) => c.month), counts.map((c) => c.completed)],
      );
    });
  }

  /** The first month the population table lacks a fresh count for: all months when it is empty. */
  async populationRefreshedSince(): Promise<string | null> {
    const [row] = await this.db.query<
      {
        month: string | null;
      }[]
    >(`SELECT to_char(max(month), 'YYYY-MM-DD') AS month FROM survey_population`);
    return row.month;
  }
}

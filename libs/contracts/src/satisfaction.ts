// Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017): the nine elements, the 1–4 scale, the
// optional respondent profile, and the index (IKM) computed exactly. Shared by the API (which
// validates and reports), the portal (the form) and the console (the report).

/** U1–U9 in the regulation's order. */
export const SKM_ELEMENTS = [
  'requirements',
  'procedure',
  'time',
  'cost',
  'product',
  'competence',
  'behaviour',
  'complaints',
  'facilities',
] as const;
export type SkmElement = (typeof SKM_ELEMENTS)[number];

export const SKM_MIN_SCORE = 1;
export const SKM_MAX_SCORE = 4;

export const AGE_BANDS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export const SEXES = ['male', 'female'] as const;
export const EDUCATIONS = ['none', 'sd', 'smp', 'sma', 'd1-d3', 'd4-s1', 's2+'] as const;
export const OCCUPATIONS = ['pns', 'tni-polri', 'private', 'self-employed', 'student', 'other'] as const;

export interface RespondentProfile {
  ageBand?: (typeof AGE_BANDS)[number];
  sex?: (typeof SEXES)[number];
  education?: (typeof EDUCATIONS)[number];
  occupation?: (typeof OCCUPATIONS)[number];
}

/** POST /api/public/track/:code/survey (with the tracking factor). */
export interface SurveyInput {
  factor: string;
  scores: Record<SkmElement, number>;
  suggestion?: string;
  profile?: RespondentProfile;
}

/** What the citizen sees of their own response (nothing that names them). */
export interface SurveyReceipt {
  submittedOn: string;
  scores: Record<SkmElement, number>;
  suggestion: string | null;
  /** false on a repeated submission: the first response stands. */
  created: boolean;
}

/** The survey's state for one case, as the tracking page shows it. */
export type SurveyStatus = 'not_yet' | 'open' | 'submitted';

export const SUGGESTION_MAX_LENGTH = 2000;

/** Each problem of a survey's scores, by field (`scores.<element>`), or [] when all nine are 1–4. */
export function surveyScoreProblems(scores: unknown): { field: string; message: string }[] {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores))
    return [{ field: 'scores', message: 'must be an object with the nine elements' }];
  const given = scores as Record<string, unknown>;
  const problems: { field: string; message: string }[] = [];
  for (const e of SKM_ELEMENTS) {
    const v = given[e];
    if (v === undefined || v === null) problems.push({ field: `scores.${e}`, message: 'is missing' });
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < SKM_MIN_SCORE || v > SKM_MAX_SCORE)
      problems.push({ field: `scores.${e}`, message: `must be an integer from ${SKM_MIN_SCORE} to ${SKM_MAX_SCORE}` });
  }
  for (const k of Object.keys(given))
    if (!(SKM_ELEMENTS as readonly string[]).includes(k)) problems.push({ field: `scores.${k}`, message: 'is not an SKM element' });
  return problems;
}

/** Per element: the sum of the scores given and how many respondents answered it. */
export type ElementTotals = Record<SkmElement, { sum: number; answered: number }>;

export type IkmGrade = 'A' | 'B' | 'C' | 'D';

export interface IkmResult {
  respondents: number;
  /** NRR per element (1–4), null when nobody answered it. */
  nrr: Record<SkmElement, number | null>;
  /** 25–100, rounded to 2 decimals at the end; null without answers. */
  ikm: number | null;
  grade: IkmGrade | null;
}

export function emptyTotals(): ElementTotals {
  return Object.fromEntries(SKM_ELEMENTS.map((e) => [e, { sum: 0, answered: 0 }])) as ElementTotals;
}

/** Totals of several groups (months, services): sums and counts add, so the combined NRR stays exact. */
export function addTotals(a: ElementTotals, b: ElementTotals): ElementTotals {
  return Object.fromEntries(
    SKM_ELEMENTS.map((e) => [e, { sum: a[e].sum + b[e].sum, answered: a[e].answered + b[e].answered }]),
  ) as ElementTotals;
}

/**
 * IKM per PermenPAN-RB 14/2017: NRR_i = Σ scores ÷ respondents who answered element i;
 * IKM = Σ NRR_i × (1/9) × 25, i.e. the mean of the nine NRRs × 25. The weight is exactly 1/9
 * (the printed 0.11 understates every score); nothing is rounded before the end. An element
 * nobody answered leaves the index undefined (null) rather than silently re-weighting.
 */
export function computeIkm(totals: ElementTotals, respondents: number): IkmResult {
  const nrr = Object.fromEntries(
    SKM_ELEMENTS.map((e) => [e, totals[e].answered > 0 ? totals[e].sum / totals[e].answered : null]),
  ) as Record<SkmElement, number | null>;
  const values = SKM_ELEMENTS.map((e) => nrr[e]);
  if (values.some((v) => v === null)) return { respondents, nrr, ikm: null, grade: null };
  const mean = (values as number[]).reduce((s, v) => s + v, 0) / SKM_ELEMENTS.length;
  const ikm = Math.round(mean * 25 * 100) / 100;
  return { respondents, nrr, ikm, grade: ikmGrade(ikm) };
}

/** The regulation's bands on the 2-decimal IKM: ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D. */
export function ikmGrade(ikm: number): IkmGrade {
  if (ikm >= 88.31) return 'A';
  if (ikm >= 76.61) return 'B';
  if (ikm >= 65) return 'C';
  return 'D';
}

/**
 * Krejcie & Morgan's minimum sample for a population of N (χ² = 3.841, P = 0.5, d = 0.05),
 * rounded up: 1,000 → 278; it tends to 384 for very large N. 0 for an empty population.
 */
export function minimumSample(population: number): number {
  if (population <= 0) return 0;
  const chi = 3.841;
  const pq = 0.25;
  return Math.min(population, Math.ceil((chi * population * pq) / (0.0025 * (population - 1) + chi * pq)));
}

export interface IkmFigures extends IkmResult {
  /** Completed cases (issued, collected, rejected) in the scope and period: the survey's population. */
  population: number;
  minimumSample: number;
  /** respondents < minimumSample: the index is not representative yet. */
  sampleTooSmall: boolean;
}

export interface IkmPeriodRow extends IkmFigures {
  /** YYYY-MM (Asia/Jakarta). */
  month: string;
}
export interface IkmServiceRow extends IkmFigures {
  serviceId: string;
  serviceName: string;
  opdId: string;
  opdName: string;
}
export interface IkmOpdRow extends IkmFigures {
  opdId: string;
  opdName: string;
}

/** GET /api/satisfaction/ikm */
export interface IkmReport {
  from: string;
  to: string;
  total: IkmFigures;
  byMonth: IkmPeriodRow[];
  byService: IkmServiceRow[];
  byOpd: IkmOpdRow[];
}

/** One suggestion, as staff see it: no case, no name, no date finer than the month. */
export interface SurveySuggestionView {
  id: string;
  month: string;
  serviceId: string;
  serviceName: string;
  opdName: string;
  text: string;
}

/** Combined figures for a group, with the sample check. */
export function ikmFigures(totals: ElementTotals, respondents: number, population: number): IkmFigures {
  const min = minimumSample(population);
  return { ...computeIkm(totals, respondents), population, minimumSample: min, sampleTooSmall: respondents < min };
}

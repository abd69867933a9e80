// Reports for heads and leadership and the public transparency page: the figures' shared
// definitions (buckets, constants, response shapes). Each figure's formula and exclusions are
// in docs/REPORTS.md; the SQL that computes them is in the API's repositories.

/** The event that sends a file back to the applicant (built-in workflows). */
export const RETURN_EVENT = 'RETURN';
/** The state of a withdrawn application: closed, but not a service outcome (excluded from SLA figures). */
export const WITHDRAWN_STATE = 'withdrawn';
/** Office hours 08:00–16:00 WIB (libs/sla DEFAULT_OFFICE_HOURS): a working day has 480 minutes. */
export const OPENS_AT_MINUTE = 480;
export const WORKING_DAY_MINUTES = 480;

/** Backlog age in working days: upper bounds of 0–2, 3–5, 6–10, 11–20; the last bucket is 21+. */
export const AGE_BUCKET_UPPER = [2, 5, 10, 20] as const;
export const AGE_BUCKETS = ['0-2', '3-5', '6-10', '11-20', '21+'] as const;
/** Share of the SLA time used: < 50 %, 50–80 %, 80–100 %, > 100 % (past the due date). */
export const SLA_BUCKETS = ['<50', '50-80', '80-100', '>100'] as const;
/** Public cells with fewer cases than this are suppressed. */
export const TRANSPARENCY_MIN_CELL = 5;
/** XLSX exports stop at this many rows (CSV has no cap). */
export const XLSX_ROW_CAP = 100_000;

export const REPORT_NAMES = ['sla', 'backlog', 'stages', 'throughput', 'officers', 'services', 'opds'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export type ReportGrain = 'week' | 'month';

/** A report's period and scope: WIB dates, `to` inclusive. */
export interface ReportQuery {
  from?: string;
  to?: string;
  opdId?: string;
  serviceId?: string;
  grain?: ReportGrain;
}

interface ReportMeta {
  from: string;
  to: string;
  /** When the rollups were last refreshed (figures are at most that old). */
  asOf: string | null;
}

export interface SlaFigures {
  closed: number;
  closedOnTime: number;
  /** closedOnTime ÷ closed; null when nothing closed. */
  compliance: number | null;
  withdrawn: number;
  open: number;
  openOverdue: number;
}
export interface SlaReport extends ReportMeta, SlaFigures {}

export interface BacklogBucket {
  bucket: string;
  open: number;
  overdue: number;
  /** Drill-down: the submission instants of this age bucket (age buckets only). */
  submittedFrom?: string | null;
  submittedTo?: string | null;
}
export interface BacklogReport extends ReportMeta {
  open: number;
  overdue: number;
  waiting: number;
  age: BacklogBucket[];
  sla: BacklogBucket[];
}

export interface StageRow {
  state: string;
  waiting: boolean;
  n: number;
  medianHours: number;
  p90Hours: number;
  meanHours: number;
}
export interface StagesReport extends ReportMeta {
  stages: StageRow[];
}

export interface ThroughputPoint {
  period: string;
  received: number;
  closed: number;
}
export interface ThroughputReport extends ReportMeta {
  grain: ReportGrain;
  series: ThroughputPoint[];
  received: number;
  closed: number;
  channel: { online: number; counter: number };
  returned: number;
  /** Cases received in the period returned at least once ÷ received. */
  returnedRate: number | null;
  topReturnReasons: { reason: string; n: number }[];
}

export interface OfficerRow {
  userId: string;
  name: string;
  opdId: string;
  opdName: string;
  open: number;
  overdue: number;
  steps: number;
}
export interface OfficersReport extends ReportMeta {
  officers: OfficerRow[];
}

export interface ScopeRow extends SlaFigures {
  opdId: string;
  opdName: string;
  received: number;
  medianDays: number | null;
}
export interface ServiceRow extends ScopeRow {
  serviceId: string;
  serviceName: string;
}
export interface ServicesReport extends ReportMeta {
  rows: ServiceRow[];
}
export interface OpdsReport extends ReportMeta {
  rows: ScopeRow[];
}

/** One public cell: a service of an OPD in a month. Counts below the minimum are null. */
export interface TransparencyRow {
  month: string;
  opdCode: string;
  opdName: string;
  serviceCode: string;
  serviceName: string;
  received: number | null;
  completed: number | null;
  onTimePct: number | null;
  medianWorkingDays: number | null;
  /** Survey respondents (SKM) of the cell's completed cases; null below the minimum. */
  ikmRespondents: number | null;
  /** IKM 25–100 (PermenPAN-RB 14/2017), two decimals; null with too few respondents. */
  ikm: number | null;
  ikmGrade: 'A' | 'B' | 'C' | 'D' | null;
}
export interface TransparencyReport {
  year: number;
  generatedAt: string;
  minCell: number;
  rows: TransparencyRow[];
}

// Background case-list exports (docs/REPORTS.md, "Background exports"): the job as the owner
// sees it. Only its owner sees or downloads it.

export const EXPORT_JOB_STATUSES = ['queued', 'running', 'ready', 'failed', 'expired'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/**
 * Why a job failed (the console translates these): the owner lost the right to read cases or
 * was deactivated, the instance running it died more often than retries allow, the file store
 * or the database failed while writing.
 */
export const EXPORT_JOB_ERRORS = ['FORBIDDEN', 'EXPORT_INTERRUPTED', 'SERVICE_UNAVAILABLE', 'INTERNAL'] as const;
export type ExportJobError = (typeof EXPORT_JOB_ERRORS)[number];

/** Default row count from which a case-list CSV runs as a background job (EXPORT_BACKGROUND_ROWS). */
export const EXPORT_BACKGROUND_ROWS = 50_000;

export interface ExportJobView {
  id: string;
  status: ExportJobStatus;
  /** The list's filter and sort, as GET /api/cases takes them (a NIK search shows as `q: "NIK"`). */
  filter: Record<string, unknown>;
  sort: [string, string] | null;
  gzip: boolean;
  rowsWritten: number;
  /** The list's row count when the job started (progress = rowsWritten / rowsExpected). */
  rowsExpected: number | null;
  bytes: number;
  errorCode: ExportJobError | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** When a ready file is deleted. */
  expiresAt: string | null;
  /** The file's name on download. */
  fileName: string | null;
}

/** How big a case list is, counted up to the background threshold (GET /api/exports/cases/size). */
export interface ExportSizeView {
  /** Rows counted, at most `threshold` + 1. */
  atLeast: number;
  threshold: number;
  /** True when the list has more rows than the threshold: export it as a background job. */
  background: boolean;
}

import { registerAs } from '@nestjs/config';
import { EXPORT_BACKGROUND_ROWS, XLSX_ROW_CAP } from '@layanan/contracts';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { validateConfig } from './validate-config';

// Reads the raw environment string: implicit conversion has already turned "false" into true.
const toBool = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  if (typeof raw !== 'string') return raw;
  const v = raw.trim().toLowerCase();
  return ['1', 'true', 'yes'].includes(v) ? true : ['0', 'false', 'no', ''].includes(v) ? false : raw;
};

class AppEnv {
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  PORT: number = 3000;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Demo mode: seeds Kota Malang demo data and enables the documented demo logins. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO_MODE?: boolean;

  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  DEMO_PASSWORD: string = 'malang-demo-2026';

  /** Folder for uploads and (in embedded mode) PostgreSQL data. */
  @IsString()
  DATA_DIR: string = '.data';

  @IsOptional()
  @IsString()
  CORS_ORIGIN?: string;

  /** Run PostgreSQL-backed jobs (SLA escalation) in this process. */
  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED: boolean = true;

  /** Refresh the report rollups on this instance (by default as JOBS_ENABLED). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  REPORT_ROLLUP_ENABLED?: boolean;

  /** Largest accepted upload (one document), in bytes. */
  @IsInt({ message: 'must be an integer number of bytes between 1024 and 104857600' })
  @Min(1024, { message: 'must be an integer number of bytes between 1024 and 104857600' })
  @Max(104_857_600, { message: 'must be an integer number of bytes between 1024 and 104857600' })
  UPLOAD_MAX_BYTES: number = 10_485_760;

  /** A file announced this many minutes ago whose request never settled it belongs to a dead request (the sweep's cut-off). */
  @IsInt({ message: 'must be an integer number of minutes between 0 and 1440' })
  @Min(0, { message: 'must be an integer number of minutes between 0 and 1440' })
  @Max(1440, { message: 'must be an integer number of minutes between 0 and 1440' })
  FILE_SWEEP_AFTER_MINUTES: number = 10;

  /** The most rows an XLSX export holds (CSV has no cap); above it the export answers EXPORT_TOO_LARGE. */
  @IsInt({ message: 'must be an integer number of rows between 1 and 1000000' })
  @Min(1, { message: 'must be an integer number of rows between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer number of rows between 1 and 1000000' })
  XLSX_ROW_CAP: number = XLSX_ROW_CAP;

  /** A case-list CSV of more rows than this runs as a background job (the console asks first). */
  @IsInt({ message: 'must be an integer number of rows between 1 and 10000000' })
  @Min(1, { message: 'must be an integer number of rows between 1 and 10000000' })
  @Max(10_000_000, { message: 'must be an integer number of rows between 1 and 10000000' })
  EXPORT_BACKGROUND_ROWS: number = EXPORT_BACKGROUND_ROWS;

  /** How long a finished background export's file is kept before the sweep deletes it. */
  @IsInt({ message: 'must be an integer number of hours between 1 and 720' })
  @Min(1, { message: 'must be an integer number of hours between 1 and 720' })
  @Max(720, { message: 'must be an integer number of hours between 1 and 720' })
  EXPORT_TTL_HOURS: number = 72;

  /** A running export whose heartbeat is older than this belongs to a dead instance (the sweep requeues or fails it). */
  @IsInt({ message: 'must be an integer number of seconds between 10 and 3600' })
  @Min(10, { message: 'must be an integer number of seconds between 10 and 3600' })
  @Max(3600, { message: 'must be an integer number of seconds between 10 and 3600' })
  EXPORT_STALE_SECONDS: number = 120;

  /** Runs of one export before a dead instance's job is failed (EXPORT_INTERRUPTED) instead of requeued. */
  @IsInt({ message: 'must be an integer between 1 and 10' })
  @Min(1, { message: 'must be an integer between 1 and 10' })
  @Max(10, { message: 'must be an integer between 1 and 10' })
  EXPORT_MAX_ATTEMPTS: number = 3;
}

export interface AppConfig {
  port: number;
  env: string;
  logLevel: string;
  demoMode: boolean;
  demoPassword: string;
  dataDir: string;
  corsOrigin: string | null;
  jobsEnabled: boolean;
  reportRollupEnabled: boolean;
  uploadMaxBytes: number;
  fileSweepAfterMinutes: number;
  xlsxRowCap: number;
  exportBackgroundRows: number;
  exportTtlHours: number;
  exportStaleSeconds: number;
  exportMaxAttempts: number;
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const v = validateConfig(AppEnv, env);
  return {
    port: v.PORT,
    env: v.NODE_ENV,
    logLevel: v.LOG_LEVEL,
    demoMode: v.DEMO_MODE ?? false,
    demoPassword: v.DEMO_PASSWORD,
    dataDir: v.DATA_DIR,
    corsOrigin: v.CORS_ORIGIN ?? null,
    jobsEnabled: v.JOBS_ENABLED,
    reportRollupEnabled: v.REPORT_ROLLUP_ENABLED ?? v.JOBS_ENABLED,
    uploadMaxBytes: v.UPLOAD_MAX_BYTES,
    fileSweepAfterMinutes: v.FILE_SWEEP_AFTER_MINUTES,
    xlsxRowCap: v.XLSX_ROW_CAP,
    exportBackgroundRows: v.EXPORT_BACKGROUND_ROWS,
    exportTtlHours: v.EXPORT_TTL_HOURS,
    exportStaleSeconds: v.EXPORT_STALE_SECONDS,
    exportMaxAttempts: v.EXPORT_MAX_ATTEMPTS,
  };
}

export const appConfig = registerAs('app', () => loadAppConfig());

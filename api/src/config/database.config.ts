import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { validateConfig } from './validate-config';

class DatabaseEnv {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * A streaming replica for reads that may lag (reports, dashboards, exports). Unset: those
   * reads use DATABASE_URL like everything else.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  READ_DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 20;

  @IsInt()
  @Min(1)
  @Max(200)
  READ_DB_POOL_SIZE: number = 10;

  /** API requests in progress per process before more are refused with 503 (unset: 2 × DB_POOL_SIZE). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  MAX_IN_FLIGHT?: number;

  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 54329;
}

export interface DatabaseConfig {
  /** Unset: main.ts starts the embedded PostgreSQL and fills this in before Nest boots. */
  url: string | null;
  poolSize: number;
  /** The replica for lagging reads, or null: they go to `url`. */
  readUrl: string | null;
  readPoolSize: number;
  /** Admission control: API requests in progress per process (bootstrap.ts, registerAdmission). */
  maxInFlight: number;
  embeddedPort: number;
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const v = validateConfig(DatabaseEnv, env);
  return {
    url: v.DATABASE_URL ?? null,
    poolSize: v.DB_POOL_SIZE,
    readUrl: v.READ_DATABASE_URL ?? null,
    readPoolSize: v.READ_DB_POOL_SIZE,
    maxInFlight: v.MAX_IN_FLIGHT ?? 2 * v.DB_POOL_SIZE,
    embeddedPort: v.EMBEDDED_PG_PORT,
  };
}

export const databaseConfig = registerAs('database', () => loadDatabaseConfig());

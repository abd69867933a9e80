import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { validateConfig } from './validate-config';

class DatabaseEnv {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 20;

  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 54329;
}

export interface DatabaseConfig {
  /** Unset: main.ts starts the embedded PostgreSQL and fills this in before Nest boots. */
  url: string | null;
  poolSize: number;
  embeddedPort: number;
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const v = validateConfig(DatabaseEnv, env);
  return { url: v.DATABASE_URL ?? null, poolSize: v.DB_POOL_SIZE, embeddedPort: v.EMBEDDED_PG_PORT };
}

export const databaseConfig = registerAs('database', () => loadDatabaseConfig());

import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigValidationError, validateConfig } from './validate-config';

class AuthEnv {
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(300)
  @Max(60 * 60 * 24 * 90)
  REFRESH_TOKEN_TTL_SECONDS: number = 60 * 60 * 24 * 7;

  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt()
  @Min(10)
  @Max(86400)
  LOGIN_LOCK_SECONDS: number = 900;

  /**
   * Login attempts per minute from one address. A Mal Pelayanan Publik has every desk behind one
   * NAT address, so this is generous; guessing is stopped per account by the lockout.
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_RATE_PER_IP: number = 600;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTtl: number;
  refreshTtl: number;
  maxFailures: number;
  lockSeconds: number;
  loginRatePerIp: number;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const v = validateConfig(AuthEnv, env);
  // Outside demo mode a secret must be configured; demo mode gets one generated and kept
  // under DATA_DIR by main.ts (it sets JWT_SECRET before Nest boots).
  if (!v.JWT_SECRET) throw new ConfigValidationError('Invalid configuration: JWT_SECRET must be set (at least 32 characters)');
  return {
    jwtSecret: v.JWT_SECRET,
    accessTtl: v.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtl: v.REFRESH_TOKEN_TTL_SECONDS,
    maxFailures: v.LOGIN_MAX_FAILURES,
    lockSeconds: v.LOGIN_LOCK_SECONDS,
    loginRatePerIp: v.LOGIN_RATE_PER_IP,
  };
}

export const authConfig = registerAs('auth', () => loadAuthConfig());

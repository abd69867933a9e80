import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ConfigValidationError, validateConfig } from './validate-config';

class ComplaintsEnv {
  /** SP4N-LAPOR!'s integration API (credentials from LAPOR!'s administrators). Unset: the bridge is off. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  LAPOR_URL?: string;
  /** The instance's KEYTOKEN, sent as the `token` header. */
  @IsOptional() @IsString() LAPOR_TOKEN?: string;
  @IsInt() @Min(1000) @Max(120_000) LAPOR_TIMEOUT_MS: number = 15_000;
  /** How often forwarded complaints' statuses are mirrored from LAPOR! (0: never by timer). */
  @IsInt() @Min(0) @Max(86_400_000) LAPOR_MIRROR_MS: number = 900_000;
}

export interface ComplaintsConfig {
  lapor: { url: string; token: string; timeoutMs: number; mirrorMs: number } | null;
}

export function loadComplaintsConfig(env: NodeJS.ProcessEnv = process.env): ComplaintsConfig {
  const v = validateConfig(ComplaintsEnv, env);
  if (Boolean(v.LAPOR_URL) !== Boolean(v.LAPOR_TOKEN))
    throw new ConfigValidationError('Invalid configuration: LAPOR_URL and LAPOR_TOKEN must be set together');
  return {
    lapor:
      v.LAPOR_URL && v.LAPOR_TOKEN
        ? { url: v.LAPOR_URL.replace(/\/+$/, ''), token: v.LAPOR_TOKEN, timeoutMs: v.LAPOR_TIMEOUT_MS, mirrorMs: v.LAPOR_MIRROR_MS }
        : null,
  };
}

export const complaintsConfig = registerAs('complaints', () => loadComplaintsConfig());

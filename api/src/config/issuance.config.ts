import { registerAs } from '@nestjs/config';
import { availableParallelism } from 'node:os';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { ConfigValidationError, validateConfig } from './validate-config';

class IssuanceEnv {
  /** The origin citizens reach the portal at: the QR code on every document points there. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /** Who signs personally signed documents: the local signer (install key) or BSrE's eSign Client Service. */
  @IsIn(['local', 'bsre'])
  SIGNER: 'local' | 'bsre' = 'local';

  /** PEM files of the institution's own key and certificate; generated under DATA_DIR/signing when unset. */
  @IsOptional() @IsString() SIGNING_KEY_FILE?: string;
  @IsOptional() @IsString() SIGNING_CERT_FILE?: string;

  /** The common name of a generated certificate. */
  @IsString() @MinLength(3) SIGNING_CERT_NAME: string = 'Layanan Terpadu Kota Malang';

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  BSRE_URL?: string;
  @IsOptional() @IsString() BSRE_USERNAME?: string;
  @IsOptional() @IsString() BSRE_PASSWORD?: string;

  /** How long a sign call may take before its outcome counts as unknown (no automatic retry). */
  @IsInt() @Min(1000) @Max(300_000) BSRE_TIMEOUT_MS: number = 30_000;

  /**
   * Worker threads that render and seal documents (LetterThreads), off the event loop; 0 does
   * that work on the event loop. Default: one per core.
   */
  @IsInt() @Min(0) @Max(32) LETTER_THREADS: number = availableParallelism();

  /** Documents that may wait for a letter thread; one more is refused with 503 (Retry-After). */
  @IsInt() @Min(1) @Max(10_000) LETTER_THREADS_QUEUE: number = 64;

  /** How long a document may take on the letter threads, waiting included, before it fails with 503. */
  @IsInt() @Min(1000) @Max(300_000) LETTER_THREADS_TIMEOUT_MS: number = 30_000;

  /**
   * Tests only, refused with NODE_ENV=production: a letter thread given a letter whose body holds
   * this text exits mid-job, as a crashing thread would (test/e2e/issuance-threads.e2e-spec.ts).
   */
  @IsOptional() @IsString() @MinLength(8) LETTER_THREADS_TEST_CRASH_MARKER?: string;
}

export interface IssuanceConfig {
  publicBaseUrl: string;
  signer: 'local' | 'bsre';
  keyFile: string | null;
  certFile: string | null;
  certName: string;
  bsre: { url: string; username: string; password: string; timeoutMs: number } | null;
  letterThreads: { size: number; maxQueue: number; timeoutMs: number; crashMarker: string | null };
}

export function loadIssuanceConfig(env: NodeJS.ProcessEnv = process.env): IssuanceConfig {
  const v = validateConfig(IssuanceEnv, env);
  if (Boolean(v.SIGNING_KEY_FILE) !== Boolean(v.SIGNING_CERT_FILE))
    throw new ConfigValidationError('Invalid configuration: SIGNING_KEY_FILE and SIGNING_CERT_FILE must be set together');
  if (v.SIGNER === 'bsre' && !(v.BSRE_URL && v.BSRE_USERNAME && v.BSRE_PASSWORD))
    throw new ConfigValidationError('Invalid configuration: SIGNER=bsre needs BSRE_URL, BSRE_USERNAME and BSRE_PASSWORD');
  if (v.LETTER_THREADS_TEST_CRASH_MARKER && env.NODE_ENV === 'production')
    throw new ConfigValidationError('Invalid configuration: LETTER_THREADS_TEST_CRASH_MARKER is for tests; unset it in production');
  const port = env.PORT && /^\d+$/.test(env.PORT) ? env.PORT : '3000';
  return {
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    signer: v.SIGNER,
    keyFile: v.SIGNING_KEY_FILE ?? null,
    certFile: v.SIGNING_CERT_FILE ?? null,
    certName: v.SIGNING_CERT_NAME,
    bsre:
      v.BSRE_URL && v.BSRE_USERNAME && v.BSRE_PASSWORD
        ? { url: v.BSRE_URL.replace(/\/+$/, ''), username: v.BSRE_USERNAME, password: v.BSRE_PASSWORD, timeoutMs: v.BSRE_TIMEOUT_MS }
        : null,
    letterThreads: {
      size: v.LETTER_THREADS,
      maxQueue: v.LETTER_THREADS_QUEUE,
      timeoutMs: v.LETTER_THREADS_TIMEOUT_MS,
      crashMarker: v.LETTER_THREADS_TEST_CRASH_MARKER ?? null,
    },
  };
}

export const issuanceConfig = registerAs('issuance', () => loadIssuanceConfig());

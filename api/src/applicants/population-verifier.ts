import type { PopulationCheckResult } from '@layanan/contracts';
import { IsOptional, IsString, IsUrl } from 'class-validator';
import { validateConfig } from '../config/validate-config';

/**
 * Dukcapil's NIK verification (match / no match against the population register, the service
 * Dukcapil opens to agencies under a PKS). A port: the adapter below speaks HTTP; without a
 * configured endpoint the check is off (the default) and callers are told so.
 */
export abstract class PopulationVerifier {
  abstract readonly enabled: boolean;
  /** `match` when the register holds this NIK with this name; throws when the service cannot answer. */
  abstract verify(input: { nik: string; name: string }): Promise<PopulationCheckResult>;
}

class PopulationEnv {
  /** Dukcapil's verification endpoint (given with the PKS); unset = the check is off. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  DUKCAPIL_VERIFY_URL?: string;

  /** The bearer token Dukcapil issued to this installation. */
  @IsOptional()
  @IsString()
  DUKCAPIL_TOKEN?: string;
}

/** What the service is asked and answers (per field: does the register agree?). */
interface VerifyAnswer {
  nik?: unknown;
  name?: unknown;
}

const TIMEOUT_MS = 10_000;

/**
 * `POST {DUKCAPIL_VERIFY_URL}` with `{ nik, name }` and `Authorization: Bearer {DUKCAPIL_TOKEN}`;
 * the answer `{ nik: "match" | "no_match", name: "match" | "no_match" }` (Dukcapil's
 * "Sesuai / Tidak Sesuai" per field). Both must match. Nothing of the answer is stored but the
 * result; the NIK travels only in the request.
 */
export class HttpPopulationVerifier extends PopulationVerifier {
  private readonly url: string | null;
  private readonly token: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    super();
    const v = validateConfig(PopulationEnv, env);
    this.url = v.DUKCAPIL_VERIFY_URL ?? null;
    this.token = v.DUKCAPIL_TOKEN ?? '';
  }

  get enabled(): boolean {
    return this.url !== null;
  }

  async verify(input: { nik: string; name: string }): Promise<PopulationCheckResult> {
    if (!this.url) throw new Error('the population check is off');
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ nik: input.nik, name: input.name }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`Dukcapil answered ${res.status}`);
    const body = (await res.json()) as VerifyAnswer;
    const ok = (v: unknown) => v === 'match' || v === 'no_match';
    if (!ok(body.nik) || !ok(body.name)) throw new Error('Dukcapil answered in an unknown shape');
    return body.nik === 'match' && body.name === 'match' ? 'match' : 'no_match';
  }
}

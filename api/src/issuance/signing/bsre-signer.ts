import { Logger } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import type { SignRequest, Signer } from './signer.port';

export interface BsreOptions {
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
}

/** BSrE's error body: `{ status_code, error }`, e.g. 2031 "Passphrase anda salah", 2011 user not registered. */
interface BsreError {
  status_code?: number;
  error?: string;
}

const WRONG_PASSPHRASE = 2031;
const NOT_REGISTERED = 2011;
const NO_CERTIFICATE = 2021;

/**
 * BSrE's eSign Client Service, API v2 (`POST /api/v2/sign/pdf`, HTTP Basic per application):
 * the signatory's NIK and passphrase, one invisible signature, the PDF as base64; the answer
 * carries the signed PDF. One request per document and never a retry: after a timeout BSrE may
 * have signed, so the caller reports the outcome as uncertain and the signer decides.
 */
export class BsreSigner implements Signer {
  readonly kind = 'bsre' as const;
  private readonly logger = new Logger('BsreSigner');

  constructor(private readonly opts: BsreOptions) {}

  /** BSrE checks the passphrase only when it signs; here only what we know ourselves. */
  authorize(req: Omit<SignRequest, 'pdf'>): Promise<void> {
    if (!req.signatory.nik)
      return Promise.reject(AppError.field('ISSUANCE_NOT_CONFIGURED', 'signatory.nik', 'the signatory has no NIK registered for BSrE'));
    if (req.mode === 'personal' && !req.passphrase)
      return Promise.reject(AppError.field('FIELD_REQUIRED', 'passphrase', 'is required to sign (BSrE passphrase)'));
    return Promise.resolve();
  }

  async sign(req: SignRequest): Promise<Buffer> {
    if (!req.signatory.nik)
      throw AppError.field('ISSUANCE_NOT_CONFIGURED', 'signatory.nik', 'the signatory has no NIK registered for BSrE');
    if (req.mode === 'personal' && !req.passphrase)
      throw AppError.field('FIELD_REQUIRED', 'passphrase', 'is required to sign (BSrE passphrase)');
    const body = JSON.stringify({
      nik: req.signatory.nik,
      passphrase: req.passphrase,
      signatureProperties: [{ tampilan: 'INVISIBLE', reason: req.reason, location: req.location }],
      file: [req.pdf.toString('base64')],
    });
    let res: Response;
    try {
      res = await fetch(`${this.opts.url}/api/v2/sign/pdf`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Basic ${Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64')}`,
        },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      throw this.transportError(e);
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch (e) {
      if (isTimeout(e)) throw uncertain();
      this.logger.error({ status: res.status }, 'BSrE answered with a body that is not JSON');
      throw unavailable();
    }
    if (res.ok) {
      const file = (parsed as { file?: unknown }).file;
      const signed = Array.isArray(file) && typeof file[0] === 'string' ? Buffer.from(file[0], 'base64') : null;
      if (!signed || signed.subarray(0, 5).toString('latin1') !== '%PDF-') {
        this.logger.error({ status: res.status }, 'BSrE answered 200 without a signed PDF');
        throw unavailable();
      }
      return signed;
    }
    const err = parsed as BsreError;
    if (err.status_code === WRONG_PASSPHRASE) throw AppError.field('SIGNER_REJECTED', 'passphrase', 'BSrE: the passphrase is wrong');
    if (err.status_code === NOT_REGISTERED || err.status_code === NO_CERTIFICATE)
      throw AppError.field(
        'SIGNER_REJECTED',
        'signatory.nik',
        `BSrE: ${err.status_code === NOT_REGISTERED ? 'NOT_REGISTERED' : 'NO_CERTIFICATE'}`,
      );
    // 401 is our own application credential; 5xx and anything else: nothing was signed.
    this.logger.error({ status: res.status, bsreCode: err.status_code ?? null }, 'BSrE refused the sign request');
    throw unavailable();
  }

  private transportError(e: unknown): AppError {
    if (isTimeout(e)) return uncertain();
    const cause = errorCause(e);
    // No connection was made: nothing can have been signed. Anything else (a reset after the
    // request went out) may have reached BSrE.
    const notSent = NOT_CONNECTED.has(cause.code);
    this.logger.error({ code: cause.code, cause: cause.message }, notSent ? 'BSrE is unreachable' : 'BSrE connection failed mid-request');
    return notSent ? unavailable() : uncertain();
  }
}

const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

// Duck-typed: fetch's errors may come from another realm (instanceof Error is not reliable).
function isTimeout(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function errorCause(e: unknown): { code: string; message: string } {
  const cause = (e as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.errors?.[0]?.code === 'string' ? cause.errors[0].code : '';
  return { code, message: typeof cause?.message === 'string' ? cause.message : String(e) };
}

const unavailable = () =>
  new AppError('SIGNER_UNAVAILABLE', 'The electronic signature service (BSrE) cannot be reached; nothing was signed');
const uncertain = () =>
  new AppError('SIGNING_UNCERTAIN', 'BSrE did not answer in time: the signature may or may not have been applied; nothing was issued');

import type { SignatureMode, SignerKind } from '@layanan/contracts';
import type { Letter } from '../rendering/letter-renderer';

/** Who the document names as its signatory, and (for BSrE) the NIK their certificate is registered to. */
export interface SignatoryIdentity {
  userId: string | null;
  name: string;
  nik: string | null;
  position: string;
}

export interface SignRequest {
  /** The final document (number and QR code in place), unsigned. */
  pdf: Buffer;
  mode: SignatureMode;
  signatory: SignatoryIdentity;
  /** Personal signing only: typed by the signer now. Never stored, logged or queued. */
  passphrase?: string;
  reason: string;
  location: string;
}

/**
 * Applies a PAdES signature. Implementations throw AppError: SIGNER_REJECTED (wrong passphrase,
 * signer not registered), SIGNER_UNAVAILABLE (nothing was signed: unreachable, refused) or
 * SIGNING_UNCERTAIN (the request went out and no answer came back in time). A sign call is
 * never retried automatically.
 */
export interface Signer {
  readonly kind: SignerKind;
  /** Checks what can be checked before a number is taken (the local signer's password); throws SIGNER_REJECTED. */
  authorize(request: Omit<SignRequest, 'pdf'>): Promise<void>;
  sign(request: SignRequest): Promise<Buffer>;
  /**
   * A signer that signs in this process (the local signer) renders and signs in one step: one
   * trip to a letter thread instead of two. The document signed is `letter` rendered.
   */
  signLetter?(letter: Letter, request: Omit<SignRequest, 'pdf'>): Promise<Buffer>;
}

/** Injection tokens: the signer for personally signed documents (local or BSrE) and the institution's seal (always local). */
export const PERSONAL_SIGNER = Symbol('PERSONAL_SIGNER');
export const SEAL_SIGNER = Symbol('SEAL_SIGNER');

import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import type { LetterThreads } from '../workers/letter-threads';
import type { Letter } from '../rendering/letter-renderer';
import type { PadesMeta } from './pades';
import type { SignRequest, Signer } from './signer.port';

/**
 * Signs with the installation's own key and certificate (PAdES-B-B). A personal signature asks
 * the signer to re-enter their login password, checked against their account; a seal needs
 * no passphrase. The certificate is the institution's, not the person's: documents say so
 * (signerKind 'local'), and certified personal signatures come from BSrE.
 */
export class LocalSigner implements Signer {
  readonly kind = 'local' as const;

  /** `threads` holds the key and signs (on a worker thread unless it has none). */
  constructor(
    private readonly threads: LetterThreads,
    private readonly db: DataSource,
  ) {}

  async authorize(req: Omit<SignRequest, 'pdf'>): Promise<void> {
    if (req.mode === 'personal') await this.checkPassword(req.signatory.userId, req.passphrase);
  }

  /** Expects `authorize` to have passed for the same request. */
  async sign(req: SignRequest): Promise<Buffer> {
    return this.threads.seal(req.pdf, meta(req));
  }

  /** Renders `letter` and signs it, on one letter thread. Expects `authorize` to have passed. */
  async signLetter(letter: Letter, req: Omit<SignRequest, 'pdf'>): Promise<Buffer> {
    return this.threads.renderAndSeal(letter, meta(req));
  }

  private async checkPassword(userId: string | null, passphrase: string | undefined): Promise<void> {
    if (!passphrase) throw AppError.field('FIELD_REQUIRED', 'passphrase', 'is required to sign (your login password)');
    const [row] = userId
      ? await this.db.query<{ password_hash: string }[]>(`SELECT password_hash FROM users WHERE id = $1 AND active`, [userId])
      : [];
    const ok = row ? await argon2.verify(row.password_hash, passphrase).catch(() => false) : false;
    if (!ok) throw AppError.field('SIGNER_REJECTED', 'passphrase', 'is not your password');
  }
}

function meta(req: Omit<SignRequest, 'pdf'>): PadesMeta {
  return { name: req.signatory.name, reason: req.reason, location: req.location, contactInfo: req.signatory.position };
}

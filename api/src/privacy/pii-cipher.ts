import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalisePhone } from '@layanan/contracts';
import { loadPiiConfig, type PiiConfig } from '../config/pii.config';

// Personal data at rest (UU 27/2022 Pelindungan Data Pribadi): NIK and phone numbers are stored
// as AES-256-GCM ciphertext `keyId:base64(iv | tag | ciphertext)`, the key id naming the key of
// the keyring that wrote it, so keys rotate (new writes use the current key; old rows decrypt
// with theirs until the re-encryption has run). The authenticated data binds a ciphertext to its
// field, so a NIK's ciphertext does not decrypt as a phone. Exact search goes through a blind
// index: a keyed HMAC of the value, which a dump cannot reverse without PII_INDEX_KEY (a NIK has
// too few possible values for an unkeyed hash).

const ALG = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Hex digits of a blind index (128 bits of HMAC-SHA256). */
const INDEX_HEX = 32;

/** What a ciphertext is of: part of its authenticated data, so values cannot be swapped between fields. */
export type PiiField = 'nik' | 'phone' | (string & {});

/** A stored value that cannot be decrypted: an unknown key id, another field's ciphertext, or tampering. */
export class PiiDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiDecryptError';
  }
}

export class PiiCipher {
  constructor(private readonly config: PiiConfig) {}

  /** From PII_KEYS / PII_KEY_ID / PII_INDEX_KEY (scripts, migrations, the bench loader). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): PiiCipher {
    return new PiiCipher(loadPiiConfig(env));
  }

  get currentKeyId(): string {
    return this.config.currentKeyId;
  }

  encrypt(field: PiiField, plain: string): string {
    const keyId = this.config.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const c = createCipheriv(ALG, this.key(keyId), iv, { authTagLength: TAG_BYTES });
    c.setAAD(aad(keyId, field));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${keyId}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
  }

  encryptNullable(field: PiiField, plain: string | null): string | null {
    return plain === null ? null : this.encrypt(field, plain);
  }

  decrypt(field: PiiField, stored: string): string {
    const at = stored.indexOf(':');
    if (at <= 0) throw new PiiDecryptError(`not a ${field} ciphertext (no key id)`);
    const keyId = stored.slice(0, at);
    const raw = Buffer.from(stored.slice(at + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new PiiDecryptError(`${field} ciphertext is truncated`);
    const d = createDecipheriv(ALG, this.key(keyId), raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    d.setAAD(aad(keyId, field));
    d.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([d.update(raw.subarray(IV_BYTES + TAG_BYTES)), d.final()]).toString('utf8');
    } catch {
      throw new PiiDecryptError(`${field} ciphertext does not authenticate under key "${keyId}" (tampered, or another field's value)`);
    }
  }

  decryptNullable(field: PiiField, stored: string | null): string | null {
    return stored === null ? null : this.decrypt(field, stored);
  }

  /** The key id a stored value was written with. */
  keyIdOf(stored: string): string {
    return stored.slice(0, Math.max(0, stored.indexOf(':')));
  }

  /** Written with an older key: the re-encryption rewrites it with the current one. */
  needsReencryption(stored: string): boolean {
    return this.keyIdOf(stored) !== this.config.currentKeyId;
  }

  /** Decrypts with the value's own key and encrypts with the current one. */
  reencrypt(field: PiiField, stored: string): string {
    return this.needsReencryption(stored) ? this.encrypt(field, this.decrypt(field, stored)) : stored;
  }

  /** The blind index of a value: equal values give equal indexes; without PII_INDEX_KEY it reveals nothing. */
  blindIndex(field: PiiField, value: string): string {
    return createHmac('sha256', this.config.indexKey).update(`${field}\0${value}`, 'utf8').digest('hex').slice(0, INDEX_HEX);
  }

  /** The blind index of a NIK (16 digits as written). */
  nikIndex(nik: string): string {
    return this.blindIndex('nik', nik.trim());
  }

  /** The blind index of a phone number, normalised to +62… first so 0812… and +62812… match; null when it is not a phone number. */
  phoneIndex(phone: string): string | null {
    const p = normalisePhone(phone);
    return p ? this.blindIndex('phone', p) : null;
  }

  private key(keyId: string): Buffer {
    const key = this.config.keys.get(keyId);
    if (!key)
      throw new PiiDecryptError(`PII key "${keyId}" is not in PII_KEYS (a value written with a key that was removed from the keyring)`);
    return key;
  }
}

function aad(keyId: string, field: PiiField): Buffer {
  return Buffer.from(`lt-pii:${keyId}:${field}`, 'utf8');
}

/** A fresh keyring as environment settings: one AES key with the given id and an index key. */
export function newPiiKeys(
  keyId = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`,
): Record<'PII_KEYS' | 'PII_KEY_ID' | 'PII_INDEX_KEY', string> {
  return {
    PII_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`,
    PII_KEY_ID: keyId,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
  };
}

/**
 * Demo mode only: a keyring generated once and kept under DATA_DIR (mode 0600), like the local
 * signer's key, so restarts read what earlier runs wrote. Sets the PII_* variables it finds unset.
 */
export function ensureDemoPiiKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.PII_KEYS) return;
  const file = path.resolve(dataDir, 'pii-keys.env');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const keys = newPiiKeys('demo1');
    writeFileSync(
      file,
      `${Object.entries(keys)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\n`,
      { mode: 0o600 },
    );
  }
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    const name = line.slice(0, at);
    if (at > 0 && !env[name]) env[name] = line.slice(at + 1).trim();
  }
}

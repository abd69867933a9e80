import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ConfigValidationError, validateConfig } from './validate-config';

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

class PiiEnv {
  /**
   * The keyring for personal data at rest (NIK, phone): `id:key[,id:key...]`, each key 32 bytes
   * in base64 (or 64 hex digits). Old keys stay listed until the re-encryption has run.
   */
  @IsOptional()
  @IsString()
  PII_KEYS?: string;

  /** The key new writes use; may be left unset when PII_KEYS holds one key. */
  @IsOptional()
  @Matches(KEY_ID, { message: 'must be a key id of 1-16 letters, digits, "-" or "_"' })
  PII_KEY_ID?: string;

  /** The HMAC key of the blind indexes (exact search by NIK or phone): 32 bytes, base64 or hex. Never rotates with PII_KEYS. */
  @IsOptional()
  @IsString()
  PII_INDEX_KEY?: string;
}

export interface PiiConfig {
  /** Key id → 32-byte AES-256 key. */
  keys: ReadonlyMap<string, Buffer>;
  currentKeyId: string;
  indexKey: Buffer;
}

const HOW_TO = 'generate them with `npm run pii -- new-keys` and keep them apart from the database backups (docs/OPERATIONS.md)';

function parseKey(name: string, raw: string): Buffer {
  const s = raw.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (buf.length !== 32)
    throw new ConfigValidationError(`Invalid configuration: ${name} must be 32 bytes in base64 or 64 hex digits (got ${buf.length} bytes)`);
  return buf;
}

/**
 * NIK and phone numbers are stored encrypted (UU 27/2022): without a keyring the API does not
 * start, outside demo mode (where main.ts keeps a generated one under DATA_DIR).
 */
export function loadPiiConfig(env: NodeJS.ProcessEnv = process.env): PiiConfig {
  const v = validateConfig(PiiEnv, env);
  if (!v.PII_KEYS?.trim())
    throw new ConfigValidationError(
      `Invalid configuration: PII_KEYS must be set: NIK and phone numbers are stored encrypted (AES-256-GCM), and without the key they cannot be written or read; ${HOW_TO}`,
    );
  if (!v.PII_INDEX_KEY?.trim())
    throw new ConfigValidationError(`Invalid configuration: PII_INDEX_KEY must be set (the blind-index key for search by NIK); ${HOW_TO}`);
  const keys = new Map<string, Buffer>();
  for (const entry of v.PII_KEYS.split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    if (!KEY_ID.test(id))
      throw new ConfigValidationError('Invalid configuration: PII_KEYS must be a list of id:key (id of 1-16 letters, digits, "-" or "_")');
    if (keys.has(id)) throw new ConfigValidationError(`Invalid configuration: PII_KEYS lists key id "${id}" twice`);
    keys.set(id, parseKey(`PII_KEYS key "${id}"`, entry.slice(at + 1)));
  }
  const currentKeyId = v.PII_KEY_ID ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
  if (!currentKeyId)
    throw new ConfigValidationError('Invalid configuration: PII_KEY_ID must name the current key when PII_KEYS holds several');
  if (!keys.has(currentKeyId)) throw new ConfigValidationError(`Invalid configuration: PII_KEY_ID "${currentKeyId}" is not in PII_KEYS`);
  return { keys, currentKeyId, indexKey: parseKey('PII_INDEX_KEY', v.PII_INDEX_KEY) };
}

export const piiConfig = registerAs('pii', () => loadPiiConfig());

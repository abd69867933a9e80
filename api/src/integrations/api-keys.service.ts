import { Injectable } from '@nestjs/common';
import { defineAbilityForApiKey } from '@layanan/authz';
import type { ApiKeyScope, ApiKeyView } from '@layanan/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DataSource } from 'typeorm';
import { API_KEY_PREFIX, ApiKeyAuthenticator } from '../common/auth/api-key';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { preparedQuery } from '../common/database/prepared';
import type { CreateApiKeyDto } from './dto/integration.dto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(bytes: Buffer, length: number): string {
  let n = BigInt(`0x${bytes.toString('hex') || '0'}`);
  let out = '';
  while (out.length < length) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/**
 * `ltk_` + 40 base62 characters of randomness + a 6-character CRC32 checksum (GitHub's token
 * format): secret scanners can recognise a leaked key, and a mistyped key is refused before
 * any database lookup.
 */
export function newApiKey(): string {
  const body = base62(randomBytes(30), 40);
  return `${API_KEY_PREFIX}${body}${base62(Buffer.from(crc32(body).toString(16).padStart(8, '0'), 'hex'), 6)}`;
}

export function apiKeyChecksumOk(key: string): boolean {
  if (!/^ltk_[0-9A-Za-z]{46}$/.test(key)) return false;
  const body = key.slice(4, 44);
  return base62(Buffer.from(crc32(body).toString(16).padStart(8, '0'), 'hex'), 6) === key.slice(44);
}

/** High-entropy keys need no slow hash: a SHA-256 is enough and keeps the per-call check cheap. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

interface Row {
  id: string;
  subscriber_id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  opd_id: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = `id, subscriber_id, name, prefix, scopes, opd_id, created_at, last_used_at, revoked_at`;
const CACHE_MS = 5000;

/** Integration API keys: per subscriber, scoped to one OPD, stored hashed, shown once, revocable. */
@Injectable()
export class ApiKeysService extends ApiKeyAuthenticator {
  private readonly cache = new Map<string, { auth: AuthContext | null; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: DataSource) {
    super();
  }

  async list(subscriberId?: string): Promise<ApiKeyView[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${COLUMNS} FROM api_keys ${subscriberId ? 'WHERE subscriber_id = $1' : ''} ORDER BY created_at DESC`,
      subscriberId ? [subscriberId] : [],
    );
    return rows.map(view);
  }

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<ApiKeyView> {
    const [sub] = await this.db.query<{ id: string }[]>(`SELECT id FROM webhook_subscribers WHERE id = $1`, [dto.subscriberId]);
    if (!sub) throw AppError.field('REFERENCE_INVALID', 'subscriberId', 'does not exist');
    const [opd] = await this.db.query<{ id: string }[]>(`SELECT id FROM opds WHERE id = $1 AND active`, [dto.opdId]);
    if (!opd) throw AppError.field('REFERENCE_INVALID', 'opdId', 'does not exist or is inactive');
    const key = newApiKey();
    const [row] = await this.db.query<Row[]>(
      `INSERT INTO api_keys (subscriber_id, name, prefix, key_hash, scopes, opd_id, created_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [dto.subscriberId, dto.name, key.slice(0, 12), hashApiKey(key), dto.scopes, dto.opdId, auth.user.id],
    );
    return { ...view(row), key };
  }

  async revoke(id: string): Promise<ApiKeyView> {
    const [rows] = await this.db.query<[Row[], number]>(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    if (!rows[0]) throw AppError.notFound('API key');
    this.cache.clear();
    return view(rows[0]);
  }

  /** The caller behind a key: its scoped ability (libs/authz), or null when unknown, revoked or its partner disabled. */
  async authenticate(key: string): Promise<AuthContext | null> {
    if (!apiKeyChecksumOk(key)) return null;
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return this.touch(cached.auth);
    const [row] = await preparedQuery<{ id: string; name: string; scopes: ApiKeyScope[]; opd_id: string }>(
      this.db,
      `SELECT k.id, k.name, k.scopes, k.opd_id FROM api_keys k JOIN webhook_subscribers s ON s.id = k.subscriber_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND s.active`,
      [hash],
    );
    const auth: AuthContext | null = row
      ? {
          user: { id: row.id, username: `apikey:${row.name}`, fullName: row.name, roles: [], opdId: row.opd_id },
          ability: defineAbilityForApiKey({ opdId: row.opd_id, scopes: row.scopes }),
          sessionId: '',
          apiKey: { id: row.id, name: row.name },
        }
      : null;
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(hash, { auth, until: Date.now() + CACHE_MS });
    return this.touch(auth);
  }

  /** last_used_at, written at most once a minute per key (not on every call). */
  private touch(auth: AuthContext | null): AuthContext | null {
    if (auth?.apiKey) {
      const id = auth.apiKey.id;
      const last = this.touched.get(id) ?? 0;
      if (Date.now() - last > 60_000) {
        this.touched.set(id, Date.now());
        void this.db.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [id]).catch(() => undefined);
      }
    }
    return auth;
  }
}

function view(r: Row): ApiKeyView {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    opdId: r.opd_id,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

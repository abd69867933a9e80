import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';

interface KeyRow {
  scope: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
}

/** Idempotency-Key records: a retried request gets the first attempt's response, never a second effect. */
@Injectable()
export class IdempotencyKeys {
  /**
   * Claims `key` for this request inside the caller's transaction; returns the stored response
   * when an earlier attempt with the same request completed (then do nothing), undefined when the
   * claim is new. A concurrent first attempt holds the row: the INSERT waits for it.
   */
  async claim<T>(m: EntityManager, key: string, scope: string, requestHash: string): Promise<T | undefined> {
    const claimed = await m.query<unknown[]>(
      `INSERT INTO idempotency_keys (key, scope, request_hash) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, scope, requestHash],
    );
    if (claimed.length) return undefined;
    const [prior] = await m.query<KeyRow[]>(
      `SELECT scope, request_hash, status_code, response FROM idempotency_keys WHERE key = $1 FOR UPDATE`,
      [key],
    );
    if (prior.scope !== scope || prior.request_hash !== requestHash) {
      throw AppError.field(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key',
        'was used for a different request; use a new key for a new application',
      );
    }
    if (!prior.response) throw new AppError('REQUEST_IN_PROGRESS', 'This application is still being processed; try again in a moment');
    return prior.response as T;
  }

  async complete(m: EntityManager, key: string, statusCode: number, response: unknown): Promise<void> {
    await m.query(`UPDATE idempotency_keys SET status_code = $2, response = $3 WHERE key = $1`, [
      key,
      statusCode,
      JSON.stringify(response),
    ]);
  }
}

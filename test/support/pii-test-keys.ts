/**
 * A fixed PII keyring for tests (never for a real deployment): the API does not start outside
 * demo mode without one. Two keys so rotation can be shown; t1 is current.
 */
export const TEST_PII_ENV = {
  PII_KEYS: `t0:${Buffer.alloc(32, 7).toString('base64')},t1:${Buffer.alloc(32, 11).toString('base64')}`,
  PII_KEY_ID: 't1',
  PII_INDEX_KEY: Buffer.alloc(32, 13).toString('base64'),
} as const;

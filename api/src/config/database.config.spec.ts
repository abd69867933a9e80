import { loadDatabaseConfig } from './database.config';

describe('database config: the read connection', () => {
  it('has none unless READ_DATABASE_URL is set (every read uses the primary)', () => {
    const c = loadDatabaseConfig({ DATABASE_URL: 'postgresql://app@db/layanan' });
    expect(c).toMatchObject({ url: 'postgresql://app@db/layanan', readUrl: null, readPoolSize: 10 });
  });

  it('takes a replica URL and its pool size', () => {
    const c = loadDatabaseConfig({ READ_DATABASE_URL: 'postgresql://report@replica:5433/layanan', READ_DB_POOL_SIZE: '4' });
    expect(c).toMatchObject({ readUrl: 'postgresql://report@replica:5433/layanan', readPoolSize: 4 });
  });

  it.each([
    ['READ_DATABASE_URL', 'mysql://replica/layanan', /READ_DATABASE_URL must be a postgres/],
    ['READ_DB_POOL_SIZE', '0', /READ_DB_POOL_SIZE/],
  ])('refuses %s=%s, naming the variable', (key, value, message) => {
    expect(() => loadDatabaseConfig({ [key]: value })).toThrow(message);
  });
});

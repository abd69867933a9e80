import * as argon2 from 'argon2';
import { createTestApp, TestApp } from '../support/test-app';
import { demoSeed, PASSWORD } from '../support/session';

/**
 * A Mal Pelayanan Publik has every desk behind one NAT address: login is limited per account
 * (the lockout after wrong passwords) and per address with a budget a whole hall does not reach.
 */
describe('login limits: per account and per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    // 100 more officers with the demo password, hashed with cheap argon2 parameters (verification
    // reads them from the hash): the test is about the limits, the hall's logins fit in one window.
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1 });
    await t.db.query(
      `INSERT INTO users (username, full_name, password_hash, roles, opd_id)
       SELECT 'loket' || lpad(n::text, 3, '0') || '.mpp', 'Petugas Loket ' || n, $1, u.roles, u.opd_id
         FROM users u, generate_series(1, 100) n WHERE u.username = 'petugas.dukcapil'`,
      [hash],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password: string) => t.http.post('/api/auth/login').send({ username, password });

  it('lets 100 officers log in from one address within a minute while 10 wrong passwords lock one account', async () => {
    const started = Date.now();
    const users = Array.from({ length: 100 }, (_, i) => `loket${String(i + 1).padStart(3, '0')}.mpp`);
    const statuses: number[] = [];
    const wrong: { status: number; code: string }[] = [];
    // Ten at a time, with the attacker's ten wrong passwords among them.
    for (let i = 0; i < users.length; i += 10) {
      const [batch, bad] = await Promise.all([
        Promise.all(users.slice(i, i + 10).map((u) => login(u, PASSWORD))),
        login('kasi.dukcapil', `wrong-${i}`),
      ]);
      statuses.push(...batch.map((r) => r.status));
      wrong.push({ status: bad.status, code: bad.body.code as string });
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(statuses).toEqual(Array(100).fill(200));
    // LOGIN_MAX_FAILURES = 5: four refusals, then the account is locked.
    expect(wrong.slice(0, 4)).toEqual(Array(4).fill({ status: 401, code: 'LOGIN_FAILED' }));
    expect(wrong.slice(4)).toEqual(Array(6).fill({ status: 423, code: 'LOGIN_LOCKED' }));
    const right = await login('kasi.dukcapil', PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('LOGIN_LOCKED');
    // Another account from the same address is not affected.
    await login('kadis.dukcapil', PASSWORD).expect(200);
  }, 120_000);
});

describe('login limits: the per-address budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_IP: '5' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers over the budget with 429 RATE_LIMITED, never a ThrottlerException', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await t.http.post('/api/auth/login').send({ username: `nobody${i}`, password: 'x-password' }));
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual(Array(5).fill(401));
    const over = answers[5];
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('RATE_LIMITED');
    expect(over.headers['retry-after']).toBeDefined();
    expect(JSON.stringify(over.body)).not.toMatch(/Throttler/i);
  });
});

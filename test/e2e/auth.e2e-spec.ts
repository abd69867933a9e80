import { JwtService } from '@nestjs/jwt';
import { createTestApp, TestApp } from '../support/test-app';
import { as, demoSeed, idOf, PASSWORD } from '../support/session';

describe('authentication and users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with a demo login and returns the user with roles and OPD', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'verifikator.dukcapil', password: PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({ username: 'verifikator.dukcapil', roles: ['verifier'] });
    expect(res.body.user.opdId).toBe(await idOf(t, 'opds', 'code', 'dukcapil'));
    expect(typeof res.body.accessToken).toBe('string');
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const a = await t.http.post('/api/auth/login').send({ username: 'kasi.dukcapil', password: 'wrong-password' }).expect(401);
    const b = await t.http.post('/api/auth/login').send({ username: 'nobody.here', password: 'wrong-password' }).expect(401);
    expect(a.body).toEqual(b.body);
    expect(a.body.message).toBe('Invalid username or password');
  });

  it('names the missing field when the login body is incomplete', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'x' }).expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });

  it('locks the account after five wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 4; i++)
      await t.http.post('/api/auth/login').send({ username: 'petugas.pmptsp', password: 'nope-nope' }).expect(401);
    const fifth = await t.http.post('/api/auth/login').send({ username: 'petugas.pmptsp', password: 'nope-nope' }).expect(423);
    expect(fifth.body.message).toMatch(/locked/);
    await t.http.post('/api/auth/login').send({ username: 'petugas.pmptsp', password: PASSWORD }).expect(423);
  });

  it('returns the CASL rules with /me and rejects a missing token', async () => {
    const me = await t.http
      .get('/api/auth/me')
      .set(await as(t, 'kasi.dukcapil'))
      .expect(200);
    expect(me.body.username).toBe('kasi.dukcapil');
    expect(Array.isArray(me.body.rules) && me.body.rules.length).toBeGreaterThan(0);
    await t.http.get('/api/auth/me').expect(401);
  });

  it("checks each token's signature and expiry even after the session has been served once", async () => {
    const login = await t.http.post('/api/auth/login').send({ username: 'kasi.dukcapil', password: PASSWORD }).expect(200);
    const token = login.body.accessToken as string;
    await t.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    const [head, body, sig] = token.split('.');
    const tampered = `${head}.${body}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    await t.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${tampered}` })
      .expect(401);
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { sub: string; sid: string; tv: number };
    const shortLived = await t.app.get(JwtService).signAsync({ sub: claims.sub, sid: claims.sid, tv: claims.tv }, { expiresIn: 1 });
    await t.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${shortLived}` })
      .expect(200);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await t.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${shortLived}` })
      .expect(401);
    expect(expired.body.message).toMatch(/invalid or expired/);
    await t.http
      .get('/api/auth/me')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
  });

  it('rotates refresh tokens: the old one stops working, logout revokes the session', async () => {
    const login = await t.http.post('/api/auth/login').send({ username: 'kadis.dukcapil', password: PASSWORD }).expect(200);
    const refreshed = await t.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    await t.http.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
    const bearer = { Authorization: `Bearer ${refreshed.body.accessToken}` };
    await t.http.get('/api/auth/me').set(bearer).expect(200);
    await t.http.post('/api/auth/logout').set(bearer).expect(204);
    await t.http.get('/api/auth/me').set(bearer).expect(401);
    await t.http.post('/api/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
  });

  it("ends a deactivated user's sessions at once", async () => {
    const officer = await as(t, 'petugas2.dukcapil');
    await t.http.get('/api/auth/me').set(officer).expect(200);
    const id = await idOf(t, 'users', 'username', 'petugas2.dukcapil');
    await t.http
      .put(`/api/users/${id}`)
      .set(await as(t, 'admin'))
      .send({ active: false })
      .expect(200);
    await t.http.get('/api/auth/me').set(officer).expect(401);
    await t.http.post('/api/auth/login').send({ username: 'petugas2.dukcapil', password: PASSWORD }).expect(401);
  });

  it('drops a cached session when another instance changes the user (NOTIFY auth_changed)', async () => {
    const verifier = await as(t, 'verifikator.kemenag');
    // Two reads: the second is served from the session cache.
    await t.http.get('/api/auth/me').set(verifier).expect(200);
    await t.http.get('/api/auth/me').set(verifier).expect(200);
    // Another API instance would write straight to the database; only the trigger tells this one.
    await t.db.query(`UPDATE users SET token_version = token_version + 1 WHERE username = 'verifikator.kemenag'`);
    let status = 0;
    for (let i = 0; i < 20 && status !== 401; i++) {
      status = (await t.http.get('/api/auth/me').set(verifier)).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
  });

  it("lets only admins write users, and heads list only their OPD's staff", async () => {
    await t.http
      .post('/api/users')
      .set(await as(t, 'kadis.dukcapil'))
      .send({
        username: 'x.y',
        fullName: 'X Y',
        password: 'long-enough-1',
        roles: ['officer'],
        opdId: await idOf(t, 'opds', 'code', 'dukcapil'),
      })
      .expect(403);
    const created = await t.http
      .post('/api/users')
      .set(await as(t, 'admin'))
      .send({
        username: 'verifikator3.dukcapil',
        fullName: 'Sri Wahyuni',
        password: 'long-enough-1',
        roles: ['verifier'],
        opdId: await idOf(t, 'opds', 'code', 'dukcapil'),
      })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'verifikator3.dukcapil', active: true });
    expect(created.body.passwordHash).toBeUndefined();
    const list = await t.http
      .get('/api/users')
      .set(await as(t, 'kadis.dukcapil'))
      .query({ range: '[0,99]' })
      .expect(200);
    const dukcapil = await idOf(t, 'opds', 'code', 'dukcapil');
    expect(list.body.length).toBeGreaterThan(3);
    expect(list.body.every((u: { opdId: string }) => u.opdId === dukcapil)).toBe(true);
    expect(list.headers['content-range']).toMatch(/^users 0-\d+\/\d+$/);
    const hash = await t.db.query<
      {
        password_hash: string;
      }[]
    >(`SELECT password_hash FROM users WHERE username = 'verifikator3.dukcapil'`);
    expect(hash[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a staff user without an OPD with 400 naming opdId', async () => {
    const res = await t.http
      .post('/api/users')
      .set(await as(t, 'admin'))
      .send({ username: 'no.opd', fullName: 'No Opd', password: 'long-enough-1', roles: ['officer'] })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'opdId', message: 'is required for staff roles' }]);
  });
});

import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, VALID_NIK, withIntakeDocuments } from '../support/session';

/** A service is switched off, never deleted: it leaves the catalog, takes no new applications, and running cases continue. */
describe('service deactivation', () => {
  let t: TestApp;
  let serviceId: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
  });
  afterAll(async () => {
    await t.close();
  });

  const catalogIds = async () => ((await t.http.get('/api/public/services').expect(200)).body as { id: string }[]).map((s) => s.id);
  const applicant = {
    nik: VALID_NIK,
    name: 'Sari Wulandari',
    phone: '081234567890',
    address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
  };

  it('takes the service out of the catalog and refuses new applications, while a running case continues', async () => {
    const running = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    expect(await catalogIds()).toContain(serviceId);
    const before = await t.http
      .get(`/api/services/${serviceId}`)
      .set(await as(t, 'admin'))
      .expect(200);

    const off = await t.http
      .patch(`/api/services/${serviceId}`)
      .set(await as(t, 'admin'))
      .send({ active: false })
      .expect(200);
    expect(off.body).toMatchObject({ id: serviceId, active: false, version: before.body.version });

    expect(await catalogIds()).not.toContain(serviceId);
    await t.http.get(`/api/public/services/${serviceId}`).expect(404);

    const counter = await withIntakeDocuments(t, t.http.post('/api/cases').set(await as(t, 'petugas.dukcapil')), {
      serviceId,
      applicant,
      formData: {},
    });
    expect(counter.status).toBe(422);
    expect(counter.body).toMatchObject({ code: 'SERVICE_INACTIVE', details: [{ field: 'serviceId' }] });
    const online = await t.http
      .post('/api/public/applications')
      .set('Idempotency-Key', 'deactivated-service-1')
      .field('data', JSON.stringify({ serviceId, applicant, formData: {} }));
    expect(online.status).toBe(422);
    expect(online.body.code).toBe('SERVICE_INACTIVE');
    expect(((await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE service_id = $1`, [serviceId])) as { n: number }[])[0].n).toBe(1);

    // The case filed before goes on: it can be claimed and worked.
    const claimed = await t.http
      .post(`/api/cases/${running.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'CLAIM', version: running.version });
    expect(claimed.status).toBe(200);
    const track = await t.http
      .get(`/api/cases/${running.id}`)
      .set(await as(t, 'verifikator.dukcapil'))
      .expect(200);
    expect(track.body.availableActions.length).toBeGreaterThan(0);

    const on = await t.http
      .patch(`/api/services/${serviceId}`)
      .set(await as(t, 'admin'))
      .send({ active: true })
      .expect(200);
    expect(on.body.active).toBe(true);
    expect(await catalogIds()).toContain(serviceId);
  });

  it('answers DELETE with a code that says to deactivate instead, and keeps the service', async () => {
    const res = await t.http.delete(`/api/services/${serviceId}`).set(await as(t, 'admin'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DEACTIVATE_INSTEAD');
    expect(res.body.message).toMatch(/deactivate/i);
    await t.http
      .get(`/api/services/${serviceId}`)
      .set(await as(t, 'admin'))
      .expect(200);
    const unknown = await t.http.delete('/api/services/00000000-0000-4000-8000-000000000000').set(await as(t, 'admin'));
    expect(unknown.status).toBe(404);
  });

  it('lets only those who may change services switch one, and names a malformed field', async () => {
    const officer = await t.http
      .patch(`/api/services/${serviceId}`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ active: false });
    expect(officer.status).toBe(403);
    expect(officer.body.code).toBe('FORBIDDEN');
    const bad = await t.http
      .patch(`/api/services/${serviceId}`)
      .set(await as(t, 'admin'))
      .send({ active: 'no' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'active' })]));
    expect(await catalogIds()).toContain(serviceId);
  });
});

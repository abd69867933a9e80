import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, forgetSessions } from '../support/session';
import { atInstant } from '../support/fake-clock';

const at = atInstant;

describe('SLA clock in Indonesian working days', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
    // The seed loads the decreed national holidays; make sure the Monday under test is one.
    const rows = await t.db.query<{ name: string }[]>(`SELECT name FROM holidays WHERE date = '2026-06-01'`);
    expect(rows[0]?.name).toMatch(/Pancasila/);
  });
  afterEach(() => {
    jest.useRealTimers();
    forgetSessions();
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a 1-working-day case submitted on the Friday before a Monday national holiday a Tuesday due date', async () => {
    at('2026-05-29T02:00:00Z'); // Friday 29 May 2026, 09:00 WIB; Monday 1 June is Hari Lahir Pancasila
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    expect(c.dueAt).toBe('2026-06-02T09:00:00.000Z'); // Tuesday 2 June, 16:00 WIB
  });

  it('skips cuti bersama added by an admin', async () => {
    at('2026-11-27T02:00:00Z');
    await t.http
      .post('/api/holidays')
      .set(await as(t, 'admin'))
      .send({ date: '2026-11-30', name: 'Cuti bersama (uji)', kind: 'cuti_bersama' })
      .expect(201);
    // Friday 27 Nov 09:00 WIB + 1 working day, Monday 30 Nov is cuti bersama -> Tuesday 1 Dec 16:00 WIB
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    expect(c.dueAt).toBe('2026-12-01T09:00:00.000Z');
  });

  it('counts hours-based SLAs in office hours only', async () => {
    at('2026-12-04T08:30:00Z'); // Friday 15:30 WIB; 1 working hour -> Monday 08:30 WIB
    const c = await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 2 });
    expect(c.dueAt).toBe('2026-12-07T01:30:00.000Z');
  });

  it('moves the due date by the working days the case waited on the citizen', async () => {
    at('2026-12-07T02:00:00Z'); // Monday 09:00 WIB
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    expect(c.dueAt).toBe('2026-12-08T09:00:00.000Z');
    const returned = await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'RETURN', version: c.version, reason: 'KK buram' })
      .expect(200);
    at('2026-12-09T02:00:00Z'); // resubmitted two working days later, same time of day
    forgetSessions();
    const resumed = await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ type: 'RESUBMIT', version: returned.body.version })
      .expect(200);
    expect(resumed.body.dueAt).toBe('2026-12-10T09:00:00.000Z');
  });

  it('refuses a holiday with an impossible date, naming the field', async () => {
    const res = await t.http
      .post('/api/holidays')
      .set(await as(t, 'admin'))
      .send({ date: '2026-02-30', name: 'Tidak ada', kind: 'local' })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'date', message: 'must be a real calendar date' }]);
  });
});

import { DataSource } from 'typeorm';
import { HolidayNames1764970000000 } from '../../migrations/1764970000000-holiday-names';
import { WorkingCalendarService } from '../../api/src/holidays/working-calendar.service';
import { ESTIMATE_SOURCE } from '../../api/src/holidays/national-holidays';
import { seedReferenceData } from '../../api/src/reference-data/reference-data';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed } from '../support/session';
import { atInstant } from '../support/fake-clock';

const SKB_2027 = 'SKB Menteri Agama No. 1205 Tahun 2026, Menteri Ketenagakerjaan No. 3 Tahun 2026, Menteri PANRB No. 2 Tahun 2026';

interface Row {
  id: string;
  date: string;
  name: string;
  kind: string;
  source: string | null;
}

describe('Holidays: the decreed calendar, days with two holidays, corrections', () => {
  let t: TestApp;
  const ofDay = async (date: string): Promise<Row[]> => {
    const res = await t.http
      .get('/api/holidays')
      .query({ filter: JSON.stringify({ year: date.slice(0, 4) }), range: '[0,199]' })
      .set(await as(t, 'admin'))
      .expect(200);
    return (res.body as Row[]).filter((r) => r.date === date);
  };
  const names = async (date: string) => (await ofDay(date)).map((r) => `${r.kind}: ${r.name}`);

  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
  });
  afterEach(() => jest.useRealTimers());
  afterAll(async () => {
    await t.close();
  });

  it('ships 2026 and 2027 as the SKB 3 Menteri decreed them, naming the decree', async () => {
    expect(await names('2026-01-16')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
    expect(await names('2026-03-23')).toEqual(['cuti_bersama: Cuti Bersama Idulfitri 1447 Hijriah']);
    expect(await names('2027-01-05')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
    expect(await names('2027-12-25')).toEqual(['national: Kelahiran Yesus Kristus']);
    expect(await names('2027-12-26')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
    expect((await ofDay('2027-03-15'))[0]).toMatchObject({ kind: 'cuti_bersama', source: SKB_2027 });
    const [{ n2026, n2027, examples }] = await t.db.query<{ n2026: number; n2027: number; examples: number }[]>(
      `SELECT count(*) FILTER (WHERE extract(year FROM date) = 2026)::int AS n2026,
              count(*) FILTER (WHERE extract(year FROM date) = 2027)::int AS n2027,
              count(*) FILTER (WHERE name ILIKE '%contoh%' OR name ILIKE '%periksa SKB%')::int AS examples
         FROM holidays`,
    );
    expect({ n2026, n2027, examples }).toEqual({ n2026: 25, n2027: 26, examples: 0 });
  });

  it('lets the admin correct a name, and a later start keeps the correction', async () => {
    const [isra] = await ofDay('2027-01-05');
    const res = await t.http
      .put(`/api/holidays/${isra.id}`)
      .set(await as(t, 'admin'))
      .send({ ...isra, name: 'Isra Mikraj Nabi Muhammad S.A.W. 1448 Hijriah' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: isra.id,
      date: '2027-01-05',
      name: 'Isra Mikraj Nabi Muhammad S.A.W. 1448 Hijriah',
      source: SKB_2027,
    });
    await t.db.transaction((m) => seedReferenceData(m, new Date('2026-12-01T00:00:00Z')));
    expect(await names('2027-01-05')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W. 1448 Hijriah']);
  });

  it('refuses a correction by a non-admin and a bad name, naming the field', async () => {
    const [day] = await ofDay('2027-05-20');
    await t.http
      .put(`/api/holidays/${day.id}`)
      .set(await as(t, 'kasi.dukcapil'))
      .send({ name: 'Waisak' })
      .expect(403);
    const bad = await t.http
      .put(`/api/holidays/${day.id}`)
      .set(await as(t, 'admin'))
      .send({ name: 'W' })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('names both holidays of a day, and the SLA clock still counts it as one day off', async () => {
    await t.http
      .post('/api/holidays')
      .set(await as(t, 'admin'))
      .send({ date: '2026-06-01', name: 'Hari Jadi Uji Coba', kind: 'local' })
      .expect(201);
    expect(await names('2026-06-01')).toEqual(['national: Hari Lahir Pancasila', 'local: Hari Jadi Uji Coba']);
    const dup = await t.http
      .post('/api/holidays')
      .set(await as(t, 'admin'))
      .send({ date: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'national' })
      .expect(409);
    expect(dup.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    const cal = await t.app.get(WorkingCalendarService).get();
    expect([...cal.holidays].filter((d) => d === '2026-06-01')).toHaveLength(1);
    // Friday 29 May 2026 09:00 WIB + 1 working day: Monday 1 June (two holidays) is off -> Tuesday 16:00 WIB.
    atInstant('2026-05-29T02:00:00Z');
    const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    expect(c.dueAt).toBe('2026-06-02T09:00:00.000Z');
  });

  it('replaces estimates loaded before a decree was known with the decree', async () => {
    await t.db.query(`DELETE FROM holidays WHERE extract(year FROM date) = 2027`);
    await t.db.query(`INSERT INTO holidays (date, name, kind, source) VALUES ('2027-01-05', 'Maulid Nabi Muhammad', 'national', $1)`, [
      ESTIMATE_SOURCE,
    ]);
    await t.db.transaction((m) => seedReferenceData(m, new Date('2026-12-01T00:00:00Z')));
    expect(await names('2027-01-05')).toEqual(['national: Isra Mikraj Nabi Muhammad S.A.W.']);
    const [{ n }] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM holidays WHERE extract(year FROM date) = 2027`);
    expect(n).toBe(26);
  });

  it('migrates down to one row per day (names joined) and up again', async () => {
    const ds: DataSource = t.db;
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const migration = new HolidayNames1764970000000();
      await migration.down(qr);
      const rows: { name: string }[] = await qr.query(`SELECT name FROM holidays WHERE date = '2026-06-01'`);
      expect(rows).toEqual([{ name: 'Hari Lahir Pancasila / Hari Jadi Uji Coba' }]);
      const [pk]: { def: string }[] = await qr.query(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'holidays'::regclass AND contype = 'p'`,
      );
      expect(pk.def).toBe('PRIMARY KEY (date)');
      await migration.up(qr);
      const back: { n: number }[] = await qr.query(`SELECT count(*)::int AS n FROM holidays WHERE date = '2026-06-01'`);
      expect(back).toEqual([{ n: 1 }]);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});

import { DataSource } from 'typeorm';
import { ReadDatabase } from '../../api/src/database/read-database';
import { createTestApp, type TestApp } from '../support/test-app';
import { as, demoSeed } from '../support/session';

// The replica itself is exercised by test/faults/read-replica.faults-spec.ts (a real one).
describe('read connection without READ_DATABASE_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is the primary itself, so reports read what was just written', async () => {
    const read = t.app.get(ReadDatabase);
    expect(read.onReplica).toBe(false);
    expect(read.source).toBe(t.app.get(DataSource));
    await t.http
      .get('/api/reports/sla')
      .set(await as(t, 'pimpinan'))
      .expect(200);
  });
});

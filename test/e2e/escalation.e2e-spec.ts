import { JobsService, ESCALATION_QUEUE } from '../../api/src/jobs/jobs.service';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf } from '../support/session';

describe('SLA escalation job (pg-boss on PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), env: { JOBS_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const escalations = async (caseId: string) =>
    (
      (await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'ESCALATE'`, [caseId])) as { n: number }[]
    )[0].n;

  async function waitFor(check: () => Promise<boolean>, ms = 15000): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('timed out waiting for the job');
  }

  it('escalates an overdue case once, logs it, and queues a notice to the supervisors', async () => {
    const overdue = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    const onTime = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
    // Fixture: the first case's deadline has passed.
    await t.db.query(`UPDATE cases SET due_at = now() - interval '2 hours' WHERE id = $1`, [overdue.id]);
    await t.app.get(JobsService).trigger(ESCALATION_QUEUE);
    await waitFor(async () => (await escalations(overdue.id)) === 1);
    expect(await escalations(onTime.id)).toBe(0);

    const log = (
      await t.http
        .get(`/api/cases/${overdue.id}/events`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body;
    expect(log[log.length - 1]).toMatchObject({ type: 'ESCALATE', actorRole: 'system', public: false });
    const audit = (
      await t.http
        .get(`/api/cases/${overdue.id}/audit`)
        .set(await as(t, 'kasi.dukcapil'))
        .expect(200)
    ).body;
    expect(audit.valid).toBe(true);
    const [notice] = (await t.db.query(`SELECT payload FROM outbox WHERE topic = 'case.escalated' AND aggregate_id = $1`, [
      overdue.id,
    ])) as { payload: { notifyUserIds: string[] } }[];
    expect(notice.payload.notifyUserIds).toEqual([await idOf(t, 'users', 'username', 'kasi.dukcapil')]);

    // A second run changes nothing: wait until pg-boss has run it to completion.
    const second = await t.app.get(JobsService).trigger(ESCALATION_QUEUE);
    expect(second).toEqual(expect.any(String));
    await waitFor(async () => {
      const [job] = (await t.db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [second])) as { state: string }[];
      if (job?.state === 'failed') throw new Error('the escalation job failed');
      return job?.state === 'completed';
    });
    expect(await escalations(overdue.id)).toBe(1);
  });
});

import type { WorkflowDefinition } from '@layanan/workflow';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, idOf, VALID_NIK, validDocuments } from '../support/session';

interface Draft {
  id: string;
  key: string;
  revision: number;
  baseVersion: number | null;
  definition: WorkflowDefinition;
  problems: { code: string; state?: string; event?: string }[];
}

describe('workflow designer: drafts, publish, versions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0) });
  });
  afterAll(async () => {
    await t.close();
  });

  const admin = () => as(t, 'admin');
  const versionsOf = async (key: string) =>
    (
      await t.http
        .get('/api/workflows')
        .query({ filter: JSON.stringify({ key }) })
        .set(await admin())
        .expect(200)
    ).body as { id: string; version: number; label: { id: string; en: string }; definition: WorkflowDefinition }[];
  const save = async (draft: Draft, definition: WorkflowDefinition, layout = { positions: {} }) =>
    t.http
      .put(`/api/workflow-drafts/${draft.id}`)
      .set(await admin())
      .send({ definition, layout, revision: draft.revision });
  const actions = async (user: string, id: string) =>
    (
      (
        await t.http
          .get(`/api/cases/${id}`)
          .set(await as(t, user))
          .expect(200)
      ).body.availableActions as { type: string }[]
    ).map((a) => a.type);

  it('publish -> new case on the new version -> the running case keeps its version', async () => {
    const [v1] = await versionsOf('standard');
    expect(v1).toMatchObject({ version: 1, label: { id: 'Standar', en: 'Standard' } });
    const old = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', { namaAnak: 'Bima', tanggalLahir: '2026-11-20' });

    const draft = (
      await t.http
        .post('/api/workflow-drafts')
        .set(await admin())
        .send({ fromId: v1.id })
        .expect(201)
    ).body as Draft;
    expect(draft).toMatchObject({ key: 'standard', baseVersion: 1, revision: 1, problems: [] });

    // The admin adds an internal note step on the first state and renames what citizens see.
    const edited = structuredClone(draft.definition);
    edited.states.submitted.publicLabel = { id: 'Berkas Diterima', en: 'File received' };
    edited.states.submitted.on = {
      ...edited.states.submitted.on,
      NOTE: { target: 'submitted', roles: ['verifier'], requires: ['comment'], public: false },
    };
    const saved = await save(draft, edited, { positions: { submitted: { x: 10, y: 20 } } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: 2, problems: [], layout: { positions: { submitted: { x: 10, y: 20 } } } });
    // The stale revision is refused rather than overwriting the newer save.
    const stale = await save(draft, edited);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('DRAFT_STALE');

    const published = await t.http
      .post(`/api/workflow-drafts/${draft.id}/publish`)
      .set(await admin())
      .send({ revision: 2 })
      .expect(201);
    expect(published.body).toMatchObject({ key: 'standard', version: 2, layout: { positions: { submitted: { x: 10, y: 20 } } } });
    expect(published.body.definition.version).toBe(2);
    await t.http
      .get(`/api/workflow-drafts/${draft.id}`)
      .set(await admin())
      .expect(404);

    // Binding: the service's next version points at standard v2.
    const serviceId = await idOf(t, 'services', 'code', 'akta-kelahiran');
    const svc = (
      await t.http
        .get(`/api/services/${serviceId}`)
        .set(await admin())
        .expect(200)
    ).body;
    const bound = await t.http
      .put(`/api/services/${serviceId}`)
      .set(await admin())
      .send({ ...svc, workflowVersion: 2 })
      .expect(200);
    expect(bound.body).toMatchObject({ workflowKey: 'standard', workflowVersion: 2, version: svc.version + 1 });

    const fresh = await counterCase(t, 'petugas.dukcapil', 'akta-kelahiran', { namaAnak: 'Sekar', tanggalLahir: '2026-11-21' });
    const freshDetail = (
      await t.http
        .get(`/api/cases/${fresh.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(freshDetail).toMatchObject({ workflowKey: 'standard', workflowVersion: 2 });
    expect(await actions('verifikator.dukcapil', fresh.id)).toContain('NOTE');

    const oldDetail = (
      await t.http
        .get(`/api/cases/${old.id}`)
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body;
    expect(oldDetail).toMatchObject({ workflowKey: 'standard', workflowVersion: 1, state: 'submitted', version: old.version });
    expect(await actions('verifikator.dukcapil', old.id)).not.toContain('NOTE');
    const refused = await t.http
      .post(`/api/cases/${old.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'NOTE', comment: 'catatan', version: oldDetail.version });
    expect(refused.status).toBe(409);
    // The old case still runs on v1.
    await validDocuments(t, old.id);
    const verified = await t.http
      .post(`/api/cases/${old.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'VERIFY', version: oldDetail.version })
      .expect(200);
    expect(verified.body).toMatchObject({ state: 'verified', workflowVersion: 1 });
    // And the new one on v2, internal step included.
    const noted = await t.http
      .post(`/api/cases/${fresh.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'NOTE', comment: 'Akta lama dicek', version: freshDetail.version })
      .expect(200);
    expect(noted.body).toMatchObject({ state: 'submitted', workflowVersion: 2 });
    // The citizen's step bar uses v2's public labels; the internal note is not a step.
    const tracked = await t.http.get(`/api/public/track/${fresh.trackingCode}?factor=${VALID_NIK.slice(-4)}`).expect(200);
    expect(tracked.body.steps).toEqual([
      { label: { id: 'Berkas Diterima', en: 'File received' }, status: 'current' },
      { label: { id: 'Sedang Diproses', en: 'In process' }, status: 'todo' },
      { label: { id: 'Selesai - Siap Diambil', en: 'Completed - ready for pickup' }, status: 'todo' },
      { label: { id: 'Sudah Diambil', en: 'Collected' }, status: 'todo' },
    ]);
    const trackedOld = await t.http.get(`/api/public/track/${old.trackingCode}?factor=${VALID_NIK.slice(-4)}`).expect(200);
    expect(trackedOld.body.steps.map((s: { label: { id: string }; status: string }) => `${s.label.id}:${s.status}`)).toEqual([
      'Menunggu Verifikasi:done',
      'Sedang Diproses:current',
      'Selesai - Siap Diambil:todo',
      'Sudah Diambil:todo',
    ]);

    const diff = await t.http
      .get('/api/workflows/diff')
      .query({ from: v1.id, to: published.body.id })
      .set(await admin())
      .expect(200);
    expect(diff.body).toEqual({
      from: { id: v1.id, key: 'standard', version: 1 },
      to: { id: published.body.id, key: 'standard', version: 2 },
      changes: [
        {
          kind: 'state-changed',
          state: 'submitted',
          changes: [
            {
              field: 'publicLabel',
              from: { id: 'Menunggu Verifikasi', en: 'Awaiting verification' },
              to: { id: 'Berkas Diterima', en: 'File received' },
            },
          ],
        },
        { kind: 'transition-added', state: 'submitted', event: 'NOTE' },
      ],
    });
  });

  it('refuses to publish an invalid draft with 422 naming each state and event, and stores nothing', async () => {
    const [v1] = await versionsOf('with-inspection');
    const draft = (
      await t.http
        .post('/api/workflow-drafts')
        .set(await admin())
        .send({ fromId: v1.id })
        .expect(201)
    ).body as Draft;
    const broken = structuredClone(draft.definition);
    broken.states.verified.on!.INSPECT.roles = [];
    broken.states.archived = { label: { id: 'Arsip', en: 'Archived' }, publicLabel: { id: '', en: '' }, clock: 'running', final: true };
    // A hold step whose only way on is waiting again: cases would stay there for ever.
    broken.states.verified.on!.HOLD = { target: 'onHold', roles: ['supervisor'] };
    broken.states.onHold = {
      label: { id: 'Ditahan', en: 'On hold' },
      publicLabel: { id: 'Ditahan', en: 'On hold' },
      clock: 'paused',
      on: { WAIT: { target: 'onHold', roles: ['supervisor'] } },
    };
    const saved = (await save(draft, broken)).body as Draft;
    expect(saved.problems.map((p) => [p.code, p.state, p.event])).toEqual([
      ['PUBLIC_LABEL_MISSING', 'archived', undefined],
      ['FINAL_CLOCK_RUNNING', 'archived', undefined],
      ['NO_ROLES', 'verified', 'INSPECT'],
      ['UNREACHABLE_STATE', 'archived', undefined],
      ['NO_WAY_TO_END', 'onHold', undefined],
    ]);
    const res = await t.http
      .post(`/api/workflow-drafts/${draft.id}/publish`)
      .set(await admin())
      .send({ revision: saved.revision });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WORKFLOW_INVALID');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        {
          field: 'definition.states.verified.on.INSPECT.roles',
          message: 'no role may send INSPECT',
          problem: 'NO_ROLES',
          state: 'verified',
          event: 'INSPECT',
        },
        {
          field: 'definition.states.onHold',
          message: "no final state can be reached from 'onHold'",
          problem: 'NO_WAY_TO_END',
          state: 'onHold',
        },
      ]),
    );
    expect(res.body.details).toHaveLength(5);
    expect((await versionsOf('with-inspection')).map((v) => v.version)).toEqual([1]);
    // The draft is still there to fix.
    await t.http
      .get(`/api/workflow-drafts/${draft.id}`)
      .set(await admin())
      .expect(200);
    // Publishing an unchanged copy makes no new version either.
    const back = await save(saved, draft.definition);
    const same = await t.http
      .post(`/api/workflow-drafts/${draft.id}/publish`)
      .set(await admin())
      .send({ revision: back.body.revision });
    expect(same.status).toBe(422);
    expect(same.body).toMatchObject({ code: 'RULE_VIOLATED', details: [{ field: 'definition' }] });
    await t.http
      .delete(`/api/workflow-drafts/${draft.id}`)
      .set(await admin())
      .expect(200);
  });

  it('starts a new workflow from a key and a name, and refuses bad drafts by field', async () => {
    const created = await t.http
      .post('/api/workflow-drafts')
      .set(await admin())
      .send({ key: 'surat-keterangan', name: { id: 'Surat Keterangan', en: 'Certificate letter' } })
      .expect(201);
    expect(created.body).toMatchObject({ key: 'surat-keterangan', baseVersion: null, problems: [] });
    const again = await t.http
      .post('/api/workflow-drafts')
      .set(await admin())
      .send({ key: 'surat-keterangan', name: { id: 'Surat Keterangan', en: 'Certificate letter' } });
    expect(again.status).toBe(409);
    expect(again.body.details).toEqual([expect.objectContaining({ field: 'key' })]);
    const taken = await t.http
      .post('/api/workflow-drafts')
      .set(await admin())
      .send({ key: 'standard', name: { id: 'Standar', en: 'Standard' } });
    expect(taken.status).toBe(409);
    const neither = await t.http
      .post('/api/workflow-drafts')
      .set(await admin())
      .send({});
    expect(neither.status).toBe(422);
    expect(neither.body.details).toEqual([expect.objectContaining({ field: 'key' })]);
    const badKey = await t.http
      .post('/api/workflow-drafts')
      .set(await admin())
      .send({ key: 'Surat Keterangan!', name: { id: 'Surat', en: 'Letter' } });
    expect(badKey.status).toBe(400);
    const badLayout = await t.http
      .put(`/api/workflow-drafts/${created.body.id}`)
      .set(await admin())
      .send({ definition: created.body.definition, layout: { positions: { submitted: { x: 'left' } } }, revision: 1 });
    expect(badLayout.status).toBe(400);
    expect(badLayout.body.details).toEqual([expect.objectContaining({ field: 'layout.positions.submitted' })]);
    // Any JSON is kept while editing, and the shape problem is named.
    const notYet = await t.http
      .put(`/api/workflow-drafts/${created.body.id}`)
      .set(await admin())
      .send({ definition: { key: 'surat-keterangan', states: [] }, layout: { positions: {} }, revision: 1 })
      .expect(200);
    expect(notYet.body.problems.map((p: { code: string; path: string }) => [p.code, p.path])).toEqual([
      ['SHAPE_INVALID', 'name'],
      ['SHAPE_INVALID', 'initial'],
      ['SHAPE_INVALID', 'states'],
    ]);
    const restored = await t.http
      .put(`/api/workflow-drafts/${created.body.id}`)
      .set(await admin())
      .send({ definition: created.body.definition, layout: { positions: {} }, revision: 2 })
      .expect(200);
    const v1 = await t.http
      .post(`/api/workflow-drafts/${created.body.id}/publish`)
      .set(await admin())
      .send({ revision: restored.body.revision })
      .expect(201);
    expect(v1.body).toMatchObject({ key: 'surat-keterangan', version: 1, label: { id: 'Surat Keterangan', en: 'Certificate letter' } });
  });

  it("words a designed workflow's own events in the citizen's timeline by the step they led to, in the citizen's language", async () => {
    const created = (
      await t.http
        .post('/api/workflow-drafts')
        .set(await admin())
        .send({ key: 'periksa-cepat', name: { id: 'Periksa Cepat', en: 'Quick check' } })
        .expect(201)
    ).body as Draft;
    const def = structuredClone(created.definition);
    def.states.submitted.on = { START_REVIEW: { target: 'review', roles: ['verifier'] } };
    def.states.review = {
      label: { id: 'Diperiksa', en: 'Under review' },
      publicLabel: { id: 'Sedang Diperiksa', en: 'Being checked' },
      clock: 'running',
      on: { FINISH: { target: 'completed', roles: ['supervisor'] } },
    };
    const saved = await save(created, def);
    expect(saved.body.problems).toEqual([]);
    const published = await t.http
      .post(`/api/workflow-drafts/${created.id}/publish`)
      .set(await admin())
      .send({ revision: saved.body.revision })
      .expect(201);
    const serviceId = await idOf(t, 'services', 'code', 'kartu-keluarga');
    const svc = (
      await t.http
        .get(`/api/services/${serviceId}`)
        .set(await admin())
        .expect(200)
    ).body;
    await t.http
      .put(`/api/services/${serviceId}`)
      .set(await admin())
      .send({ ...svc, workflowKey: 'periksa-cepat', workflowVersion: published.body.version })
      .expect(200);
    const c = await counterCase(t, 'petugas.dukcapil', 'kartu-keluarga', { jenis: 'baru' });
    await t.http
      .post(`/api/cases/${c.id}/events`)
      .set(await as(t, 'verifikator.dukcapil'))
      .send({ type: 'START_REVIEW', version: c.version })
      .expect(200);
    const track = async (lang: string) =>
      (
        await t.http
          .get(`/api/public/track/${c.trackingCode}?factor=${VALID_NIK.slice(-4)}`)
          .set('Accept-Language', lang)
          .expect(200)
      ).body.timeline.map((e: { type: string; label: string }) => [e.type, e.label]);
    expect(await track('id')).toEqual([
      ['SUBMIT', 'Permohonan diajukan'],
      ['START_REVIEW', 'Sedang Diperiksa'],
    ]);
    expect(await track('en')).toEqual([
      ['SUBMIT', 'Application submitted'],
      ['START_REVIEW', 'Being checked'],
    ]);
  });

  it('lets only the admin edit workflows, and the database refuses changes to a published version', async () => {
    const denied = await t.http
      .post('/api/workflow-drafts')
      .set(await as(t, 'kadis.dukcapil'))
      .send({ key: 'mine', name: { id: 'Punyaku', en: 'Mine' } });
    expect(denied.status).toBe(403);
    await t.http
      .get('/api/workflow-drafts')
      .set(await as(t, 'petugas.dukcapil'))
      .expect(403);
    const [v1] = await versionsOf('standard');
    await expect(t.db.query(`UPDATE workflow_definitions SET definition = '{}'::jsonb WHERE id = $1`, [v1.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(t.db.query(`DELETE FROM workflow_definitions WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
    expect((await versionsOf('standard'))[0].definition.states.submitted.label.id).toBe('Menunggu Verifikasi');
  });
});

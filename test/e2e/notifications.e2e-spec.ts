import { createTestApp, TestApp } from '../support/test-app';
import { as, demoSeed, idOf, validDocuments, VALID_NIK, withIntakeDocuments } from '../support/session';
import { startMessageSinks, waitFor, type HttpSink, type MessageSinks, type SmtpSink } from '../support/fake-servers';

describe('citizen and staff notifications (relay on PostgreSQL, real SMTP server, fake WhatsApp Cloud API)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let wa: HttpSink;
  let sinks: MessageSinks;

  beforeAll(async () => {
    sinks = await startMessageSinks();
    ({ smtp, wa } = sinks);
    t = await createTestApp({ seed: demoSeed(0), env: { ...sinks.env, DELIVERY_MAX_ATTEMPTS: '3' } });
  });
  afterAll(async () => {
    await t.close();
    await sinks.close();
  });

  const event = async (user: string, id: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/cases/${id}/events`)
      .set(await as(t, user))
      .send(body);
    if (res.status !== 200) throw new Error(`${String(body.type)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number; state: string };
  };

  async function newCase(email: string | null, phone = '081234567890') {
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    const res = await withIntakeDocuments(t, t.http.post('/api/cases').set(await as(t, 'petugas.dukcapil')), {
      serviceId,
      applicant: { nik: VALID_NIK, name: 'Sari Wulandari', phone, ...(email ? { email } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; trackingCode: string };
  }

  const consent = async (id: string, channels: string[], locale = 'id') =>
    t.http
      .put(`/api/cases/${id}/notification-consent`)
      .set(await as(t, 'petugas.dukcapil'))
      .send({ channels, locale });

  const mailsTo = (address: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address));
  const waTo = (digits: string) => wa.requests.filter((r) => (JSON.parse(r.body) as { to: string }).to === digits);

  it('sends the receipt once, in Indonesian, by email and WhatsApp template, after consent recorded at the counter', async () => {
    const c = await newCase('sari@example.org', '081234567801');
    expect((await consent(c.id, ['email', 'whatsapp'])).status).toBe(200);
    await waitFor(() => mailsTo('sari@example.org').length === 1 && waTo('6281234567801').length === 1, 10_000, 'receipt');
    const [mail] = mailsTo('sari@example.org');
    expect(mail?.subject).toMatch(new RegExp(`^Permohonan .+ diterima \\(${c.trackingCode}\\)$`));
    expect(mail?.text).toContain(`Kode lacak: ${c.trackingCode}`);
    expect(mail?.text).toContain(`https://layanan.malangkota.go.id/portal/lacak?kode=${c.trackingCode}`);
    expect(mail?.text).toContain('Yth. Sari Wulandari');
    const [req] = waTo('6281234567801');
    expect(req?.path).toBe('/v21.0/1234567890/messages');
    expect(req?.headers.authorization).toBe('Bearer fake-token');
    const body = JSON.parse(req?.body ?? '{}');
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      type: 'template',
      template: { name: 'lt_permohonan_diterima', language: { code: 'id' } },
    });
    expect(body.template.components[0].parameters.map((p: { text: string }) => p.text)).toContain(c.trackingCode);
    // Changing the choice later does not send a second receipt.
    await consent(c.id, ['email']);
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo('sari@example.org')).toHaveLength(1);
  });

  it('tells the citizen the reason of a return and of a rejection, with the link', async () => {
    const c = await newCase('budi@example.org');
    await consent(c.id, ['email']);
    let d = await event('verifikator.dukcapil', c.id, { type: 'RETURN', version: c.version, reason: 'Foto KK buram, unggah ulang' });
    await waitFor(() => mailsTo('budi@example.org').some((m) => m.subject?.includes('perlu perbaikan')), 10_000, 'return mail');
    const returned = mailsTo('budi@example.org').find((m) => m.subject?.includes('perlu perbaikan'));
    expect(returned?.text).toContain('Catatan petugas: Foto KK buram, unggah ulang');
    expect(returned?.text).toContain(`lacak?kode=${c.trackingCode}`);
    d = await event('petugas.dukcapil', c.id, { type: 'RESUBMIT', version: d.version });
    await event('verifikator.dukcapil', c.id, { type: 'REJECT', version: d.version, reason: 'Bukan warga Kota Malang' });
    await waitFor(() => mailsTo('budi@example.org').some((m) => m.subject?.includes('ditolak')), 10_000, 'reject mail');
    expect(mailsTo('budi@example.org').find((m) => m.subject?.includes('ditolak'))?.text).toContain('Alasan: Bukan warga Kota Malang');
    // The verifier who returned it hears that it came back.
    const inbox = (
      await t.http
        .get('/api/notifications')
        .set(await as(t, 'verifikator.dukcapil'))
        .expect(200)
    ).body as { kind: string; caseId: string }[];
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'case_resubmitted', caseId: c.id })]));
  });

  it('announces completion with the download link (English when chosen)', async () => {
    const c = await newCase('citra@example.org');
    await consent(c.id, ['email'], 'en');
    await validDocuments(t, c.id);
    let d = await event('verifikator.dukcapil', c.id, { type: 'VERIFY', version: c.version });
    d = await event('kasi.dukcapil', c.id, { type: 'APPROVE', version: d.version });
    await event('petugas.dukcapil', c.id, { type: 'ISSUE', version: d.version });
    await waitFor(() => mailsTo('citra@example.org').some((m) => m.subject?.includes('completed')), 10_000, 'completion mail');
    const done = mailsTo('citra@example.org').find((m) => m.subject?.includes('completed'));
    expect(done?.subject).toBe(`Application ${c.trackingCode} completed`);
    expect(done?.text).toContain(`Download or view your document at https://layanan.malangkota.go.id/portal/lacak?kode=${c.trackingCode}`);
  });

  it('sends nothing without consent or without a contact', async () => {
    const silent = await newCase('diam@example.org');
    const noEmail = await newCase(null, '081234567899');
    await consent(noEmail.id, ['email']);
    const view = (
      await t.http
        .get(`/api/cases/${noEmail.id}/notification-consent`)
        .set(await as(t, 'petugas.dukcapil'))
        .expect(200)
    ).body;
    expect(view).toMatchObject({ channels: ['email'], reachable: [] });
    await new Promise((r) => setTimeout(r, 600));
    const rows = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM deliveries WHERE aggregate_id = ANY($1)`, [
      [silent.id, noEmail.id],
    ]);
    expect(rows[0]?.n).toBe(0);
    expect(mailsTo('diam@example.org')).toHaveLength(0);
  });

  it('records the channels chosen with an online application and says on the receipt which will really be used', async () => {
    const serviceId = await idOf(t, 'services', 'code', 'akta-kelahiran');
    const apply = (key: string, email: string | null, notifications?: unknown) =>
      withIntakeDocuments(t, t.http.post('/api/public/applications').set('Idempotency-Key', key), {
        serviceId,
        applicant: {
          nik: VALID_NIK,
          name: 'Dewi Lestari',
          phone: '081234567811',
          ...(email ? { email } : {}),
          address: { street: 'Jl. Ijen 5', kelurahan: 'Oro-oro Dowo', kecamatan: 'Klojen' },
        },
        formData: { namaAnak: 'Bima', tanggalLahir: '2026-11-20' },
        ...(notifications ? { notifications } : {}),
      });
    const both = await apply('consent-online-1', 'dewi@example.org', { channels: ['email', 'whatsapp'], locale: 'id' });
    expect(both.status).toBe(201);
    expect(both.body.notificationChannels).toEqual(['email', 'whatsapp']);
    await waitFor(() => mailsTo('dewi@example.org').length === 1 && waTo('6281234567811').length === 1, 10_000, 'online receipt');
    expect(mailsTo('dewi@example.org')[0]?.text).toContain(`Kode lacak: ${String(both.body.trackingCode)}`);
    const [stored] = await t.db.query<{ channels: string[]; source: string; recorded_by_id: string | null }[]>(
      `SELECT n.channels, n.source, n.recorded_by_id FROM case_notification_consents n JOIN cases c ON c.id = n.case_id WHERE c.tracking_code = $1`,
      [both.body.trackingCode],
    );
    expect(stored).toEqual({ channels: ['email', 'whatsapp'], source: 'portal', recorded_by_id: null });

    // Email chosen without an address: the receipt promises nothing, and nothing is sent.
    const none = await apply('consent-online-2', null, { channels: ['email'] });
    expect(none.status).toBe(201);
    expect(none.body.notificationChannels).toEqual([]);
    const silent = await apply('consent-online-3', 'senyap@example.org');
    expect(silent.body.notificationChannels).toEqual([]);
    const bad = await apply('consent-online-4', null, { channels: ['sms'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('notifications.channels');
    await new Promise((r) => setTimeout(r, 600));
    expect(mailsTo('senyap@example.org')).toHaveLength(0);
  });

  it('takes the choice with a counter application (consent recorded by the officer)', async () => {
    const serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
    const res = await withIntakeDocuments(t, t.http.post('/api/cases').set(await as(t, 'petugas.dukcapil')), {
      serviceId,
      applicant: { nik: VALID_NIK, name: 'Rudi Hartono', phone: '081234567812', email: 'rudi@example.org' },
      notifications: { channels: ['email'], locale: 'en' },
    });
    expect(res.status).toBe(201);
    await waitFor(() => mailsTo('rudi@example.org').length === 1, 10_000, 'counter receipt');
    expect(mailsTo('rudi@example.org')[0]?.subject).toMatch(/^Application for .+ received/);
    expect(waTo('6281234567812')).toHaveLength(0);
    const view = (
      await t.http
        .get(`/api/cases/${String(res.body.id)}/notification-consent`)
        .set(await as(t, 'petugas.dukcapil'))
        .expect(200)
    ).body;
    expect(view).toMatchObject({ channels: ['email'], locale: 'en', source: 'counter', reachable: ['email'] });
  });

  it('retries an unreachable SMTP server without blocking transitions, and delivers', async () => {
    smtp.failNext(2);
    const c = await newCase('eka@example.org');
    await consent(c.id, ['email']);
    // The case moves on while the mail waits.
    await event('verifikator.dukcapil', c.id, { type: 'CLAIM', version: c.version });
    await waitFor(() => mailsTo('eka@example.org').length === 1, 10_000, 'retried mail');
    const [row] = await t.db.query<
      {
        status: string;
        attempts: number;
      }[]
    >(`SELECT status, attempts FROM deliveries WHERE aggregate_id = $1 AND channel = 'email'`, [c.id]);
    expect(row).toEqual({ status: 'delivered', attempts: 3 });
  });

  it('dead-letters a refused WhatsApp message, lists it with the error, and delivers it on retry', async () => {
    wa.respond([400]);
    const c = await newCase(null, '081234567802');
    await consent(c.id, ['whatsapp']);
    const admin = await as(t, 'admin');
    let dead: { id: string; lastError: string; status: string }[] = [];
    await waitFor(
      async () => {
        dead = (
          await t.http
            .get('/api/deliveries')
            .query({ filter: JSON.stringify({ status: 'dead', caseId: c.id }) })
            .set(admin)
            .expect(200)
        ).body;
        return dead.length === 1;
      },
      10_000,
      'dead letter',
    );
    expect(dead[0]?.lastError).toContain('WhatsApp 400');
    expect(waTo('6281234567802')).toHaveLength(0);
    await t.http.post(`/api/deliveries/${dead[0]?.id}/retry`).set(admin).expect(200);
    await waitFor(() => waTo('6281234567802').length === 1, 10_000, 'retried WhatsApp');
    await t.http.post(`/api/deliveries/${dead[0]?.id}/retry`).set(admin).expect(422);
    await t.http
      .get('/api/deliveries')
      .set(await as(t, 'kasi.dukcapil'))
      .expect(403);
  });

  it('puts "assigned to you" in the assignee inbox, with an ETag the console polls against', async () => {
    const c = await newCase(null);
    const budi = await as(t, 'verifikator2.dukcapil');
    const before = await t.http.get('/api/notifications/summary').set(budi).expect(200);
    const etag = before.headers.etag;
    await t.http.get('/api/notifications/summary').set(budi).set('If-None-Match', etag).expect(304);
    const assigneeId = await idOf(t, 'users', 'username', 'verifikator2.dukcapil');
    await event('kasi.dukcapil', c.id, { type: 'ASSIGN', version: c.version, assigneeId, reason: 'Cuti' });
    let summary = before;
    await waitFor(
      async () => {
        summary = await t.http.get('/api/notifications/summary').set(budi).set('If-None-Match', etag);
        return summary.status === 200 && summary.body.unread === before.body.unread + 1;
      },
      10_000,
      'inbox notice',
    );
    const [notice] = (await t.http.get('/api/notifications?unread=true').set(budi).expect(200)).body as {
      id: string;
      kind: string;
      caseId: string;
      trackingCode: string;
    }[];
    expect(notice).toMatchObject({ kind: 'case_assigned', caseId: c.id, trackingCode: c.trackingCode });
    await t.http.post(`/api/notifications/${notice?.id}/read`).set(budi).expect(204);
    // Someone else's notice is not theirs to mark.
    await t.http
      .post(`/api/notifications/${notice?.id}/read`)
      .set(await as(t, 'petugas.dukcapil'))
      .expect(404);
    expect((await t.http.get('/api/notifications/summary').set(budi).expect(200)).body.unread).toBe(before.body.unread);
  });

  it('validates template placeholders at save time and uses the saved text', async () => {
    const admin = await as(t, 'admin');
    const bad = await t.http
      .put('/api/notification-templates/application_received.email.id')
      .set(admin)
      .send({ body: 'Halo {{nama}}, kode {{trackingCode}}' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('TEMPLATE_INVALID');
    expect(bad.body.details[0]).toMatchObject({ field: 'body' });
    expect(bad.body.details[0].message).toContain('{{nama}}');
    const helper = await t.http
      .put('/api/notification-templates/application_received.email.id')
      .set(admin)
      .send({ body: '{{lookup this "constructor"}}' });
    expect(helper.status).toBe(422);
    const wrongCount = await t.http
      .put('/api/notification-templates/returned.whatsapp.id')
      .set(admin)
      .send({ waParams: ['{{trackingCode}}'] });
    expect(wrongCount.body.details[0]).toMatchObject({ field: 'waParams' });
    await t.http
      .put('/api/notification-templates/application_received.email.id')
      .set(admin)
      .send({ subject: 'Diterima: {{trackingCode}}', body: 'Halo {{name}}{{#if dueDate}}, selesai {{dueDate}}{{/if}}.' })
      .expect(200);
    await t.http
      .put('/api/notification-templates/application_received.email.id')
      .set(await as(t, 'kasi.dukcapil'))
      .send({ body: 'x' })
      .expect(403);
    const c = await newCase('fajar@example.org');
    await consent(c.id, ['email']);
    await waitFor(() => mailsTo('fajar@example.org').length === 1, 10_000, 'mail with the new text');
    expect(mailsTo('fajar@example.org')[0]?.subject).toBe(`Diterima: ${c.trackingCode}`);
    expect(mailsTo('fajar@example.org')[0]?.text?.trim()).toMatch(/^Halo Sari Wulandari, selesai \d+ \w+ \d{4}\.$/);
  });
});

import type { ComplaintDetail, ComplaintSummary, PublicComplaintView } from '@layanan/contracts';
import { startMessageSinks, waitFor, type HttpSink, type MessageSinks, type SmtpSink } from '../support/fake-servers';
import { as, demoSeed, idOf } from '../support/session';
import { createTestApp, type TestApp } from '../support/test-app';

const MESSAGE = 'Petugas loket tidak memberi penjelasan syarat yang kurang dan saya harus datang tiga kali.';

describe('complaint notifications: receipt with its code and the answer, through outbox → relay → SMTP / WhatsApp', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let wa: HttpSink;
  let serviceId: string;
  let sinks: MessageSinks;

  beforeAll(async () => {
    sinks = await startMessageSinks();
    ({ smtp, wa } = sinks);
    t = await createTestApp({ seed: demoSeed(0), env: sinks.env });
    serviceId = await idOf(t, 'services', 'code', 'ktp-el-baru');
  });
  afterAll(async () => {
    await t.close();
    await sinks.close();
  });

  const file = (body: Record<string, unknown>) =>
    t.http.post('/api/public/complaints').send({ serviceId, name: 'Budi Santoso', message: MESSAGE, ...body });
  const mailsTo = (address: string) => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address));
  const waTo = (digits: string) => wa.requests.filter((r) => (JSON.parse(r.body) as { to: string }).to === digits);

  it('sends the receipt with the complaint code, then the answer notice, by e-mail and WhatsApp, with consent recorded', async () => {
    const res = await file({ email: 'budi@example.org', phone: '081298765401', notify: ['email', 'whatsapp'] });
    expect(res.status).toBe(201);
    const filed = res.body as PublicComplaintView;
    const [stored] = await t.db.query<{ notify_channels: string[]; notify_locale: string; notify_consented_at: Date | null }[]>(
      `SELECT notify_channels, notify_locale, notify_consented_at FROM complaints WHERE tracking_code = $1`,
      [filed.trackingCode],
    );
    expect(stored).toMatchObject({ notify_channels: ['email', 'whatsapp'], notify_locale: 'id' });
    expect(stored.notify_consented_at).not.toBeNull();

    await waitFor(() => mailsTo('budi@example.org').length === 1 && waTo('6281298765401').length === 1, 10_000, 'receipt');
    const [receipt] = mailsTo('budi@example.org');
    expect(receipt.subject).toBe(`Pengaduan Anda diterima (${filed.trackingCode})`);
    expect(receipt.text).toContain('Yth. Budi Santoso');
    expect(receipt.text).toContain(`Kode pengaduan: ${filed.trackingCode}`);
    expect(receipt.text).toContain(`https://layanan.malangkota.go.id/portal/pengaduan/${filed.trackingCode}`);
    const waReceipt = JSON.parse(waTo('6281298765401')[0].body) as { template: { name: string; components: unknown } };
    expect(waReceipt.template.name).toBe('pengaduan_diterima');
    expect(JSON.stringify(waReceipt.template.components)).toContain(filed.trackingCode);

    // The officer answers: one more message per channel, and the answer text itself stays on the portal.
    const [row] = (
      await t.http
        .get('/api/complaints')
        .query({ filter: JSON.stringify({ q: filed.trackingCode }) })
        .set(await as(t, 'pengaduan.dukcapil'))
        .expect(200)
    ).body as ComplaintSummary[];
    let c = (
      await t.http
        .get(`/api/complaints/${row.id}`)
        .set(await as(t, 'pengaduan.dukcapil'))
        .expect(200)
    ).body as ComplaintDetail;
    for (const step of [
      { type: 'START' },
      { type: 'ANSWER', answer: 'Mohon maaf; petugas sudah kami bina dan syaratnya kini tertulis di loket.' },
    ]) {
      const moved = await t.http
        .post(`/api/complaints/${c.id}/actions`)
        .set(await as(t, 'pengaduan.dukcapil'))
        .send({ ...step, version: c.version });
      expect(moved.status).toBe(200);
      c = moved.body as ComplaintDetail;
    }
    await waitFor(() => mailsTo('budi@example.org').length === 2 && waTo('6281298765401').length === 2, 10_000, 'answer notice');
    const answered = mailsTo('budi@example.org')[1];
    expect(answered.subject).toBe(`Pengaduan ${filed.trackingCode} telah dijawab`);
    expect(answered.text).toContain(`https://layanan.malangkota.go.id/portal/pengaduan/${filed.trackingCode}`);
    expect(answered.text).not.toContain('petugas sudah kami bina');
    expect((JSON.parse(waTo('6281298765401')[1].body) as { template: { name: string } }).template.name).toBe('pengaduan_dijawab');
    // START and CLOSE notify nobody.
    const closed = await t.http
      .post(`/api/complaints/${c.id}/actions`)
      .set(await as(t, 'pengaduan.dukcapil'))
      .send({ type: 'CLOSE', version: c.version });
    expect(closed.status).toBe(200);
    await waitFor(
      async () => (await t.db.query(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND processed_at IS NULL`, [c.id])).length === 0,
      10_000,
      'outbox drained',
    );
    const events = await t.db.query<{ event: string; status: string }[]>(
      `SELECT event, status FROM deliveries WHERE aggregate_id = $1 ORDER BY id`,
      [c.id],
    );
    expect(events.map((e) => e.event)).toEqual(['complaint_received', 'complaint_received', 'complaint_answered', 'complaint_answered']);
  });

  it('in English when asked, and nothing without consent', async () => {
    const en = await file({ email: 'ann@example.org', notify: 'email', locale: 'en' });
    expect(en.status).toBe(201);
    const silent = await file({ email: 'diam@example.org' });
    expect(silent.status).toBe(201);
    await waitFor(() => mailsTo('ann@example.org').length === 1, 10_000, 'english receipt');
    expect(mailsTo('ann@example.org')[0].subject).toBe(`Your complaint was received (${(en.body as PublicComplaintView).trackingCode})`);
    await waitFor(
      async () => (await t.db.query(`SELECT 1 FROM outbox WHERE topic LIKE 'complaint.%' AND processed_at IS NULL`)).length === 0,
      10_000,
      'outbox drained',
    );
    expect(mailsTo('diam@example.org')).toHaveLength(0);
  });

  it('consent to a channel without its contact, or an unknown channel: 400 naming the field, nothing stored', async () => {
    const before = (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM complaints`))[0].n;
    const noEmail = await file({ phone: '081298765409', notify: ['email'] });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.details[0].field).toBe('email');
    const noPhone = await file({ email: 'x@example.org', notify: 'whatsapp' });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.details[0].field).toBe('phone');
    const unknown = await file({ email: 'x@example.org', notify: ['email', 'sms'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('notify');
    const badLocale = await file({ email: 'x@example.org', notify: ['email'], locale: 'fr' });
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.details[0].field).toBe('locale');
    expect((await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM complaints`))[0].n).toBe(before);
  });
});

import { REPORT_NAMES, type CaseSummary } from '@layanan/contracts';
import { wibDate } from '@layanan/sla';
import ExcelJS from 'exceljs';
import { ReportRollupService } from '../../api/src/reports/report-rollup.service';
import { binary } from '../support/pdf-tools';
import { createTestApp, TestApp } from '../support/test-app';
import { as, counterCase, demoSeed, validDocuments } from '../support/session';

// Exports: every report as CSV and XLSX with the numbers the screen (the JSON report) shows, and
// any case list as a file with exactly the rows the list gives the same caller (permissions in
// SQL), XLSX refused above its cap with EXPORT_TOO_LARGE.
type Row = Record<string, string>;

/** RFC 4180 records (quoted fields with "" and line breaks), enough to read our own files back. */
function records(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      out.push(row);
      row = [];
    } else field += ch;
  }
  if (field || row.length) {
    endField();
    out.push(row);
  }
  return out;
}

describe('exports', () => {
  let t: TestApp;
  const today = wibDate(new Date());
  const period = { from: `${today.slice(0, 7)}-01`, to: today };
  beforeAll(async () => {
    t = await createTestApp({ seed: demoSeed(0), env: { XLSX_ROW_CAP: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const file = async (user: string, path: string, query: Record<string, string>) => {
    const res = await t.http
      .get(path)
      .query(query)
      .set(await as(t, user))
      .buffer(true)
      .parse(binary);
    return res as typeof res & { body: Buffer };
  };
  const csvRows = (body: Buffer): Row[] => {
    const [header, ...rest] = records(body.toString('utf8').replace(/^\uFEFF/, ''));
    return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  };
  const xlsxRows = async (body: Buffer): Promise<Row[]> => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const out: Row[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = (row.values as unknown[]).slice(1);
      const text = (x: unknown) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
      out.push(Object.fromEntries(header.map((h, i) => [h, text(v[i])])));
    });
    return out;
  };

  it('makes cases in Dukcapil and Kemenag through real transitions', async () => {
    for (let i = 0; i < 4; i++) {
      const c = await counterCase(t, 'petugas.dukcapil', 'ktp-el-baru');
      if (i > 1) continue;
      await validDocuments(t, c.id);
      let v = c.version;
      for (const [user, type] of [
        ['verifikator.dukcapil', 'VERIFY'],
        ['kasi.dukcapil', 'APPROVE'],
        ['petugas.dukcapil', 'ISSUE'],
      ]) {
        const res = await t.http
          .post(`/api/cases/${c.id}/events`)
          .set(await as(t, user))
          .send({ type, version: v })
          .expect(200);
        v = (res.body as { version: number }).version;
      }
    }
    await counterCase(t, 'petugas.kemenag', 'legalisasi-ijazah-madrasah', { jumlahLembar: 1 });
    await expect(t.app.get(ReportRollupService).refresh({ full: true })).resolves.toBe(true);
  }, 120_000);

  it('exports every report with the numbers of the screen, as CSV and XLSX', async () => {
    for (const name of REPORT_NAMES) {
      const csv = await file('pimpinan', `/api/reports/${name}/export`, period);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="laporan-${name}-${period.from}-${period.to}.csv"`);
      const xlsx = await file('pimpinan', `/api/reports/${name}/export`, { ...period, format: 'xlsx' });
      expect(xlsx.status).toBe(200);
      // The same rows in both formats.
      expect(await xlsxRows(xlsx.body)).toEqual(csvRows(csv.body));
    }
    const screen = async (name: string) =>
      (
        await t.http
          .get(`/api/reports/${name}`)
          .query(period)
          .set(await as(t, 'pimpinan'))
          .expect(200)
      ).body as Record<string, unknown>;
    const sla = await screen('sla');
    const [slaRow] = csvRows((await file('pimpinan', '/api/reports/sla/export', period)).body);
    expect(slaRow).toMatchObject({
      closed: String(sla.closed),
      closed_on_time: String(sla.closedOnTime),
      compliance: String(sla.compliance),
      open: String(sla.open),
      open_overdue: String(sla.openOverdue),
    });
    expect(Number(slaRow.closed)).toBe(2);
    const services = (await screen('services')).rows as { serviceName: string; received: number; closed: number; open: number }[];
    const serviceRows = csvRows((await file('pimpinan', '/api/reports/services/export', period)).body);
    expect(serviceRows.map((r) => [r.service, Number(r.received), Number(r.closed), Number(r.open)])).toEqual(
      services.map((s) => [s.serviceName, s.received, s.closed, s.open]),
    );
    // A kasi's export is their OPD's, like their screen.
    const kasi = csvRows((await file('kasi.dukcapil', '/api/reports/opds/export', period)).body);
    expect(kasi.map((r) => r.opd)).toHaveLength(1);
    expect(await file('verifikator.dukcapil', '/api/reports/sla/export', period)).toMatchObject({ status: 403 });
    const bad = await file('pimpinan', '/api/reports/nope/export', period);
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain('name');
    expect((await file('pimpinan', '/api/reports/sla/export', { ...period, format: 'pdf' })).status).toBe(400);
  });

  const list = async (user: string, filter: Record<string, unknown>) =>
    (
      await t.http
        .get('/api/cases')
        .query({ filter: JSON.stringify(filter), sort: JSON.stringify(['submittedAt', 'DESC']), range: '[0,199]' })
        .set(await as(t, user))
        .expect(200)
    ).body as CaseSummary[];

  it('exports a case list with exactly the rows the same list gives the caller', async () => {
    for (const [user, filter] of [
      ['kasi.dukcapil', { queue: 'all' }],
      ['kasi.dukcapil', { queue: 'all', state: 'issued' }],
      ['petugas.kemenag', { queue: 'all' }],
      ['pimpinan', { queue: 'all' }],
    ] as const) {
      const shown = await list(user, filter);
      const res = await file(user, '/api/exports/cases', { filter: JSON.stringify(filter), sort: JSON.stringify(['submittedAt', 'DESC']) });
      expect(res.status).toBe(200);
      const rows = csvRows(res.body);
      expect(rows.map((r) => r.tracking_code)).toEqual(shown.map((c) => c.trackingCode));
      expect(rows.map((r) => [r.applicant_nik, r.state, r.service, r.submitted_at])).toEqual(
        shown.map((c) => [c.applicantNik, c.state, c.serviceName, c.submittedAt]),
      );
    }
    // Kemenag's officer never gets Dukcapil's cases, filter or not.
    const foreign = csvRows(
      (
        await file('petugas.kemenag', '/api/exports/cases', {
          filter: JSON.stringify({ queue: 'all', opdId: ['00000000-0000-0000-0000-000000000000'] }),
        })
      ).body,
    );
    const dukcapilCodes = new Set((await list('kasi.dukcapil', { queue: 'all' })).map((c) => c.trackingCode));
    expect(foreign.filter((r) => dukcapilCodes.has(r.tracking_code))).toEqual([]);
    const bad = await file('kasi.dukcapil', '/api/exports/cases', { filter: '{"queue":"nope"}' });
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain('filter.queue');
  });

  it('refuses an XLSX above the cap with EXPORT_TOO_LARGE, and gives it as CSV', async () => {
    const filter = JSON.stringify({ queue: 'all' });
    const big = await file('kasi.dukcapil', '/api/exports/cases', { filter, format: 'xlsx' });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body.toString())).toMatchObject({ code: 'EXPORT_TOO_LARGE' });
    expect(csvRows((await file('kasi.dukcapil', '/api/exports/cases', { filter })).body)).toHaveLength(4);
    const small = await file('kasi.dukcapil', '/api/exports/cases', {
      filter: JSON.stringify({ queue: 'all', state: 'issued' }),
      format: 'xlsx',
    });
    expect(small.status).toBe(200);
    const shown = await list('kasi.dukcapil', { queue: 'all', state: 'issued' });
    expect((await xlsxRows(small.body)).map((r) => r.tracking_code).sort()).toEqual(shown.map((c) => c.trackingCode).sort());
  });
});

// Issuance figure: ISSUE through HTTP on approved cases (render, number, sign, store, event, in
// the transition's transaction) against rendering and signing the same letter with the same
// libraries in this process, without HTTP or database.
import { fillTemplate, formatDateId, formatLetterNumber } from '@layanan/contracts';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { renderLetter, type Letter } from '../api/src/issuance/rendering/letter-renderer';
import { PiiCipher } from '../api/src/privacy/pii-cipher';
import { loadSealKey, padesSign } from '../api/src/issuance/signing/pades';
import { httpSender, percentile, runApi, runPacedHttp, runWorkers, type HttpRequest, type RunStats } from './measure';

/** OPDs the demo seed gives a letterhead, a number pattern and a default signatory. */
const ISSUING_OPDS = ['dukcapil', 'kemenag', 'pmptsp'];
/** Enough approved cases for the issuance runs at this machine's rate (about 100/s over 4 rounds and the warm-up). */
const MIN_APPROVED = 5000;

// Generated cases carry no form data: the bench's template uses no form fields (same layout otherwise).
const BENCH_BODY = `Yang bertanda tangan di bawah ini, {{signer.position}}, menerangkan bahwa:

| Nama | {{applicant.name}}
| NIK | {{applicant.nik}}
| Alamat | {{applicant.address}}

telah mengajukan permohonan {{service.name}} pada tanggal {{case.submittedDate}} dengan nomor permohonan {{case.trackingCode}}, dan atas permohonan tersebut telah diterbitkan {{service.product}} sesuai ketentuan peraturan perundang-undangan yang berlaku.

Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.`;

export interface IssuanceFigures {
  max: { api: RunStats; raw: RunStats };
  half: { api: RunStats; raw: RunStats };
}

export async function measureIssuance(
  pool: Pool,
  base: string,
  connections: number,
  login: (username: string) => Promise<{ token: string }>,
  measure: (...runs: ((seconds: number) => Promise<RunStats>)[]) => Promise<RunStats[]>,
  say: (msg: string) => void,
): Promise<IssuanceFigures> {
  await pool.query(
    `INSERT INTO document_templates (service_id, version, service_version, title, body)
     SELECT s.id, COALESCE((SELECT max(version) FROM document_templates t WHERE t.service_id = s.id), 0) + 1, s.current_version,
            'Surat Keterangan', $2
       FROM services s JOIN opds o ON o.id = s.opd_id WHERE o.code = ANY($1)`,
    [ISSUING_OPDS, BENCH_BODY],
  );
  const approved = (
    await pool.query<{ id: string; version: number; code: string }>(
      `SELECT c.id, c.version, o.code FROM cases c JOIN opds o ON o.id = c.opd_id
        WHERE c.state = 'approved' AND c.workflow_key = 'standard' AND o.code = ANY($1) ORDER BY random() LIMIT 20000`,
      [ISSUING_OPDS],
    )
  ).rows;
  const tokens = new Map<string, string>();
  for (const code of ISSUING_OPDS) tokens.set(code, (await login(`bulk.officer.${code}`)).token);
  // A small database (--quick) holds few approved cases, fewer than a fast run issues: more are
  // approved first through the API itself (real APPROVE events by each OPD's supervisor).
  if (approved.length < MIN_APPROVED) {
    const verified = (
      await pool.query<{ id: string; version: number; code: string }>(
        `SELECT c.id, c.version, o.code FROM cases c JOIN opds o ON o.id = c.opd_id
          WHERE c.state = 'verified' AND c.workflow_key = 'standard' AND o.code = ANY($1) ORDER BY random() LIMIT $2`,
        [ISSUING_OPDS, MIN_APPROVED - approved.length],
      )
    ).rows;
    const supervisors = new Map<string, string>();
    for (const code of ISSUING_OPDS) supervisors.set(code, (await login(`bulk.supervisor.${code}`)).token);
    const approve = async (c: { id: string; version: number; code: string }) => {
      const res = await fetch(`${base}/api/cases/${c.id}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${supervisors.get(c.code)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'APPROVE', version: c.version }),
      });
      if (res.ok) approved.push({ ...c, version: ((await res.json()) as { version: number }).version });
      else await res.body?.cancel();
    };
    for (let i = 0; i < verified.length; i += 16) await Promise.all(verified.slice(i, i + 16).map(approve));
    say(`issuance: approved ${verified.length.toLocaleString('en')} verified cases first (a small database)`);
  }
  say(`issuance: ${approved.length.toLocaleString('en')} approved cases in ${ISSUING_OPDS.join(', ')}`);

  const next = (): HttpRequest | null => {
    const c = approved.shift();
    if (!c) return null;
    return {
      method: 'POST',
      path: `/api/cases/${c.id}/events`,
      headers: { authorization: `Bearer ${tokens.get(c.code)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ISSUE', version: c.version }),
    };
  };

  // The in-process baseline: one real case's letter, rendered and signed by the same code.
  const key = await loadSealKey({
    keyFile: null,
    certFile: null,
    dataDir: mkdtempSync(path.join(tmpdir(), 'lt-bench-key-')),
    commonName: 'bench',
  });
  const [sample] = (
    await pool.query<{
      tracking_code: string;
      applicant_name: string;
      applicant_nik: string;
      submitted_at: Date;
      service_name: string;
      product: string;
      lines: string[];
      address: string;
      contact: string;
      city: string;
      number_pattern: string;
      opd_name: string;
      full_name: string;
      nip: string;
      position: string;
      rank: string | null;
    }>(
      `SELECT c.tracking_code, c.applicant_name, c.applicant_nik_enc AS applicant_nik, c.submitted_at, v.name AS service_name, v.product, l.lines, l.address, l.contact, l.city,
              l.number_pattern, o.name AS opd_name, u.full_name, s.nip, s.position, s.rank
         FROM cases c JOIN opds o ON o.id = c.opd_id JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version
         JOIN opd_letterheads l ON l.opd_id = c.opd_id JOIN signatories s ON s.opd_id = c.opd_id AND s.is_default JOIN users u ON u.id = s.user_id
        WHERE o.code = 'dukcapil' LIMIT 1`,
    )
  ).rows;
  const sampleNik = PiiCipher.fromEnv().decrypt('nik', sample.applicant_nik);
  let seq = 0;
  const inProcess = async (): Promise<boolean> => {
    seq += 1;
    const now = new Date();
    const number = formatLetterNumber(sample.number_pattern, seq, now);
    const body = fillTemplate(BENCH_BODY, {
      'signer.position': sample.position,
      'applicant.name': sample.applicant_name,
      'applicant.nik': sampleNik,
      'applicant.address': 'Jl. Soekarno Hatta No. 9, Kel. Tunggulwulung, Kec. Lowokwaru, Kota Malang',
      'service.name': sample.service_name,
      'service.product': sample.product,
      'case.submittedDate': formatDateId(sample.submitted_at),
      'case.trackingCode': sample.tracking_code,
    }).text;
    const letter: Letter = {
      letterhead: { lines: sample.lines, address: sample.address, contact: sample.contact, logo: null },
      title: 'Surat Keterangan',
      number,
      body,
      city: sample.city,
      date: now,
      signatory: { name: sample.full_name, nip: sample.nip, position: sample.position, rank: sample.rank, acting: null, actingFor: null },
      signature: { mode: 'seal', kind: 'local', opdName: sample.opd_name },
      verification: { url: `http://localhost:3000/portal/verifikasi/${'A'.repeat(26)}`, code: 'A'.repeat(26) },
      watermark: null,
      subject: 'Surat Keterangan',
    };
    const signed = await padesSign(await renderLetter(letter), key, {
      name: sample.full_name,
      reason: `Surat Keterangan untuk ${sample.applicant_name}`,
      location: 'Malang, Indonesia',
      contactInfo: sample.position,
    });
    createHash('sha256').update(signed).digest('hex');
    return true;
  };

  say(`issuance: max rate, ${connections} connections (API) vs one in-process loop ...`);
  const [apiMax, rawMax] = await measure(
    (seconds) => runApi({ base, connections, seconds, next, done: () => undefined }),
    (seconds) => runWorkers({ connections: 1, seconds, op: inProcess }),
  );
  const send = httpSender(base, connections);
  const half = apiMax.rate / 2;
  say(`issuance: fixed rate ${half.toFixed(1)}/s (half the API's max) ...`);
  const [apiHalf, rawHalf] = await measure(
    (seconds) => runPacedHttp({ send, connections, seconds, rate: half, next }),
    (seconds) => runWorkers({ connections: 1, seconds, rate: Math.min(half, rawMax.rate / 2), op: inProcess }),
  );
  if (apiMax.failed + apiHalf.failed > 0) say(`issuance: ${apiMax.failed + apiHalf.failed} API issuances failed`);
  say(
    `issuance: p95 API ${percentile(apiHalf.latencies, 95).toFixed(1)} ms, in-process ${percentile(rawHalf.latencies, 95).toFixed(1)} ms`,
  );
  return { max: { api: apiMax, raw: rawMax }, half: { api: apiHalf, raw: rawHalf } };
}

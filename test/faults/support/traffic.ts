import { documentFieldName, documentsRequiredAtIntake, type CaseDetail, type Requirement } from '@layanan/contracts';
import { Client } from 'pg';
import { verifyChain, type StoredEntry } from '../../../api/src/cases/hash-chain';
import { demoPdf } from '../../../api/src/seed/demo-documents';
import { VALID_NIK } from '../../support/session';

// Traffic against real API processes, and what it was told: every 2xx is an acknowledgement
// the database must still hold after any crash.

export interface Acks {
  applications: { trackingCode: string; documents: number }[];
  checks: { caseId: string; docId: string; status: 'valid' | 'invalid' }[];
  events: { caseId: string; version: number }[];
  refused: number;
  failed: number;
}

export const newAcks = (): Acks => ({ applications: [], checks: [], events: [], refused: 0, failed: 0 });

export interface Target {
  base: () => string;
  password: string;
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function login(t: Target, username: string): Promise<string> {
  const res = await fetch(`${t.base()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: t.password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (await json<{ accessToken: string }>(res)).accessToken;
}

interface PublicService {
  id: string;
  code: string;
  requirements: Requirement[];
}

export async function serviceByCode(t: Target, code: string): Promise<PublicService> {
  const list = await json<PublicService[]>(await fetch(`${t.base()}/api/public/services`));
  const s = list.find((x) => x.code === code);
  if (!s) throw new Error(`service ${code} not in the catalog`);
  return s;
}

/** One citizen application with a PDF for each document needed at intake. */
export async function apply(t: Target, service: PublicService, n: number, acks: Acks): Promise<void> {
  const form = new FormData();
  form.set(
    'data',
    JSON.stringify({
      serviceId: service.id,
      applicant: {
        nik: VALID_NIK,
        name: `Pemohon Uji ${n}`,
        phone: '081234567890',
        address: { street: 'Jl. Ijen 1', kelurahan: 'Oro-oro Dowo', kecamatan: 'Klojen' },
      },
      formData: { namaAnak: `Anak ${n}`, tanggalLahir: '2026-11-20' },
    }),
  );
  const docs = documentsRequiredAtIntake(service.requirements);
  for (const r of docs)
    form.set(
      documentFieldName(r.key),
      new Blob([new Uint8Array(demoPdf(`Berkas ${r.key} ${n}`))], { type: 'application/pdf' }),
      `${r.key}.pdf`,
    );
  const res = await fetch(`${t.base()}/api/public/applications`, {
    method: 'POST',
    headers: { 'idempotency-key': `faults-${process.pid}-${n}` },
    body: form,
  });
  if (res.status === 201)
    acks.applications.push({ trackingCode: (await json<{ trackingCode: string }>(res)).trackingCode, documents: docs.length });
  else if (res.status < 500) acks.refused++;
  else acks.failed++;
}

interface CaseSummary {
  id: string;
  version: number;
}

export async function openCases(t: Target, token: string): Promise<CaseSummary[]> {
  const filter = encodeURIComponent(JSON.stringify({ queue: 'unassigned' }));
  const res = await fetch(`${t.base()}/api/cases?filter=${filter}&range=${encodeURIComponent('[0,99]')}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status === 200 ? json<CaseSummary[]>(res) : [];
}

/** An officer claims the case; a verifier checks each of its documents (every third one invalid). */
export async function work(t: Target, token: string, c: CaseSummary, acks: Acks, job: 'claim' | 'check'): Promise<void> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const detail = async () => {
    const res = await fetch(`${t.base()}/api/cases/${c.id}`, { headers: auth });
    return res.status === 200 ? json<CaseDetail>(res) : null;
  };
  const count = (status: number) => (status < 500 ? acks.refused++ : acks.failed++);
  const d = await detail();
  if (job === 'claim') {
    if (!d?.availableActions.some((a) => a.type === 'CLAIM')) return;
    const res = await fetch(`${t.base()}/api/cases/${c.id}/events`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'CLAIM', version: d.version }),
    });
    if (res.status !== 200 && res.status !== 201) return void count(res.status);
    acks.events.push({ caseId: c.id, version: (await json<CaseSummary>(res)).version });
    return;
  }
  for (const [i, doc] of (d?.documents ?? []).entries()) {
    if (doc.status !== 'pending') continue;
    const status = i % 3 === 2 ? 'invalid' : 'valid';
    const res = await fetch(`${t.base()}/api/cases/${c.id}/documents/${doc.id}/check`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(status === 'valid' ? { status } : { status, note: 'Tidak terbaca' }),
    });
    if (res.status === 200) acks.checks.push({ caseId: c.id, docId: doc.id, status });
    else count(res.status);
  }
}

/** Every acknowledgement against the database, and every case's chain. */
export async function audit(url: string, acks: Acks) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const lost: string[] = [];
    for (const a of acks.applications) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(d.id)::int AS n FROM cases c LEFT JOIN case_documents d ON d.case_id = c.id WHERE c.tracking_code = $1 GROUP BY c.id`,
        [a.trackingCode],
      );
      if (rows[0]?.n !== a.documents) lost.push(`application ${a.trackingCode}: ${rows[0]?.n ?? 'no case'} of ${a.documents} documents`);
    }
    for (const c of acks.checks) {
      const { rows } = await db.query<{ status: string }>(`SELECT status FROM case_documents WHERE id = $1`, [c.docId]);
      if (rows[0]?.status !== c.status) lost.push(`check of ${c.docId}: ${rows[0]?.status ?? 'none'} instead of ${c.status}`);
    }
    for (const e of acks.events) {
      const { rows } = await db.query<{ version: number }>(`SELECT version FROM cases WHERE id = $1`, [e.caseId]);
      if (!rows[0] || rows[0].version < e.version) lost.push(`event on ${e.caseId}: version ${rows[0]?.version} < ${e.version}`);
    }
    const { rows: cases } = await db.query<{ id: string; event_count: number; last_event_hash: string | null }>(
      `SELECT id, event_count, last_event_hash FROM cases`,
    );
    const broken: string[] = [];
    for (const c of cases) {
      const { rows } = await db.query<StoredEntry>(
        `SELECT seq, type, from_state, to_state, actor_id, actor_name, actor_role, comment, reason, public, payload, created_at, prev_hash, hash
           FROM case_events WHERE case_id = $1 ORDER BY seq`,
        [c.id],
      );
      const chain = verifyChain(c.id, rows);
      if (!chain.valid || rows.length !== c.event_count || (rows.at(-1)?.hash ?? null) !== c.last_event_hash) broken.push(c.id);
    }
    const { rows: keys } = await db.query<{ storage_key: string }>(`SELECT storage_key FROM case_documents`);
    const { rows: pending } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pending_files`);
    return { lost, broken, cases: cases.length, storageKeys: new Set(keys.map((k) => k.storage_key)), pending: pending[0].n };
  } finally {
    await db.end();
  }
}

import type { TestApp } from './test-app';
import { documentFieldName, documentsRequiredAtIntake, type Requirement } from '@layanan/contracts';
import { seedDemo } from '../../api/src/seed/demo-seed';
import { demoPdf } from '../../api/src/seed/demo-documents';

export const PASSWORD = 'e2e-demo-password';

/** Seeds the Kota Malang demo set (OPDs, services, users for every role); `cases` demo cases. */
export const demoSeed =
  (cases = 0) =>
  async (url: string) => {
    await seedDemo(url, PASSWORD, { cases });
  };

const tokens = new Map<string, string>();

/** Logs a demo user in once per test file and returns a bearer header. */
export async function as(t: TestApp, username: string): Promise<{ Authorization: string }> {
  const key = `${t.url}|${username}`;
  let token = tokens.get(key);
  if (!token) {
    const res = await t.http.post('/api/auth/login').send({ username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    token = res.body.accessToken as string;
    tokens.set(key, token);
  }
  return { Authorization: `Bearer ${token}` };
}

export async function idOf(t: TestApp, table: 'users' | 'opds' | 'services', column: string, value: string): Promise<string> {
  const rows = await t.db.query<{ id: string }[]>(`SELECT id FROM ${table} WHERE ${column} = $1`, [value]);
  if (!rows[0]) throw new Error(`${table}.${column} = ${value} not found`);
  return rows[0].id;
}

export const VALID_NIK = '3573054107900001';

/** The document requirements a service's current version needs at intake (the multipart parts to send). */
async function intakeDocuments(t: TestApp, serviceId: string): Promise<string[]> {
  const [row] = await t.db.query<{ requirements: Requirement[] }[]>(
    `SELECT v.requirements FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version WHERE s.id = $1`,
    [serviceId],
  );
  return documentsRequiredAtIntake(row.requirements).map((r) => r.key);
}

/**
 * Registers a counter case for a service as an officer, with a small PDF for every document
 * the service requires at intake (one multipart request, as the console sends it), and returns
 * its detail body.
 */
/** Sends an application as multipart with a PDF for every document the service needs at intake. */
export async function withIntakeDocuments(
  t: TestApp,
  req: ReturnType<TestApp['http']['post']>,
  data: { serviceId: string } & Record<string, unknown>,
) {
  const multipart = req.field('data', JSON.stringify(data));
  for (const key of await intakeDocuments(t, data.serviceId))
    multipart.attach(documentFieldName(key), demoPdf(`Berkas ${key}`), { filename: `${key}.pdf`, contentType: 'application/pdf' });
  return multipart;
}

export async function counterCase(t: TestApp, officer: string, serviceCode: string, formData: Record<string, unknown> = {}) {
  const serviceId = await idOf(t, 'services', 'code', serviceCode);
  const data = {
    serviceId,
    applicant: {
      nik: VALID_NIK,
      name: 'Sari Wulandari',
      phone: '081234567890',
      address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
    },
    formData,
  };
  const req = t.http
    .post('/api/cases')
    .set(await as(t, officer))
    .field('data', JSON.stringify(data));
  for (const key of await intakeDocuments(t, serviceId))
    req.attach(documentFieldName(key), demoPdf(`Berkas ${key}`), { filename: `${key}.pdf`, contentType: 'application/pdf' });
  const res = await req;
  if (res.status !== 201) throw new Error(`create case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; state: string; dueAt: string; trackingCode: string };
}

/** Test fixture: marks every mandatory document of a case as uploaded and valid (those sent at intake, and any missing). */
export async function validDocuments(t: TestApp, caseId: string): Promise<void> {
  await t.db.query(`UPDATE case_documents SET status = 'valid' WHERE case_id = $1 AND superseded_at IS NULL`, [caseId]);
  await t.db.query(
    `INSERT INTO case_documents (case_id, requirement_key, file_name, storage_key, content_type, size, sha256, status)
     SELECT c.id, r->>'key', 'fixture.pdf', gen_random_uuid()::text, 'application/pdf', 4, repeat('0', 64), 'valid'
       FROM cases c JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version,
            jsonb_array_elements(v.requirements) r
      WHERE c.id = $1 AND r->>'kind' = 'document' AND (r->>'mandatory')::boolean
        AND NOT EXISTS (SELECT 1 FROM case_documents d WHERE d.case_id = c.id AND d.requirement_key = r->>'key' AND d.superseded_at IS NULL)`,
    [caseId],
  );
}

/** Drops cached logins (tests that move the clock make old tokens expire). */
export function forgetSessions(): void {
  tokens.clear();
}

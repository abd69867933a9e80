import type { TestApp } from './test-app';
import { seedDemo } from '../../api/src/seed/demo-seed';

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
  const rows = (await t.db.query(`SELECT id FROM ${table} WHERE ${column} = $1`, [value])) as { id: string }[];
  if (!rows[0]) throw new Error(`${table}.${column} = ${value} not found`);
  return rows[0].id;
}

export const VALID_NIK = '3573054107900001';

/** Registers a counter case for a service as an officer and returns its detail body. */
export async function counterCase(t: TestApp, officer: string, serviceCode: string, formData: Record<string, unknown> = {}) {
  const serviceId = await idOf(t, 'services', 'code', serviceCode);
  const res = await t.http
    .post('/api/cases')
    .set(await as(t, officer))
    .send({
      serviceId,
      applicant: {
        nik: VALID_NIK,
        name: 'Sari Wulandari',
        phone: '081234567890',
        address: { street: 'Jl. Soekarno Hatta 9', kelurahan: 'Tunggulwulung', kecamatan: 'Lowokwaru' },
      },
      formData,
    });
  if (res.status !== 201) throw new Error(`create case: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; state: string; dueAt: string; trackingCode: string };
}

/** Test fixture: marks every mandatory document of a case as uploaded and valid. */
export async function validDocuments(t: TestApp, caseId: string): Promise<void> {
  await t.db.query(
    `INSERT INTO case_documents (case_id, requirement_key, file_name, storage_key, content_type, size, sha256, status)
     SELECT c.id, r->>'key', 'fixture.pdf', gen_random_uuid()::text, 'application/pdf', 4, repeat('0', 64), 'valid'
       FROM cases c JOIN service_versions v ON v.service_id = c.service_id AND v.version = c.service_version,
            jsonb_array_elements(v.requirements) r
      WHERE c.id = $1 AND r->>'kind' = 'document' AND (r->>'mandatory')::boolean`,
    [caseId],
  );
}

/** Drops cached logins (tests that move the clock make old tokens expire). */
export function forgetSessions(): void {
  tokens.clear();
}

import { DataSource } from 'typeorm';
import type { CaseRepository } from '../cases/case.repository';
import type { PiiCipher, PiiField } from './pii-cipher';

const BATCH = 1000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export interface RotationResult {
  cases: number;
  deliveries: number;
  issuedDocuments: number;
  signatories: number;
  complaints: number;
}

/** Ciphertext columns of small tables, rewritten row by row: a table that stores PiiCipher values adds itself here. */
const PLAIN_COLUMNS: { table: string; key: string; column: string; field: PiiField; counts: keyof RotationResult }[] = [
  { table: 'signatories', key: 'user_id', column: 'nik_enc', field: 'nik', counts: 'signatories' },
  { table: 'complaints', key: 'id', column: 'complainant_phone', field: 'phone', counts: 'complaints' },
  { table: 'complaints', key: 'id', column: 'complainant_email', field: 'email', counts: 'complaints' },
];

/**
 * Key rotation, step two (docs/OPERATIONS.md): after PII_KEY_ID names a new key (the old one still
 * in PII_KEYS), rewrites every NIK and phone ciphertext another key wrote with the current one: the
 * cases (through CaseRepository, which owns their SQL), WhatsApp deliveries, issued documents'
 * data, the signatories' NIK and the complainants' contact (PLAIN_COLUMNS). Idempotent and safe while the API runs (a row changed meanwhile is skipped and taken on the
 * next run); once it reports nothing left, the old key can leave PII_KEYS. Blind indexes do not
 * change (PII_INDEX_KEY is not rotated with the keyring).
 */
export async function reencryptPii(
  db: DataSource,
  cases: CaseRepository,
  pii: PiiCipher,
  log: (msg: string) => void = () => {},
): Promise<RotationResult> {
  const out: RotationResult = { cases: 0, deliveries: 0, issuedDocuments: 0, signatories: 0, complaints: 0 };
  for (let after: string | null = ZERO_UUID; after !== null;) {
    const step = await cases.reencryptPii(after, BATCH);
    out.cases += step.rewritten;
    after = step.last;
    if (step.rewritten) log(`cases: ${out.cases} rewritten`);
  }
  const keyId = pii.currentKeyId;
  for (let after = '0'; ;) {
    const found = await db.query<{ id: string; to: string }[]>(
      `SELECT id::text, message->>'to' AS to FROM deliveries
        WHERE channel = 'whatsapp' AND id > $1::bigint AND split_part(message->>'to', ':', 1) <> $2 ORDER BY id LIMIT ${BATCH}`,
      [after, keyId],
    );
    if (!found.length) break;
    await db.query(
      `UPDATE deliveries d SET message = d.message || jsonb_build_object('to', x.enc)
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(id, old, enc) WHERE d.id = x.id AND d.message->>'to' = x.old`,
      [found.map((r) => r.id), found.map((r) => r.to), found.map((r) => pii.reencrypt('phone', r.to))],
    );
    out.deliveries += found.length;
    after = found[found.length - 1].id;
  }
  for (let after = ZERO_UUID; ;) {
    const found = await db.query<{ id: string; nik: string }[]>(
      `SELECT id::text, data->'applicant'->>'nik' AS nik FROM issued_documents
        WHERE id > $1::uuid AND data->'applicant' ? 'nik' AND split_part(data->'applicant'->>'nik', ':', 1) <> $2 ORDER BY id LIMIT ${BATCH}`,
      [after, keyId],
    );
    if (!found.length) break;
    await db.query(
      `UPDATE issued_documents d SET data = jsonb_set(d.data, '{applicant,nik}', to_jsonb(x.enc))
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, old, enc) WHERE d.id = x.id AND d.data->'applicant'->>'nik' = x.old`,
      [found.map((r) => r.id), found.map((r) => r.nik), found.map((r) => pii.reencrypt('nik', r.nik))],
    );
    out.issuedDocuments += found.length;
    after = found[found.length - 1].id;
  }
  for (const col of PLAIN_COLUMNS) {
    const found = await db.query<{ key: string; v: string }[]>(
      `SELECT ${col.key}::text AS key, ${col.column} AS v FROM ${col.table} WHERE ${col.column} IS NOT NULL AND split_part(${col.column}, ':', 1) <> $1`,
      [keyId],
    );
    for (const r of found)
      await db.query(`UPDATE ${col.table} SET ${col.column} = $3 WHERE ${col.key}::text = $1 AND ${col.column} = $2`, [
        r.key,
        r.v,
        pii.reencrypt(col.field, r.v),
      ]);
    out[col.counts] += found.length;
  }
  return out;
}

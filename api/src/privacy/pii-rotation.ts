import { DataSource } from 'typeorm';
import type { CaseRepository } from '../cases/case.repository';
import type { PiiCipher } from './pii-cipher';

const BATCH = 1000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export interface RotationResult {
  cases: number;
  deliveries: number;
  issuedDocuments: number;
  signatories: number;
}

/**
 * Key rotation, step two (docs/OPERATIONS.md): after PII_KEY_ID names a new key (the old one still
 * in PII_KEYS), rewrites every NIK and phone ciphertext another key wrote with the current one: the
 * cases (through CaseRepository, which owns their SQL), WhatsApp deliveries, issued documents'
 * data and the signatories' NIK. Idempotent and safe while the API runs (a row changed meanwhile is skipped and taken on the
 * next run); once it reports nothing left, the old key can leave PII_KEYS. Blind indexes do not
 * change (PII_INDEX_KEY is not rotated with the keyring).
 */
export async function reencryptPii(
  db: DataSource,
  cases: CaseRepository,
  pii: PiiCipher,
  log: (msg: string) => void = () => {},
): Promise<RotationResult> {
  const out: RotationResult = { cases: 0, deliveries: 0, issuedDocuments: 0, signatories: 0 };
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
  const signatories = await db.query<{ user_id: string; nik: string }[]>(
    `SELECT user_id, nik_enc AS nik FROM signatories WHERE nik_enc IS NOT NULL AND split_part(nik_enc, ':', 1) <> $1`,
    [keyId],
  );
  for (const s of signatories) {
    await db.query(`UPDATE signatories SET nik_enc = $3 WHERE user_id = $1 AND nik_enc = $2`, [
      s.user_id,
      s.nik,
      pii.reencrypt('nik', s.nik),
    ]);
    out.signatories += 1;
  }
  return out;
}

import { maskPhone } from '@layanan/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { PiiCipher } from '../api/src/privacy/pii-cipher';

const BATCH = 2000;

/**
 * NIK and phone numbers encrypted at rest (UU 27/2022; api/src/privacy/pii-cipher.ts):
 * `cases.applicant_nik` / `applicant_phone` become `applicant_nik_enc` (AES-256-GCM, NOT NULL),
 * `applicant_nik_bidx` (the keyed blind index exact search uses, btree) and
 * `applicant_phone_enc`; WhatsApp deliveries keep the number encrypted in their message and its
 * blind index as their target; issued documents' data snapshot keeps the NIK encrypted. Existing
 * rows are encrypted in batches with the configured keyring (PII_KEYS, needed only when there are
 * rows); `down` decrypts them back into the plain columns.
 */
export class PiiEncryption1764980000000 implements MigrationInterface {
  name = 'PiiEncryption1764980000000';

  public async up(q: QueryRunner): Promise<void> {
    const pii = lazyCipher();
    await q.query(
      `ALTER TABLE cases ADD COLUMN applicant_nik_enc text, ADD COLUMN applicant_nik_bidx text, ADD COLUMN applicant_phone_enc text`,
    );
    await batches<{ id: string; nik: string; phone: string | null }>(
      q,
      (after) => [
        `SELECT id, applicant_nik AS nik, applicant_phone AS phone FROM cases WHERE id > $1::uuid ORDER BY id LIMIT ${BATCH}`,
        [after],
      ],
      async (rows) => {
        const c = pii();
        await q.query(
          `UPDATE cases c SET applicant_nik_enc = x.enc, applicant_nik_bidx = x.bidx, applicant_phone_enc = x.phone
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(id, enc, bidx, phone) WHERE c.id = x.id`,
          [
            rows.map((r) => r.id),
            rows.map((r) => c.encrypt('nik', r.nik)),
            rows.map((r) => c.nikIndex(r.nik)),
            rows.map((r) => c.encryptNullable('phone', r.phone)),
          ],
        );
      },
    );
    await q.query(`ALTER TABLE cases ALTER COLUMN applicant_nik_enc SET NOT NULL, ALTER COLUMN applicant_nik_bidx SET NOT NULL`);
    await q.query(`ALTER TABLE cases DROP COLUMN applicant_nik, DROP COLUMN applicant_phone`);
    await q.query(`CREATE INDEX cases_applicant_nik_bidx_idx ON cases (applicant_nik_bidx)`);

    await batches<{ id: string; to: string }>(
      q,
      (after) => [
        `SELECT id::text, message->>'to' AS to FROM deliveries WHERE channel = 'whatsapp' AND target LIKE 'whatsapp:+%' AND id > $1::bigint ORDER BY id LIMIT ${BATCH}`,
        [after.includes('-') ? '0' : after],
      ],
      async (rows) => {
        const c = pii();
        await q.query(
          `UPDATE deliveries d SET target = x.target, message = d.message || jsonb_build_object('to', x.enc, 'recipient', x.recipient)
             FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS x(id, target, enc, recipient) WHERE d.id = x.id`,
          [
            rows.map((r) => r.id),
            rows.map((r) => `whatsapp:${c.blindIndex('phone', `+${r.to}`)}`),
            rows.map((r) => c.encrypt('phone', r.to)),
            rows.map((r) => maskPhone(`+${r.to}`) as string),
          ],
        );
      },
    );

    await this.documentNiks(q, (nik) => pii().encrypt('nik', nik), `data->'applicant'->>'nik' ~ '^[0-9]{16}$'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    const pii = lazyCipher();
    await this.documentNiks(q, (stored) => pii().decrypt('nik', stored), `data->'applicant'->>'nik' !~ '^[0-9]{16}$'`);

    await batches<{ id: string; to: string }>(
      q,
      (after) => [
        `SELECT id::text, message->>'to' AS to FROM deliveries WHERE channel = 'whatsapp' AND target NOT LIKE 'whatsapp:+%' AND id > $1::bigint ORDER BY id LIMIT ${BATCH}`,
        [after.includes('-') ? '0' : after],
      ],
      async (rows) => {
        const plain = rows.map((r) => pii().decrypt('phone', r.to));
        await q.query(
          `UPDATE deliveries d SET target = x.target, message = (d.message - 'recipient') || jsonb_build_object('to', x.plain)
             FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(id, target, plain) WHERE d.id = x.id`,
          [rows.map((r) => r.id), plain.map((p) => `whatsapp:+${p}`), plain],
        );
      },
    );

    await q.query(`ALTER TABLE cases ADD COLUMN applicant_nik text, ADD COLUMN applicant_phone text`);
    await batches<{ id: string; nik: string; phone: string | null }>(
      q,
      (after) => [
        `SELECT id, applicant_nik_enc AS nik, applicant_phone_enc AS phone FROM cases WHERE id > $1::uuid ORDER BY id LIMIT ${BATCH}`,
        [after],
      ],
      async (rows) => {
        const c = pii();
        await q.query(
          `UPDATE cases c SET applicant_nik = x.nik, applicant_phone = x.phone
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, nik, phone) WHERE c.id = x.id`,
          [rows.map((r) => r.id), rows.map((r) => c.decrypt('nik', r.nik)), rows.map((r) => c.decryptNullable('phone', r.phone))],
        );
      },
    );
    await q.query(`ALTER TABLE cases ALTER COLUMN applicant_nik SET NOT NULL`);
    await q.query(`ALTER TABLE cases DROP COLUMN applicant_nik_enc, DROP COLUMN applicant_nik_bidx, DROP COLUMN applicant_phone_enc`);
    await q.query(`CREATE INDEX cases_applicant_nik_idx ON cases (applicant_nik)`);
  }

  /** Rewrites `issued_documents.data.applicant.nik` of the rows matching `which` with `convert`. */
  private async documentNiks(q: QueryRunner, convert: (nik: string) => string, which: string): Promise<void> {
    await batches<{ id: string; nik: string }>(
      q,
      (after) => [
        `SELECT id::text, data->'applicant'->>'nik' AS nik FROM issued_documents
          WHERE data->'applicant' ? 'nik' AND ${which} AND id > $1::uuid ORDER BY id LIMIT ${BATCH}`,
        [after],
      ],
      async (rows) => {
        await q.query(
          `UPDATE issued_documents d SET data = jsonb_set(d.data, '{applicant,nik}', to_jsonb(x.nik))
             FROM unnest($1::uuid[], $2::text[]) AS x(id, nik) WHERE d.id = x.id`,
          [rows.map((r) => r.id), rows.map((r) => convert(r.nik))],
        );
      },
    );
  }
}

/** The keyring is read only if there is a row to convert (a fresh database needs none). */
function lazyCipher(): () => PiiCipher {
  let cipher: PiiCipher | undefined;
  return () => (cipher ??= PiiCipher.fromEnv());
}

/** Keyset batches by `id` (as text) until `select` returns no row. */
async function batches<T extends { id: string }>(
  q: QueryRunner,
  select: (after: string) => [string, unknown[]],
  apply: (rows: T[]) => Promise<void>,
): Promise<void> {
  let after = '';
  for (;;) {
    // The first batch starts below every id (the zero uuid; bigint selects read it as 0).
    const [text, values] = select(after || '00000000-0000-0000-0000-000000000000');
    const rows = (await q.query(text, values)) as T[];
    if (!rows.length) return;
    await apply(rows);
    after = rows[rows.length - 1].id;
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';
import { PiiCipher } from '../api/src/privacy/pii-cipher';

/**
 * The signatories' NIK (registered with BSrE) encrypted at rest like the applicants'
 * (PiiEncryption1764980000000): `signatories.nik` becomes `nik_enc` (AES-256-GCM). The keyring is
 * read only when a signatory has a NIK; `down` decrypts it back (with its 16-digit check).
 */
export class SignatoryNikEncryption1764990000000 implements MigrationInterface {
  name = 'SignatoryNikEncryption1764990000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signatories ADD COLUMN nik_enc text`);
    const rows = (await q.query(`SELECT user_id, nik FROM signatories WHERE nik IS NOT NULL`)) as { user_id: string; nik: string }[];
    if (rows.length) {
      const pii = PiiCipher.fromEnv();
      for (const r of rows) await q.query(`UPDATE signatories SET nik_enc = $2 WHERE user_id = $1`, [r.user_id, pii.encrypt('nik', r.nik)]);
    }
    await q.query(`ALTER TABLE signatories DROP COLUMN nik`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signatories ADD COLUMN nik text CHECK (nik ~ '^[0-9]{16}$')`);
    const rows = (await q.query(`SELECT user_id, nik_enc FROM signatories WHERE nik_enc IS NOT NULL`)) as {
      user_id: string;
      nik_enc: string;
    }[];
    if (rows.length) {
      const pii = PiiCipher.fromEnv();
      for (const r of rows) await q.query(`UPDATE signatories SET nik = $2 WHERE user_id = $1`, [r.user_id, pii.decrypt('nik', r.nik_enc)]);
    }
    await q.query(`ALTER TABLE signatories DROP COLUMN nik_enc`);
  }
}

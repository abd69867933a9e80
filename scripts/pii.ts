// Key management for personal data at rest (docs/OPERATIONS.md, "Personal data keys"):
//   npm run pii -- new-keys [id]      prints a fresh PII_KEYS / PII_KEY_ID / PII_INDEX_KEY
//   npm run pii -- new-key <id>       prints one more AES key to append to PII_KEYS (rotation)
//   DATABASE_URL=... PII_KEYS=... PII_KEY_ID=<new> npm run pii -- rotate
//                                     rewrites every ciphertext an older key wrote with PII_KEY_ID's key
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../api/src/cases/case.repository';
import { loadDatabaseConfig } from '../api/src/config';
import { typeormOptions } from '../api/src/database/typeorm-options';
import { newPiiKeys, PiiCipher } from '../api/src/privacy/pii-cipher';
import { reencryptPii } from '../api/src/privacy/pii-rotation';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

async function rotate(): Promise<void> {
  const url = loadDatabaseConfig().url;
  if (!url) throw new Error('DATABASE_URL must be set');
  const pii = PiiCipher.fromEnv();
  const db = await new DataSource(typeormOptions(url, 2)).initialize();
  try {
    const started = Date.now();
    const r = await reencryptPii(db, new CaseRepository(db, pii), pii, say);
    say(
      `Re-encrypted with key "${pii.currentKeyId}" in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.cases} cases, ${r.deliveries} deliveries, ${r.issuedDocuments} issued documents, ${r.signatories} signatories, ${r.complaints} complaint contacts.`,
    );
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, id] = argv;
  if (command === 'rotate') return rotate();
  if (command === 'new-keys') {
    for (const [k, v] of Object.entries(newPiiKeys(id))) say(`${k}=${v}`);
    return;
  }
  if (command === 'new-key' && id && /^[A-Za-z0-9_-]{1,16}$/.test(id)) {
    say(`${id}:${randomBytes(32).toString('base64')}`);
    return;
  }
  throw new Error('usage: pii new-keys [id] | pii new-key <id> | pii rotate');
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

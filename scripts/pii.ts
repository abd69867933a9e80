// Key management for personal data at rest (docs/OPERATIONS.md, "Personal data keys"):
//   npm run pii -- new-keys [id]      prints a fresh PII_KEYS / PII_KEY_ID / PII_INDEX_KEY
//   npm run pii -- new-key <id>       prints one more AES key to append to PII_KEYS (rotation)
import { randomBytes } from 'node:crypto';
import { newPiiKeys } from '../api/src/privacy/pii-cipher';

const say = (msg: string) => process.stdout.write(`${msg}\n`);

function main(argv: string[]): void {
  const [command, id] = argv;
  if (command === 'new-keys') {
    for (const [k, v] of Object.entries(newPiiKeys(id))) say(`${k}=${v}`);
    return;
  }
  if (command === 'new-key' && id && /^[A-Za-z0-9_-]{1,16}$/.test(id)) {
    say(`${id}:${randomBytes(32).toString('base64')}`);
    return;
  }
  throw new Error('usage: pii new-keys [id] | pii new-key <id>');
}

try {
  main(process.argv.slice(2));
} catch (e: unknown) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

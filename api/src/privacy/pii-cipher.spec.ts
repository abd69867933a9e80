import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigValidationError, loadPiiConfig } from '../config';
import { PiiCipher, PiiDecryptError, ensureDemoPiiKeys, newPiiKeys } from './pii-cipher';

const K0 = Buffer.alloc(32, 1).toString('base64');
const K1 = Buffer.alloc(32, 2).toString('base64');
const INDEX = Buffer.alloc(32, 3).toString('base64');
const NIK = '3573054107900001';

const cipher = (env: Record<string, string>) => PiiCipher.fromEnv({ PII_INDEX_KEY: INDEX, ...env });

describe('PiiCipher', () => {
  const one = cipher({ PII_KEYS: `k0:${K0}` });

  it('round-trips a NIK and a phone, and never stores the plain value', () => {
    const stored = one.encrypt('nik', NIK);
    expect(stored).toMatch(/^k0:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain(NIK);
    expect(stored).not.toContain(NIK.slice(-4));
    expect(one.decrypt('nik', stored)).toBe(NIK);
    expect(one.decrypt('phone', one.encrypt('phone', '+6281234567890'))).toBe('+6281234567890');
    expect(one.decryptNullable('phone', one.encryptNullable('phone', null))).toBeNull();
  });

  it('writes a fresh IV each time: equal NIKs give different ciphertexts', () => {
    expect(one.encrypt('nik', NIK)).not.toBe(one.encrypt('nik', NIK));
  });

  it('refuses a value of an unknown key id', () => {
    const other = cipher({ PII_KEYS: `k9:${K1}` });
    expect(() => one.decrypt('nik', other.encrypt('nik', NIK))).toThrow(
      new PiiDecryptError('PII key "k9" is not in PII_KEYS (a value written with a key that was removed from the keyring)'),
    );
  });

  it('refuses a value whose key id was relabelled to another key of the ring', () => {
    const two = cipher({ PII_KEYS: `k0:${K0},k1:${K1}`, PII_KEY_ID: 'k1' });
    const stored = two.encrypt('nik', NIK);
    expect(() => two.decrypt('nik', stored.replace(/^k1:/, 'k0:'))).toThrow(PiiDecryptError);
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const stored = one.encrypt('nik', NIK);
    const raw = Buffer.from(stored.slice(3), 'base64');
    for (const at of [0, 12, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] ^= 0x01;
      expect(() => one.decrypt('nik', `k0:${bad.toString('base64')}`)).toThrow(PiiDecryptError);
    }
    expect(() => one.decrypt('nik', 'k0:AAAA')).toThrow(PiiDecryptError);
    expect(() => one.decrypt('nik', NIK)).toThrow(PiiDecryptError);
  });

  it("refuses one field's ciphertext read as another (authenticated data binds the field)", () => {
    expect(() => one.decrypt('phone', one.encrypt('nik', NIK))).toThrow(PiiDecryptError);
  });

  it('rotates: new writes use the current key, old values still decrypt, reencrypt moves them to the current key', () => {
    const before = cipher({ PII_KEYS: `k0:${K0}` });
    const old = before.encrypt('nik', NIK);
    const after = cipher({ PII_KEYS: `k0:${K0},k1:${K1}`, PII_KEY_ID: 'k1' });
    expect(after.encrypt('nik', NIK)).toMatch(/^k1:/);
    expect(after.decrypt('nik', old)).toBe(NIK);
    expect(after.needsReencryption(old)).toBe(true);
    const moved = after.reencrypt('nik', old);
    expect(after.keyIdOf(moved)).toBe('k1');
    expect(after.needsReencryption(moved)).toBe(false);
    expect(after.reencrypt('nik', moved)).toBe(moved);
    // Once k0 leaves the ring, only rewritten values are readable.
    const retired = cipher({ PII_KEYS: `k1:${K1}` });
    expect(retired.decrypt('nik', moved)).toBe(NIK);
    expect(() => retired.decrypt('nik', old)).toThrow(PiiDecryptError);
  });

  it('gives a blind index that is stable across key rotation, keyed, and per field', () => {
    const rotated = cipher({ PII_KEYS: `k0:${K0},k1:${K1}`, PII_KEY_ID: 'k1' });
    expect(one.nikIndex(NIK)).toMatch(/^[0-9a-f]{32}$/);
    expect(rotated.nikIndex(NIK)).toBe(one.nikIndex(NIK));
    expect(one.nikIndex(NIK)).not.toBe(one.nikIndex('3573054107900002'));
    expect(cipher({ PII_KEYS: `k0:${K0}`, PII_INDEX_KEY: K1 }).nikIndex(NIK)).not.toBe(one.nikIndex(NIK));
    expect(one.blindIndex('phone', NIK)).not.toBe(one.nikIndex(NIK));
    expect(one.phoneIndex('081234567890')).toBe(one.phoneIndex('+6281234567890'));
    expect(one.phoneIndex('not a phone')).toBeNull();
  });
});

describe('PII keyring configuration', () => {
  it('names the missing key and how to make one', () => {
    expect(() => loadPiiConfig({ PII_INDEX_KEY: INDEX })).toThrow(ConfigValidationError);
    expect(() => loadPiiConfig({ PII_INDEX_KEY: INDEX })).toThrow(/PII_KEYS must be set: NIK and phone numbers are stored encrypted/);
    expect(() => loadPiiConfig({ PII_KEYS: `k0:${K0}` })).toThrow(/PII_INDEX_KEY must be set/);
  });

  it('refuses short keys, bad ids, duplicate ids and an unknown or missing current key id', () => {
    expect(() => loadPiiConfig({ PII_KEYS: `k0:${Buffer.alloc(16).toString('base64')}`, PII_INDEX_KEY: INDEX })).toThrow(
      /must be 32 bytes/,
    );
    expect(() => loadPiiConfig({ PII_KEYS: K0, PII_INDEX_KEY: INDEX })).toThrow(/list of id:key/);
    expect(() => loadPiiConfig({ PII_KEYS: `k0:${K0},k0:${K1}`, PII_INDEX_KEY: INDEX })).toThrow(/twice/);
    expect(() => loadPiiConfig({ PII_KEYS: `k0:${K0},k1:${K1}`, PII_INDEX_KEY: INDEX })).toThrow(/PII_KEY_ID must name the current key/);
    expect(() => loadPiiConfig({ PII_KEYS: `k0:${K0}`, PII_KEY_ID: 'k1', PII_INDEX_KEY: INDEX })).toThrow(/"k1" is not in PII_KEYS/);
    expect(() => loadPiiConfig({ PII_KEYS: `k0:${K0}`, PII_INDEX_KEY: 'short' })).toThrow(/PII_INDEX_KEY must be 32 bytes/);
  });

  it('takes hex keys too, and a generated keyring loads', () => {
    const hex = loadPiiConfig({ PII_KEYS: `k0:${'ab'.repeat(32)}`, PII_INDEX_KEY: INDEX });
    expect(hex.keys.get('k0')).toEqual(Buffer.alloc(32, 0xab));
    const generated = loadPiiConfig(newPiiKeys('g1'));
    expect(generated.currentKeyId).toBe('g1');
  });

  it('demo mode keeps one generated keyring under DATA_DIR (0600) across restarts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pii-demo-'));
    try {
      const first: NodeJS.ProcessEnv = {};
      ensureDemoPiiKeys(dir, first);
      const file = path.join(dir, 'pii-keys.env');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second: NodeJS.ProcessEnv = {};
      ensureDemoPiiKeys(dir, second);
      expect(second).toEqual(first);
      expect(readFileSync(file, 'utf8')).toContain(`PII_KEYS=${first.PII_KEYS}`);
      const c = PiiCipher.fromEnv(second);
      expect(c.decrypt('nik', PiiCipher.fromEnv(first).encrypt('nik', NIK))).toBe(NIK);
      // A configured keyring wins over the file.
      const configured: NodeJS.ProcessEnv = { PII_KEYS: `k0:${K0}`, PII_INDEX_KEY: INDEX };
      ensureDemoPiiKeys(dir, configured);
      expect(configured.PII_KEYS).toBe(`k0:${K0}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

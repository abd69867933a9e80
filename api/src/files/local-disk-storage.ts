import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DocumentStorage } from './document-storage';

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Files under `<root>/<k[0..2]>/<k[2..4]>/<key>`. A write goes to a temporary name in the
 * same directory and is renamed into place, so a crash never leaves a half file under a key.
 */
export class LocalDiskStorage implements DocumentStorage {
  constructor(readonly root: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Stores a stream under `key` (same all-or-nothing rename as `put`) without holding it in
   * memory; resolves with the bytes written. A process killed midway leaves only a temporary,
   * which `delete(key)` removes.
   */
  async putStream(key: string, bytes: Readable): Promise<number> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(bytes, out);
      await rename(tmp, target);
      return out.bytesWritten;
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await stat(file); // rejects with ENOENT before any header is sent
    return createReadStream(file);
  }

  /** Removes the file and any half-written temporary of it (a process killed inside `put`). */
  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    const dir = path.dirname(file);
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(
      names.filter((n) => n.startsWith(`${key}.`) && n.endsWith('.tmp')).map((n) => rm(path.join(dir, n), { force: true })),
    );
  }

  private pathOf(key: string): string {
    // Keys come from randomUUID(); refusing anything else keeps paths inside the root.
    if (!KEY.test(key)) throw new Error(`Invalid storage key "${key}"`);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

import type { Readable } from 'node:stream';

/** Where document bytes live. Keys are server-generated UUIDs, never derived from user input. */
export interface DocumentStorage {
  /** Stores the bytes under `key` atomically: readers see the whole file or nothing. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes as a stream; rejects when the key is unknown. */
  get(key: string): Promise<Readable>;
  /** Removes the bytes; a missing key is not an error (used to undo a failed write). */
  delete(key: string): Promise<void>;
}

/** Injection token: local disk today, an S3-compatible store later. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

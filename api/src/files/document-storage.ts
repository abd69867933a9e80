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

/** The stores a file can live in: citizens' and staff's uploads, and issued (signed) documents. */
export type StoreName = 'uploads' | 'issued';

/** Injection token: local disk today, an S3-compatible store later. */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');
/** Injection token: where signed documents live (local disk under DATA_DIR/issued by default). */
export const ISSUED_STORAGE = Symbol('ISSUED_STORAGE');

/** Injection token: background exports' files (local disk under DATA_DIR/exports), written as streams. */
export const EXPORT_STORAGE = Symbol('EXPORT_STORAGE');

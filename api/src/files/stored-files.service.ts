import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../common/errors/app-error';
import { appConfig } from '../config';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import { inspectFile, type IncomingFile, type InspectedFile } from './file-inspection';

/** Stores a file under a fresh key; remembered so a failed transaction can delete it again. */
export type StoreFile = (bytes: Buffer) => Promise<string>;

/** Uploaded files: checked before anything is written, stored so that a failed write leaves none behind. */
@Injectable()
export class StoredFilesService {
  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(appConfig.KEY) private readonly cfg: ConfigType<typeof appConfig>,
  ) {}

  /** Every check on an uploaded file that needs no database: presence, size, type by content. */
  async inspect(file: IncomingFile | undefined, field: string): Promise<InspectedFile> {
    if (!file) throw AppError.field('FIELD_INVALID', field, 'is required (a PDF, JPEG, PNG or WebP file)');
    return inspectFile(file, field, this.cfg.uploadMaxBytes);
  }

  /**
   * Runs `work` with a `store` function; if `work` fails (including the commit of a transaction
   * it wraps), every file stored through it is deleted again, so no orphan bytes stay behind.
   */
  async withStoredFiles<T>(work: (store: StoreFile) => Promise<T>): Promise<T> {
    const stored: string[] = [];
    const store: StoreFile = async (bytes) => {
      const key = randomUUID();
      stored.push(key);
      await this.storage.put(key, bytes).catch((e: unknown) => {
        throw new AppError('SERVICE_UNAVAILABLE', `The document store is unavailable: ${e instanceof Error ? e.message : String(e)}`);
      });
      return key;
    };
    try {
      return await work(store);
    } catch (e) {
      await Promise.all(stored.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw e;
    }
  }

  /** The stored bytes, or NOT_FOUND naming what is missing. */
  async read(storageKey: string): Promise<Readable> {
    return this.storage.get(storageKey).catch(() => {
      throw new AppError('NOT_FOUND', 'The stored file of this document is missing; ask the applicant to upload it again');
    });
  }
}

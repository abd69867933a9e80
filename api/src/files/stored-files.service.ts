import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../common/errors/app-error';
import { appConfig } from '../config';
import { DOCUMENT_STORAGE, ISSUED_STORAGE, type DocumentStorage, type StoreName } from './document-storage';
import { PendingFilesRepository } from './pending-files.repository';
import { inspectFile, type IncomingFile, type InspectedFile } from './file-inspection';

/**
 * Stores a file under a fresh key; remembered so a failed transaction can delete it again.
 * `reserve` announces the key now and returns the write for later: a caller holding a lock
 * (the letter-number counter) announces before taking it, so the announcement's commit is not
 * spent inside the lock.
 */
export interface StoreFile {
  (bytes: Buffer): Promise<string>;
  reserve(): Promise<(bytes: Buffer) => Promise<string>>;
}

/**
 * Uploaded and issued files: checked before anything is written, stored so that a failed write
 * leaves none behind — also when the process dies mid-request: each file is announced in
 * `pending_files` before its bytes are written, and the sweep (FileSweepService) settles what a
 * dead request left.
 */
@Injectable()
export class StoredFilesService {
  private readonly stores: Record<StoreName, DocumentStorage>;

  constructor(
    @Inject(DOCUMENT_STORAGE) uploads: DocumentStorage,
    @Inject(ISSUED_STORAGE) issued: DocumentStorage,
    @Inject(appConfig.KEY) private readonly cfg: ConfigType<typeof appConfig>,
    private readonly pending: PendingFilesRepository,
  ) {
    this.stores = { uploads, issued };
  }

  storage(name: StoreName): DocumentStorage {
    return this.stores[name];
  }

  /** Every check on an uploaded file that needs no database: presence, size, type by content. */
  async inspect(file: IncomingFile | undefined, field: string): Promise<InspectedFile> {
    if (!file) throw AppError.field('FIELD_INVALID', field, 'is required (a PDF, JPEG, PNG or WebP file)');
    return inspectFile(file, field, this.cfg.uploadMaxBytes);
  }

  /**
   * Runs `work` with a `store` function; if `work` fails (including the commit of a transaction
   * it wraps), every file stored through it is deleted again, so no orphan bytes stay behind.
   */
  async withStoredFiles<T>(work: (store: StoreFile) => Promise<T>, name: StoreName = 'uploads'): Promise<T> {
    const storage = this.stores[name];
    const stored: string[] = [];
    const reserve = async () => {
      const key = randomUUID();
      await this.pending.announce(name, key);
      stored.push(key);
      return async (bytes: Buffer): Promise<string> => {
        await storage.put(key, bytes).catch((e: unknown) => {
          throw new AppError('SERVICE_UNAVAILABLE', `The document store is unavailable: ${e instanceof Error ? e.message : String(e)}`);
        });
        return key;
      };
    };
    const store: StoreFile = Object.assign(async (bytes: Buffer) => (await reserve())(bytes), { reserve });
    let result: T;
    try {
      result = await work(store);
    } catch (e) {
      await Promise.all(stored.map((key) => storage.delete(key).catch(() => undefined)));
      await this.pending.settle(name, stored).catch(() => undefined);
      throw e;
    }
    // Committed: the files are referenced now. A failure here leaves rows the sweep settles.
    await this.pending.settle(name, stored).catch(() => undefined);
    return result;
  }

  /** The stored bytes, or NOT_FOUND naming what is missing. */
  async read(storageKey: string, name: StoreName = 'uploads'): Promise<Readable> {
    return this.stores[name].get(storageKey).catch(() => {
      throw new AppError('NOT_FOUND', 'The stored file of this document is missing; ask the applicant to upload it again');
    });
  }
}

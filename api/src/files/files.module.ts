import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import path from 'node:path';
import { appConfig } from '../config';
import { DOCUMENT_STORAGE, EXPORT_STORAGE, ISSUED_STORAGE } from './document-storage';
import { FileSweepService } from './file-sweep.service';
import { PendingFilesRepository } from './pending-files.repository';
import { LocalDiskStorage } from './local-disk-storage';
import { StoredFilesService } from './stored-files.service';

/** Uploaded and issued files: inspection, the storage ports, stored-or-nothing writes and the sweep. Depends on no feature. */
@Module({
  providers: [
    StoredFilesService,
    PendingFilesRepository,
    FileSweepService,
    // Local disk under DATA_DIR/uploads; swap the factory for an S3-compatible store later.
    {
      provide: DOCUMENT_STORAGE,
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => new LocalDiskStorage(path.resolve(app.dataDir, 'uploads')),
    },
    {
      provide: ISSUED_STORAGE,
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => new LocalDiskStorage(path.resolve(app.dataDir, 'issued')),
    },
    {
      provide: EXPORT_STORAGE,
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => new LocalDiskStorage(path.resolve(app.dataDir, 'exports')),
    },
  ],
  exports: [StoredFilesService, FileSweepService, DOCUMENT_STORAGE, ISSUED_STORAGE, EXPORT_STORAGE],
})
export class FilesModule {}

import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import path from 'node:path';
import { appConfig } from '../config';
import { DOCUMENT_STORAGE } from './document-storage';
import { LocalDiskStorage } from './local-disk-storage';
import { StoredFilesService } from './stored-files.service';

/** Uploaded files: inspection, the storage port and stored-or-nothing writes. Depends on no feature. */
@Module({
  providers: [
    StoredFilesService,
    // Local disk under DATA_DIR/uploads; swap the factory for an S3-compatible store later.
    {
      provide: DOCUMENT_STORAGE,
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => new LocalDiskStorage(path.resolve(app.dataDir, 'uploads')),
    },
  ],
  exports: [StoredFilesService, DOCUMENT_STORAGE],
})
export class FilesModule {}

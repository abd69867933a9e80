import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import path from 'node:path';
import { CasesModule } from '../cases/cases.module';
import { appConfig } from '../config';
import { ServicesModule } from '../services/services.module';
import { DOCUMENT_STORAGE } from './document-storage';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { LocalDiskStorage } from './local-disk-storage';

@Module({
  imports: [CasesModule, ServicesModule],
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    // Local disk under DATA_DIR/uploads; swap the factory for an S3-compatible store later.
    {
      provide: DOCUMENT_STORAGE,
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => new LocalDiskStorage(path.resolve(app.dataDir, 'uploads')),
    },
  ],
  exports: [DocumentsService, DOCUMENT_STORAGE],
})
export class DocumentsModule {}

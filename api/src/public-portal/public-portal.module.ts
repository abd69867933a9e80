import { Module } from '@nestjs/common';
import { ApplicantsModule } from '../applicants/applicants.module';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { IssuedDocumentsModule } from '../issuance/issued-documents.module';
import { ServicesModule } from '../services/services.module';
import { PublicApplicationsService } from './public-applications.service';
import { PublicCatalogService } from './public-catalog.service';
import { PublicPortalController } from './public-portal.controller';
import { PublicTrackingService } from './public-tracking.service';
import { IdempotencyKeys } from './idempotency-keys';
import { TrackingAccessService } from './tracking-access.service';

/** The citizen API under /api/public: no login, rate-limited per IP. */
@Module({
  imports: [ApplicantsModule, CasesModule, ServicesModule, DocumentsModule, FilesModule, IssuedDocumentsModule],
  controllers: [PublicPortalController],
  providers: [PublicCatalogService, PublicApplicationsService, PublicTrackingService, IdempotencyKeys, TrackingAccessService],
  exports: [TrackingAccessService],
})
export class PublicPortalModule {}

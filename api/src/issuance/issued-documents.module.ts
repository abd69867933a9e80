import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ServicesModule } from '../services/services.module';
import { IssuanceModule } from './issuance.module';
import { IssuedDocumentsController, VerificationController } from './issued-documents.controller';
import { IssuedDocumentsService } from './issued-documents.service';

/** Issued documents after issue: staff download, revoke and correct (case events), citizen download, public verification. */
@Module({
  imports: [CasesModule, IssuanceModule, ServicesModule],
  controllers: [IssuedDocumentsController, VerificationController],
  providers: [IssuedDocumentsService],
  exports: [IssuedDocumentsService],
})
export class IssuedDocumentsModule {}

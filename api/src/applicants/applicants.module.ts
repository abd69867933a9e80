import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents/documents.module';
import { FilesModule } from '../files/files.module';
import { ApplicantsController } from './applicants.controller';
import { ApplicantsService } from './applicants.service';
import { HttpPopulationVerifier, PopulationVerifier } from './population-verifier';

@Module({
  imports: [CasesModule, DocumentsModule, FilesModule],
  controllers: [ApplicantsController],
  providers: [ApplicantsService, { provide: PopulationVerifier, useFactory: () => new HttpPopulationVerifier() }],
  exports: [ApplicantsService],
})
export class ApplicantsModule {}

import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FilesModule } from '../files/files.module';
import { ServicesModule } from '../services/services.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  imports: [CasesModule, ServicesModule, FilesModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}

import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { QueueCountsService } from './queue-counts.service';

@Module({
  imports: [ServicesModule],
  controllers: [CasesController],
  providers: [CasesService, QueueCountsService],
  exports: [CasesService],
})
export class CasesModule {}

import { Module } from '@nestjs/common';
import { IssuanceModule } from '../issuance/issuance.module';
import { ServicesModule } from '../services/services.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { QueueCountsService } from './queue-counts.service';

@Module({
  imports: [ServicesModule, IssuanceModule],
  controllers: [CasesController],
  providers: [CasesService, QueueCountsService],
  exports: [CasesService],
})
export class CasesModule {}

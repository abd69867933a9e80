import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { IssuanceModule } from '../issuance/issuance.module';
import { OpdsModule } from '../opds/opds.module';
import { ServicesModule } from '../services/services.module';
import { StaffingModule } from '../staffing/staffing.module';
import { UsersModule } from '../users/users.module';
import { CaseEventsService } from './case-events.service';
import { CaseIntakeService } from './case-intake.service';
import { CaseReadsService } from './case-reads.service';
import { CaseRepositoryModule } from './case-repository.module';
import { CasesController } from './cases.controller';
import { QueueCountsService } from './queue-counts.service';

@Module({
  // WorkflowsModule and HolidaysModule are global.
  imports: [CaseRepositoryModule, ServicesModule, OpdsModule, UsersModule, FilesModule, IssuanceModule, StaffingModule],
  controllers: [CasesController],
  providers: [CaseReadsService, CaseEventsService, CaseIntakeService, QueueCountsService],
  exports: [CaseRepositoryModule, CaseReadsService, CaseEventsService, CaseIntakeService],
})
export class CasesModule {}

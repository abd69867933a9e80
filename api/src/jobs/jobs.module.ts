import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { StaffingModule } from '../staffing/staffing.module';
import { UsersModule } from '../users/users.module';
import { EscalationService } from './escalation.service';
import { JobsService } from './jobs.service';

@Module({
  imports: [CasesModule, UsersModule, StaffingModule],
  providers: [EscalationService, JobsService],
  exports: [JobsService, EscalationService],
})
export class JobsModule {}

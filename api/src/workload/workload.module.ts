import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ServicesModule } from '../services/services.module';
import { StaffingModule } from '../staffing/staffing.module';
import { UsersModule } from '../users/users.module';
import { WorkloadController } from './workload.controller';
import { WorkloadService } from './workload.service';

/** Assignment suggestions and bulk reassignment (WorkflowsModule is global). */
@Module({
  imports: [CasesModule, StaffingModule, UsersModule, ServicesModule],
  controllers: [WorkloadController],
  providers: [WorkloadService],
})
export class WorkloadModule {}

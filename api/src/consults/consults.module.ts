import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { CasesModule } from '../cases/cases.module';
import { FilesModule } from '../files/files.module';
import { JobsModule } from '../jobs/jobs.module';
import { OpdsModule } from '../opds/opds.module';
import { StaffingModule } from '../staffing/staffing.module';
import { UsersModule } from '../users/users.module';
import { ConsultFollowUpService } from './consult-follow-up.service';
import { ConsultsController } from './consults.controller';
import { ConsultsRepository } from './consults.repository';
import { ConsultsService } from './consults.service';

/** Permintaan pertimbangan teknis: consults between OPDs on a case, and their reminders and escalation (HolidaysModule is global). */
@Module({
  imports: [CasesModule, FilesModule, OpdsModule, UsersModule, StaffingModule, AppointmentsModule, JobsModule],
  controllers: [ConsultsController],
  providers: [ConsultsRepository, ConsultsService, ConsultFollowUpService],
})
export class ConsultsModule {}

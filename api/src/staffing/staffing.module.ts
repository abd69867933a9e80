import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AssignmentPoolRepository } from './assignment-pool.repository';
import { LeavesController } from './leaves.controller';
import { LeavesRepository } from './leaves.repository';
import { LeavesService } from './leaves.service';

/** Leave (cuti) and the pool of users who can be given work (present, active, with the role). */
@Module({
  imports: [UsersModule],
  controllers: [LeavesController],
  providers: [LeavesService, LeavesRepository, AssignmentPoolRepository],
  exports: [LeavesService, AssignmentPoolRepository],
})
export class StaffingModule {}

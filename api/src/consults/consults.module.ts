import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FilesModule } from '../files/files.module';
import { OpdsModule } from '../opds/opds.module';
import { UsersModule } from '../users/users.module';
import { ConsultsController } from './consults.controller';
import { ConsultsRepository } from './consults.repository';
import { ConsultsService } from './consults.service';

/** Permintaan pertimbangan teknis: consults between OPDs on a case (HolidaysModule is global). */
@Module({
  imports: [CasesModule, FilesModule, OpdsModule, UsersModule],
  controllers: [ConsultsController],
  providers: [ConsultsRepository, ConsultsService],
})
export class ConsultsModule {}

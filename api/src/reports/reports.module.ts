import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { HolidaysModule } from '../holidays/holidays.module';
import { ReportRepository } from './report.repository';
import { ReportRollupService } from './report-rollup.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CasesModule, HolidaysModule],
  controllers: [ReportsController],
  providers: [ReportRepository, ReportRollupService, ReportsService],
  exports: [ReportsService, ReportRollupService, ReportRepository],
})
export class ReportsModule {}

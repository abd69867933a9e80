import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { HolidaysModule } from '../holidays/holidays.module';
import { ReportRepository } from './report.repository';
import { ReportRollupService } from './report-rollup.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { TransparencyController } from './transparency.controller';
import { TransparencyService } from './transparency.service';

@Module({
  imports: [CasesModule, HolidaysModule, SatisfactionModule],
  controllers: [ReportsController, TransparencyController],
  providers: [ReportRepository, ReportRollupService, ReportsService, TransparencyService],
  exports: [ReportsService, ReportRollupService, ReportRepository],
})
export class ReportsModule {}

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
import { CaseExportService } from './case-export.service';
import { ExportsController } from './exports.controller';
import { ReportExportService } from './report-export.service';
import { ServicesModule } from '../services/services.module';

@Module({
  imports: [CasesModule, HolidaysModule, SatisfactionModule, ServicesModule],
  controllers: [ReportsController, TransparencyController, ExportsController],
  providers: [ReportRepository, ReportRollupService, ReportsService, TransparencyService, ReportExportService, CaseExportService],
  exports: [ReportsService, ReportRollupService, ReportRepository],
})
export class ReportsModule {}

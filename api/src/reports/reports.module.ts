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
import { FilesModule } from '../files/files.module';
import { JobsModule } from '../jobs/jobs.module';
import { CaseExportJobRepository } from './case-export-job.repository';
import { CaseExportJobsService } from './case-export-jobs.service';

@Module({
  imports: [CasesModule, HolidaysModule, SatisfactionModule, ServicesModule, FilesModule, JobsModule],
  controllers: [ReportsController, TransparencyController, ExportsController],
  providers: [
    ReportRepository,
    ReportRollupService,
    ReportsService,
    TransparencyService,
    ReportExportService,
    CaseExportService,
    CaseExportJobRepository,
    CaseExportJobsService,
  ],
  exports: [ReportsService, ReportRollupService, ReportRepository, CaseExportJobsService],
})
export class ReportsModule {}

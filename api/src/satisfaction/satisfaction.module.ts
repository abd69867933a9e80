import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { JobsModule } from '../jobs/jobs.module';
import { PublicPortalModule } from '../public-portal/public-portal.module';
import { ServicesModule } from '../services/services.module';
import { IkmReportService } from './ikm-report.service';
import { PublicSurveyController, SatisfactionController } from './satisfaction.controller';
import { SatisfactionRepository } from './satisfaction.repository';
import { SurveyPopulationService } from './survey-population.service';
import { SurveyService } from './survey.service';

/** Survei Kepuasan Masyarakat: the citizen's response (public) and the IKM report (staff). */
@Module({
  imports: [CasesModule, PublicPortalModule, ServicesModule, JobsModule],
  controllers: [PublicSurveyController, SatisfactionController],
  providers: [SatisfactionRepository, SurveyService, IkmReportService, SurveyPopulationService],
  exports: [IkmReportService],
})
export class SatisfactionModule {}

import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { complaintsConfig } from '../config';
import { FilesModule } from '../files/files.module';
import { HolidaysModule } from '../holidays/holidays.module';
import { PublicPortalModule } from '../public-portal/public-portal.module';
import { ServicesModule } from '../services/services.module';
import { ComplaintIntakeService } from './complaint-intake.service';
import { ComplaintReportService } from './complaint-report.service';
import { ComplaintsController, PublicComplaintsController } from './complaints.controller';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';
import { COMPLAINT_BRIDGE, DisabledComplaintBridge, type ComplaintBridge } from './lapor/complaint-bridge';
import { LaporHttpBridge } from './lapor/lapor-http-bridge';
import { LaporSyncService } from './lapor-sync.service';

/** Pengaduan: the citizen files and reads (public), the OPD's complaint officer handles, reports count. */
@Module({
  imports: [PublicPortalModule, ServicesModule, FilesModule, HolidaysModule],
  controllers: [PublicComplaintsController, ComplaintsController],
  providers: [
    ComplaintsRepository,
    ComplaintIntakeService,
    ComplaintsService,
    ComplaintReportService,
    LaporSyncService,
    {
      provide: COMPLAINT_BRIDGE,
      inject: [complaintsConfig.KEY],
      useFactory: (cfg: ConfigType<typeof complaintsConfig>): ComplaintBridge =>
        cfg.lapor ? new LaporHttpBridge(cfg.lapor) : new DisabledComplaintBridge(),
    },
  ],
})
export class ComplaintsModule {}

import { Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { appConfig, authConfig, complaintsConfig, databaseConfig, issuanceConfig, notificationsConfig, piiConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { typeormOptions } from './database/typeorm-options';
import { AppointmentsModule } from './appointments/appointments.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { ConsultsModule } from './consults/consults.module';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { HolidaysModule } from './holidays/holidays.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { ApplicantsModule } from './applicants/applicants.module';
import { IssuanceModule } from './issuance/issuance.module';
import { IssuedDocumentsModule } from './issuance/issued-documents.module';
import { NotificationsModule } from './notifications/notifications.module';
import { JobsModule } from './jobs/jobs.module';
import { OpdsModule } from './opds/opds.module';
import { PrivacyModule } from './privacy/privacy.module';
import { PublicPortalModule } from './public-portal/public-portal.module';
import { ReportsModule } from './reports/reports.module';
import { SatisfactionModule } from './satisfaction/satisfaction.module';
import { StaffingModule } from './staffing/staffing.module';
import { WorkloadModule } from './workload/workload.module';
import { ServicesModule } from './services/services.module';
import { UsersModule } from './users/users.module';
import { WorkflowsModule } from './workflows/workflows.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [appConfig, databaseConfig, authConfig, issuanceConfig, notificationsConfig, piiConfig, complaintsConfig],
    }),
    // The app's logger only: request ids and access lines come from registerRequestLog
    // (bootstrap.ts), so no per-request pino-http middleware or AsyncLocalStorage context.
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => ({
        forRoutes: [],
        pinoHttp: { level: app.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
      }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (db: ConfigType<typeof databaseConfig>) => {
        if (!db.url) throw new Error('DATABASE_URL was not resolved before boot');
        return { ...typeormOptions(db.url, db.poolSize), migrationsRun: false };
      },
    }),
    DatabaseModule,
    // Rate limits apply where the ThrottlerGuard is used: login and the public citizen API.
    ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: 120 }] }),
    PrivacyModule,
    HealthModule,
    AuthModule,
    UsersModule,
    AppointmentsModule,
    StaffingModule,
    WorkloadModule,
    OpdsModule,
    ServicesModule,
    HolidaysModule,
    WorkflowsModule,
    CasesModule,
    DocumentsModule,
    IssuanceModule,
    IssuedDocumentsModule,
    PublicPortalModule,
    JobsModule,
    ReportsModule,
    SatisfactionModule,
    ComplaintsModule,
    ConsultsModule,
    NotificationsModule,
    IntegrationsModule,
    ApplicantsModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
})
export class AppModule {}

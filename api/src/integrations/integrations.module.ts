import { Global, Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from '../common/auth/api-key';
import { CasesModule } from '../cases/cases.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ApiKeysService } from './api-keys.service';
import { ApiKeysController, IntegrationApiController, SubscribersController } from './integrations.controller';
import { IntegrationApiService } from './integration-api.service';
import { SubscribersService } from './subscribers.service';

/** Global only so the app-wide JWT guard can resolve ApiKeyAuthenticator. */
@Global()
@Module({
  imports: [CasesModule, FilesModule, NotificationsModule],
  controllers: [SubscribersController, ApiKeysController, IntegrationApiController],
  providers: [ApiKeysService, SubscribersService, IntegrationApiService, { provide: ApiKeyAuthenticator, useExisting: ApiKeysService }],
  exports: [ApiKeyAuthenticator],
})
export class IntegrationsModule {}

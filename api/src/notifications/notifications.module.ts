import { Module } from '@nestjs/common';
import { CaseRepositoryModule } from '../cases/case-repository.module';
import { ComplaintsRepository } from '../complaints/complaints.repository';
import { JobsModule } from '../jobs/jobs.module';
import { EmailChannel } from './channels/email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { WhatsAppChannel } from './channels/whatsapp.channel';
import { ConsentService } from './consent.service';
import { DeliveriesService } from './deliveries.service';
import { InboxService } from './inbox.service';
import {
  ConsentController,
  DeliveriesController,
  InboxController,
  PublicChannelsController,
  TemplatesController,
} from './notifications.controller';
import { DispatcherService } from './relay/dispatcher.service';
import { RelayService } from './relay/relay.service';
import { SenderService } from './relay/sender.service';
import { RetentionService } from './retention.service';
import { TemplatesService } from './templates.service';

@Module({
  imports: [CaseRepositoryModule, JobsModule],
  controllers: [InboxController, TemplatesController, DeliveriesController, ConsentController, PublicChannelsController],
  providers: [
    EmailChannel,
    WhatsAppChannel,
    WebhookChannel,
    TemplatesService,
    DispatcherService,
    SenderService,
    RelayService,
    InboxService,
    DeliveriesService,
    ConsentService,
    RetentionService,
    // Stateless: the complaint facts the dispatcher reads (complaint SQL stays in its repository).
    ComplaintsRepository,
  ],
  exports: [ConsentService, WebhookChannel, RelayService, DispatcherService, SenderService],
})
export class NotificationsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogModule } from '@app/access-log';
import { Mailer } from './delivery/mailer';
import { EmailSettingsService } from './email-settings/email-settings.service';
import { FailedDeliveriesService } from './failed-deliveries.service';
import { LinkTokenIssuers } from './link-tokens';
import { NotificationDeliveryService } from './delivery/notification-delivery.service';
import { Notification, OutboxEntry } from '@app/database';
import { NotificationsService } from './notifications.service';
import { OutboxPurgeService } from './outbox-purge.service';
import { PreferenceRemindersService } from './preference-reminders.service';
import { OutboxRelayService } from './relay/outbox-relay.service';
import { OutboxRelayTrigger } from './relay/outbox-relay-trigger';

/**
 * Emitting notifications and reading one's own: for every app that changes data. Needs the
 * queues (QueuesModule.forRole) in the app. Its LinkTokenIssuers is one per app: the owners of
 * the linked requests register with it, the delivery asks it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, OutboxEntry]), AccessLogModule],
  providers: [
    NotificationsService,
    FailedDeliveriesService,
    LinkTokenIssuers,
    OutboxRelayTrigger,
    PreferenceRemindersService,
    EmailSettingsService,
  ],
  exports: [
    NotificationsService,
    EmailSettingsService,
    FailedDeliveriesService,
    LinkTokenIssuers,
    OutboxRelayTrigger,
    PreferenceRemindersService,
  ],
})
export class NotificationsModule {}

/** Relaying the outbox and delivering messages: for the worker only. */
@Module({
  imports: [NotificationsModule, AccessLogModule],
  providers: [Mailer, NotificationDeliveryService, OutboxRelayService, OutboxPurgeService],
  exports: [
    NotificationsModule,
    NotificationDeliveryService,
    OutboxRelayService,
    OutboxPurgeService,
  ],
})
export class NotificationDeliveryModule {}

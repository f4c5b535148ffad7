import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from './delivery/mailer';
import { FailedDeliveriesService } from './failed-deliveries.service';
import { NotificationDeliveryService } from './delivery/notification-delivery.service';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';
import { OutboxEntry } from './outbox-entry.entity';
import { OutboxPurgeService } from './outbox-purge.service';
import { PreferenceRemindersService } from './preference-reminders.service';
import { OutboxRelayService } from './relay/outbox-relay.service';
import { OutboxRelayTrigger } from './relay/outbox-relay-trigger';

/**
 * Emitting notifications and reading one's own: for every app that changes data. Needs the
 * queues (QueuesModule.forRole) in the app.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, OutboxEntry])],
  providers: [
    NotificationsService,
    FailedDeliveriesService,
    OutboxRelayTrigger,
    PreferenceRemindersService,
  ],
  exports: [
    NotificationsService,
    FailedDeliveriesService,
    OutboxRelayTrigger,
    PreferenceRemindersService,
  ],
})
export class NotificationsModule {}

/** Relaying the outbox and delivering messages: for the worker only. */
@Module({
  imports: [NotificationsModule],
  providers: [Mailer, NotificationDeliveryService, OutboxRelayService, OutboxPurgeService],
  exports: [
    NotificationsModule,
    NotificationDeliveryService,
    OutboxRelayService,
    OutboxPurgeService,
  ],
})
export class NotificationDeliveryModule {}

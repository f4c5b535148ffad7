import { NotificationDeliveryModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { NotificationsProcessor } from './notifications.processor';
import { OutboxProcessor } from './outbox.processor';

/** The worker's side of notifications: the outbox relay, deliveries and reminders. */
@Module({
  imports: [NotificationDeliveryModule],
  providers: [NotificationsProcessor, OutboxProcessor],
})
export class NotificationsWorkerModule {}

import { FailedDeliveryView, NOTIFICATION_EVENT_NAMES, NotificationView } from '@app/notifications';
import { CHANNELS } from '@app/database';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../http/page-response';

/** A notification in the app, in the recipient's language. */
export class NotificationResponse implements NotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'round.opened' })
  event!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: String, nullable: true, description: 'A path in the web app' })
  link!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null: unread' })
  readAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

export class NotificationPage extends PageOf(NotificationResponse, 'NotificationPageOfItems') {
  @ApiProperty({ minimum: 0, description: 'Unread notifications, on all pages' })
  unread!: number;
}

/** An outbox row that will not be delivered: a permanent refusal or retries used up. */
export class FailedDeliveryResponse implements FailedDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'The outbox row' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_EVENT_NAMES })
  event!: string;

  @ApiProperty({ enum: CHANNELS })
  channel!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "Null for a message to a student's guardian, who has no account",
  })
  recipientUserId!: string | null;

  @ApiProperty({ format: 'email' })
  recipientEmail!: string;

  @ApiProperty({ minimum: 0, description: 'Delivery attempts made' })
  attempts!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last error, e.g. "EENVELOPE 550: Recipient refused"',
  })
  lastError!: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the event happened' })
  createdAt!: Date;
}

export const FailedDeliveryPage = PageOf(FailedDeliveryResponse, 'FailedDeliveryPage');

export class RetriedResponse {
  @ApiProperty({ minimum: 0, description: 'Failed notifications sent back to the queue' })
  retried!: number;
}

export class MarkedReadResponse {
  @ApiProperty({ minimum: 0, description: 'Notifications that were unread and are read now' })
  marked!: number;
}

import { NotificationView } from '@app/notifications';
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

import { NotFoundError } from '@app/errors';

export class NotificationNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Notification', id);
  }
}

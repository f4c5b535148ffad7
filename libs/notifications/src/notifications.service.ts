import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import {
  dedupeKey,
  emailTopicOf,
  emailTurnedOff,
  GuardianNotificationInput,
  NOTIFICATION_EVENTS,
  NotificationInput,
} from './notification-events';
import { Notification, OutboxEntry } from '@app/database';
import { NotificationNotFoundError } from './notifications.errors';
import { OutboxRelayTrigger } from './relay/outbox-relay-trigger';

export interface NotificationView {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * What other services call to notify someone (`emit`), and what a user reads of their own
 * notifications. Emitting only writes outbox rows in the caller's transaction; the worker
 * delivers them after the commit.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @InjectRepository(OutboxEntry) private readonly outbox: Repository<OutboxEntry>,
    private readonly trigger: OutboxRelayTrigger,
  ) {}

  /**
   * Records a notification in the caller's transaction: one outbox row per channel of the
   * event. Emitting the same event, subject and recipient again records nothing. Returns the
   * number of rows written.
   */
  emit(manager: EntityManager, input: NotificationInput): Promise<number> {
    return this.emitAll(manager, [input]);
  }

  /** As `emit`, for many recipients in one INSERT. */
  emitAll(manager: EntityManager, inputs: readonly NotificationInput[]): Promise<number> {
    return this.write(
      manager,
      inputs.map((input) => ({ input, user: input.recipientUserId, guardian: null })),
    );
  }

  /**
   * As `emitAll`, to guardians, who have no account: the row is addressed to the consent
   * request, whose name and address the delivery reads (and which takes the row with it when
   * it is erased).
   */
  emitToGuardians(
    manager: EntityManager,
    inputs: readonly GuardianNotificationInput[],
  ): Promise<number> {
    return this.write(
      manager,
      inputs.map((input) => ({ input, user: null, guardian: input.guardianConsentId })),
    );
  }

  private async write(
    manager: EntityManager,
    recipients: readonly {
      input: NotificationInput | GuardianNotificationInput;
      user: string | null;
      guardian: string | null;
    }[],
  ): Promise<number> {
    const rows = recipients.flatMap(({ input, user, guardian }) =>
      NOTIFICATION_EVENTS[input.event].channels.map((channel) => ({
        event: input.event,
        user,
        guardian,
        channel,
        payload: JSON.stringify(input.payload),
        key: dedupeKey(input, channel),
        topic: emailTopicOf(input.event),
      })),
    );
    if (rows.length === 0) return 0;
    // An e-mail the recipient has turned off is not recorded; the in-app message still is.
    const [{ written }]: { written: number }[] = await manager.query(
      `WITH written AS (
         INSERT INTO outbox (event, recipient_user_id, guardian_consent_id, channel, payload,
                             dedupe_key)
         SELECT r.event, r.user_id, r.guardian_id, r.channel, r.payload, r.dedupe_key
         FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[],
                     $7::text[]) AS r(event, user_id, guardian_id, channel, payload, dedupe_key,
                                      topic)
         WHERE NOT (r.channel = 'email' AND ${emailTurnedOff('r.user_id', 'r.topic')})
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS written FROM written`,
      [
        rows.map((row) => row.event),
        rows.map((row) => row.user),
        rows.map((row) => row.guardian),
        rows.map((row) => row.channel),
        rows.map((row) => row.payload),
        rows.map((row) => row.key),
        rows.map((row) => row.topic),
      ],
    );
    if (written > 0) this.trigger.relayAfterCommit(manager);
    return written;
  }

  /** The user's notifications, newest first, and how many are unread. */
  async listForUser(userId: string, page: PageRequest) {
    const [rows, total] = await this.notifications.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    const unread = await this.notifications.countBy({ userId, readAt: IsNull() });
    return { items: rows.map(toView), total, unread };
  }

  /** Marks every unread notification of the user read; returns how many were. */
  async markAllRead(userId: string): Promise<{ marked: number }> {
    const result = await this.notifications.update(
      { userId, readAt: IsNull() },
      { readAt: () => 'now()' },
    );
    return { marked: result.affected ?? 0 };
  }

  /** Marks one of the user's own notifications read; someone else's is "not found". */
  async markRead(userId: string, notificationId: string): Promise<NotificationView> {
    await this.notifications.update(
      { id: notificationId, userId, readAt: IsNull() },
      { readAt: () => 'now()' },
    );
    const notification = await this.notifications.findOneBy({ id: notificationId, userId });
    if (!notification) throw new NotificationNotFoundError(notificationId);
    return toView(notification);
  }
}

function toView(notification: Notification): NotificationView {
  return {
    id: notification.id,
    event: notification.event,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    readAt: notification.readAt,
    createdAt: notification.createdAt,
  };
}

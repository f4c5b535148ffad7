import { ConflictError, NotFoundError } from '@app/errors';
import { AccessActor, AccessLogService } from '@app/access-log';
import { QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dropFailedDeliveryJobs } from './delivery/delivery-job-options';
import { PageRequest } from './notifications.service';
import { OutboxRelayTrigger } from './relay/outbox-relay-trigger';
import { withTimeout } from './with-timeout';

export interface FailedDeliveryView {
  id: string;
  event: string;
  channel: string;
  /** Null for a message to a guardian, who has no account. */
  recipientUserId: string | null;
  recipientEmail: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** Failed deliveries sent back per call at most; an admin calls again for more. */
export const RETRY_BATCH = 10_000;
const REDIS_TIMEOUT_MS = 5_000;

/** What the list shows of a student recipient, as the access log names it. */
const FAILED_DELIVERY_FIELDS = ['email', 'notifications'];

/**
 * Sends failed deliveries again, when an admin says so: after an SMTP outage longer than the
 * retries (about ten minutes), or once a refused address has been corrected. A row goes back to
 * `pending` and the relay queues it as if new; its failed job is removed first
 * (dropFailedDeliveryJobs). The exactly-once effect holds: a failed row was never marked delivered, and the delivery claims it as before.
 */
@Injectable()
export class FailedDeliveriesService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Notifications) private readonly deliveries: Queue,
    private readonly trigger: OutboxRelayTrigger,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Deliveries that gave up, newest first, with the last error and whom they were for. The
   * students among the recipients are recorded in the access log: their address is shown, and
   * the mail server's answer may repeat it.
   */
  async list(
    caller: AccessActor,
    page: PageRequest,
    purpose = 'GET /api/admin/notifications/failed',
  ): Promise<{ items: FailedDeliveryView[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.dataSource.query<(FailedDeliveryView & { studentId: string | null })[]>(
        `SELECT o.id, o.event, o.channel, o.recipient_user_id AS "recipientUserId",
                coalesce(u.email, g.guardian_email) AS "recipientEmail", o.attempts,
                o.last_error AS "lastError", o.created_at AS "createdAt",
                coalesce(st.id, g.student_id) AS "studentId"
           FROM outbox o LEFT JOIN users u ON u.id = o.recipient_user_id
           LEFT JOIN students st ON st.user_id = u.id
           -- A guardian's address is the student's personal data: logged as theirs.
           LEFT JOIN guardian_consents g ON g.id = o.guardian_consent_id
          WHERE o.status = 'failed'
          ORDER BY o.created_at DESC, o.id DESC LIMIT $1 OFFSET $2`,
        [page.pageSize, (page.page - 1) * page.pageSize],
      ),
      this.count(),
    ]);
    const studentIds = rows.flatMap((row) => (row.studentId ? [row.studentId] : []));
    await this.accessLog.recordList(caller, purpose, studentIds, FAILED_DELIVERY_FIELDS);
    return { items: rows.map(({ studentId: _studentId, ...item }) => item), total };
  }

  /** How many deliveries gave up and wait for an admin: the list's total, and a start page's. */
  async count(): Promise<number> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM outbox WHERE status = 'failed'`,
    );
    return total;
  }

  async retryOne(outboxId: string): Promise<number> {
    const [row]: { status: string }[] = await this.dataSource.query(
      `SELECT status FROM outbox WHERE id = $1`,
      [outboxId],
    );
    if (!row) throw new NotFoundError('Notification delivery', outboxId);
    if (row.status !== 'failed') {
      throw new ConflictError(`Delivery ${outboxId} is ${row.status}, not failed`, {
        code: 'notification.not_failed',
        params: { status: row.status },
      });
    }
    return this.retry([outboxId]);
  }

  /** Every failed delivery, oldest first, RETRY_BATCH at a time; returns how many went back. */
  async retryAll(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM outbox WHERE status = 'failed' ORDER BY created_at LIMIT $1`,
      [RETRY_BATCH],
    );
    return this.retry(rows.map((row) => row.id));
  }

  private async retry(outboxIds: string[]): Promise<number> {
    if (outboxIds.length === 0) return 0;
    await withTimeout(
      dropFailedDeliveryJobs(this.deliveries, outboxIds),
      REDIS_TIMEOUT_MS,
      'Redis timeout: the failed jobs could not be removed',
    );
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `WITH back AS (
         UPDATE outbox SET status = 'pending', sending_until = NULL
          WHERE id = ANY($1::uuid[]) AND status = 'failed'
         RETURNING 1)
       SELECT count(*)::int AS count FROM back`,
      [outboxIds],
    );
    this.trigger.relayAfterCommit(this.dataSource.manager);
    return count;
  }
}

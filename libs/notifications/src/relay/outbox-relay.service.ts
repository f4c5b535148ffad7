import { AppConfig } from '@app/config';
import { JobName, jobIds, QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { deliveryJobOptions, dropFailedDeliveryJobs } from '../delivery/delivery-job-options';
import { withTimeout } from '../with-timeout';

/** Rows moved per query: one SELECT, one addBulk, one UPDATE. */
export const RELAY_BATCH_SIZE = 1000;
/** A row queued this long ago and still not delivered lost its job (e.g. Redis lost data). */
const REQUEUE_AFTER = '5 minutes';
/** One relay run stops after this long; the scheduler starts the next within a second. */
const RUN_BUDGET_MS = 10_000;
/** How long to wait for Redis before giving the rows back for the next run. */
const REDIS_TIMEOUT_MS = 5_000;

/**
 * Moves outbox rows into the notifications queue. Rows are locked (SKIP LOCKED, so several
 * workers share the work), added to BullMQ under their deterministic job id, and only then
 * marked queued in the same transaction: if Redis is down nothing is marked and the rows wait;
 * if the commit fails after the add, the next run adds them again and BullMQ deduplicates.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
  ) {}

  /** Relays batches until the backlog is gone or the run's time is up; returns rows relayed. */
  async relay(): Promise<number> {
    const started = Date.now();
    let total = 0;
    let relayed: number;
    do {
      relayed = await this.relayBatch();
      total += relayed;
    } while (relayed === RELAY_BATCH_SIZE && Date.now() - started < RUN_BUDGET_MS);
    if (total > 0) this.logger.log({ msg: 'outbox relayed', rows: total });
    return total;
  }

  async relayBatch(limit = RELAY_BATCH_SIZE): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.lockRelayable(manager, limit);
      if (ids.length === 0) return 0;
      await withTimeout(this.enqueue(ids), REDIS_TIMEOUT_MS, 'Redis did not take the jobs');
      await manager.query(
        `UPDATE outbox SET status = 'queued', queued_at = now() WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return ids.length;
    });
  }

  /** Pending rows, oldest first, then queued rows whose job seems lost. */
  private async lockRelayable(manager: EntityManager, limit: number): Promise<string[]> {
    const pending: { id: string }[] = await manager.query(
      `SELECT id FROM outbox WHERE status = 'pending'
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (pending.length === limit) return pending.map((row) => row.id);
    const stale: { id: string }[] = await manager.query(
      `SELECT id FROM outbox WHERE status = 'queued' AND queued_at < now() - $2::interval
       ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit - pending.length, REQUEUE_AFTER],
    );
    // A job that failed without marking its row (the database was down on its last attempt).
    await dropFailedDeliveryJobs(
      this.notifications,
      stale.map((row) => row.id),
    );
    return [...pending, ...stale].map((row) => row.id);
  }

  private async enqueue(outboxIds: string[]): Promise<void> {
    const opts = deliveryJobOptions(this.config.NOTIFICATION_BACKOFF_MS);
    await this.notifications.addBulk(
      outboxIds.map((outboxId) => ({
        name: JobName.DeliverNotification,
        data: { outboxId },
        opts: { ...opts, jobId: jobIds.notification(outboxId) },
      })),
    );
  }
}

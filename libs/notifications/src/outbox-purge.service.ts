import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Rows deleted per statement, so the nightly purge never holds many locks at once. */
const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgedOutbox {
  delivered: number;
  failed: number;
}

/**
 * Deletes outbox rows that have done their work: delivered ones OUTBOX_RETENTION_DAYS after the
 * event, failed ones (which admins look into) after OUTBOX_FAILED_RETENTION_DAYS. Rows still on
 * their way are never touched. The in-app notifications a row produced stay (their `outbox_id`
 * becomes null). With the row goes its dedupe key: an event emitted again after that would be
 * sent again, which no event does months later.
 */
@Injectable()
export class OutboxPurgeService {
  private readonly logger = new Logger(OutboxPurgeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async purge(now: Date): Promise<PurgedOutbox> {
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const purged = {
      delivered: await this.deleteOlder('delivered', daysAgo(this.config.OUTBOX_RETENTION_DAYS)),
      failed: await this.deleteOlder('failed', daysAgo(this.config.OUTBOX_FAILED_RETENTION_DAYS)),
    };
    this.logger.log({ msg: 'outbox purged', ...purged });
    return purged;
  }

  private async deleteOlder(status: 'delivered' | 'failed', before: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [{ count }]: { count: number }[] = await this.dataSource.query(
        `WITH gone AS (
           DELETE FROM outbox WHERE id IN (
             SELECT id FROM outbox WHERE status = $1 AND created_at < $2 LIMIT $3)
           RETURNING 1)
         SELECT count(*)::int AS count FROM gone`,
        [status, before, BATCH],
      );
      deleted += count;
      if (count < BATCH) return deleted;
    }
  }
}

import { OPEN_OFFER_STATUSES, placementStatusIn } from '@app/database';
import { PlacementsService } from '@app/placements';
import { onRedisReconnect, QueueName } from '@app/queues';
import { RoundsService } from '@app/rounds';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/**
 * Puts back jobs that a Redis outage or data loss may have swallowed: runs of rounds left
 * `matching`, preference reminders of open rounds, and offer reminders and expiries of published
 * rounds with open offers. Every such job has a deterministic id, so re-adding one that still
 * exists changes nothing. Reads rounds, never every student. Runs at start and, on the redis
 * queue backend, again whenever the connection to Redis comes back, which may be a Redis that
 * lost its data.
 */
@Injectable()
export class QueueRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueRecovery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly placements: PlacementsService,
    @InjectQueue(QueueName.Offers) private readonly offers: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.recover();
    await onRedisReconnect(this.offers, () => {
      this.recover().catch((error) =>
        this.logger.warn({ msg: 'job recovery failed', error: `${error}` }),
      );
    });
  }

  private async recover(): Promise<void> {
    const matching = await this.rounds.findMatching();
    await Promise.all(matching.map((round) => this.rounds.enqueueRun(round)));
    const open = await this.rounds.findOpen();
    await Promise.all(open.map((round) => this.rounds.scheduleReminders(round)));
    const published = await this.dataSource.query<{ round_id: string }[]>(
      `SELECT DISTINCT round_id FROM placements WHERE ${placementStatusIn(OPEN_OFFER_STATUSES)}`,
    );
    await Promise.all(
      published.flatMap((row) => [
        this.placements.scheduleExpiry(row.round_id),
        this.placements.scheduleReminder(row.round_id),
      ]),
    );
    if (matching.length + published.length > 0) {
      this.logger.log({ msg: 'jobs recovered', runs: matching.length, expiries: published.length });
    }
  }
}

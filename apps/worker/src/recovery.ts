import { PlacementsService } from '@app/placements';
import { RoundsService } from '@app/rounds';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Puts back jobs that a Redis outage or data loss may have swallowed: runs of rounds left
 * `matching`, preference reminders of open rounds, and offer reminders and expiries of published
 * rounds with open offers. Every such job has a deterministic id, so re-adding one that still
 * exists changes nothing. Reads rounds, never every student.
 */
@Injectable()
export class QueueRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueRecovery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly placements: PlacementsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const matching = await this.rounds.findMatching();
    await Promise.all(matching.map((round) => this.rounds.enqueueRun(round)));
    const open = await this.rounds.findOpen();
    await Promise.all(open.map((round) => this.rounds.scheduleReminders(round)));
    const published = await this.dataSource.query<{ round_id: string }[]>(
      `SELECT DISTINCT round_id FROM placements WHERE status = 'offered'`,
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

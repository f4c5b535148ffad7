import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Round } from './round.entity';
import { RunOutcome } from './round-run';
import { runRoundInThread } from './run-matching';

/**
 * The worker's side of a round run. The round row is the truth: a run only proceeds while the
 * round is `matching`; the work itself (read, match, check, store) happens in a worker thread.
 */
@Injectable()
export class RoundRunner {
  private readonly logger = new Logger(RoundRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async run(roundId: string): Promise<RunOutcome> {
    const round = await this.dataSource.getRepository(Round).findOneBy({ id: roundId });
    if (!round || round.status !== 'matching') {
      this.logger.log({ msg: 'round run skipped', roundId, status: round?.status ?? 'missing' });
      return 'skipped';
    }
    const report = await runRoundInThread(this.config.DATABASE_URL, roundId);
    this.logger.log({
      msg: `round run ${report.outcome}`,
      roundId,
      students: report.students,
      matched: report.matched,
      loadMs: Math.round(report.loadMs),
      matchMs: Math.round(report.matchMs),
      persistMs: Math.round(report.persistMs),
    });
    return report.outcome;
  }
}

import { AppConfig } from '@app/config';
import { AccessLogService } from '@app/access-log';
import { jobIds } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Round } from '@app/database';
import { RunOutcome } from './execute-round-run';
import { runRoundInThread } from './start-round-run-thread';

/** What a run reads of each student who ranked a slot: the inputs of score and eligibility. */
const RUN_INPUT_FIELDS = ['preferences', 'programme', 'skills', 'languages', 'interests'];

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
    private readonly accessLog: AccessLogService,
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
    if (report.outcome === 'matched') {
      // The job id is the one the round was enqueued under: round-run-<id>-<run request>.
      const jobId = jobIds.runRound(round.id, round.runRequests);
      await this.accessLog.recordRoundRun(round.id, jobId, RUN_INPUT_FIELDS);
    }
    return report.outcome;
  }
}

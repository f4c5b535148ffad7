import { JobName, QueueName } from '@app/queues';
import { RoundRunner, RoundsService } from '@app/rounds';
import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { hostname } from 'node:os';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

interface RunRoundJob {
  roundId: string;
}

/**
 * Runs matching rounds, one at a time per worker. The engine runs in a worker thread, so this
 * thread keeps renewing the job's lock; a worker killed mid-run loses the lock after
 * `lockDuration`, and another (or the restarted) worker picks the job up again.
 */
@Processor(QueueName.Matching, {
  // Recorded on each job it takes (`processedBy`), so one can tell which process holds a run.
  name: `matching-${hostname()}-${process.pid}`,
  concurrency: 1,
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
})
export class MatchingProcessor extends JobDispatcher {
  private readonly logger = new Logger(MatchingProcessor.name);

  constructor(
    private readonly runner: RoundRunner,
    private readonly rounds: RoundsService,
  ) {
    super();
  }

  @HandlesJob(JobName.RunRound)
  runRound(job: Job<RunRoundJob>): Promise<string> {
    return this.runner.run(job.data.roundId);
  }

  /** After the last attempt the round goes back to `closed`, so an admin can run it again. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<RunRoundJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    this.logger.error({ msg: 'round run failed', roundId: job.data.roundId, error: error.message });
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.rounds.releaseFailedRun(job.data.roundId);
    }
  }
}

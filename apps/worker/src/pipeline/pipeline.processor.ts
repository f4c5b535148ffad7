import { FollowUpsService, OutcomeRemindersService } from '@app/pipeline';
import { JobName, QueueName } from '@app/queues';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

const OUTCOME_REMINDERS_SCHEDULER_ID = 'remind-outcomes';
const FOLLOW_UPS_SCHEDULER_ID = 'send-follow-ups';
/** Daily, in the morning, when the reviewers read their mail. */
const EVERY_MORNING = '0 8 * * *';
/** Daily, late in the morning: follow-ups go out after the reminders. */
const LATE_MORNING = '0 10 * * *';
const DAILY_JOB = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnFail: 30,
} as const;

/**
 * The talent pipeline's daily jobs: reminders for missing outcomes, and the follow-ups that are
 * due. Each run finds what is due in the database and remembers what it did, so a missed day is
 * caught up and a repeated run does nothing twice.
 */
@Processor(QueueName.Pipeline, { concurrency: 1 })
export class PipelineProcessor extends JobDispatcher implements OnApplicationBootstrap {
  constructor(
    private readonly reminders: OutcomeRemindersService,
    private readonly followUps: FollowUpsService,
    @InjectQueue(QueueName.Pipeline) private readonly queue: Queue,
  ) {
    super();
  }

  /** Every worker upserts the same schedulers, so there is one schedule however many run. */
  override async onApplicationBootstrap(): Promise<void> {
    super.onApplicationBootstrap();
    await this.queue.upsertJobScheduler(
      OUTCOME_REMINDERS_SCHEDULER_ID,
      { pattern: EVERY_MORNING, tz: 'Europe/Copenhagen' },
      { name: JobName.RemindOutcomes, opts: DAILY_JOB },
    );
    await this.queue.upsertJobScheduler(
      FOLLOW_UPS_SCHEDULER_ID,
      { pattern: LATE_MORNING, tz: 'Europe/Copenhagen' },
      { name: JobName.SendFollowUps, opts: DAILY_JOB },
    );
  }

  @HandlesJob(JobName.RemindOutcomes)
  remind(): Promise<number> {
    return this.reminders.remindMissingOutcomes();
  }

  @HandlesJob(JobName.SendFollowUps)
  sendFollowUps(): Promise<number> {
    return this.followUps.sendDue(new Date());
  }
}

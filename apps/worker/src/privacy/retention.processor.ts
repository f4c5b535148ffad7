import { RetentionService } from '@app/privacy';
import { JobName, QueueName } from '@app/queues';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

const RETENTION_SCHEDULER_ID = 'erase-expired-students';
/** Daily, at night, when nobody is ranking or answering offers. */
const EVERY_NIGHT = '0 3 * * *';

/** Runs the retention rule once a day; a missed day is caught up by the next run. */
@Processor(QueueName.Privacy, { concurrency: 1 })
export class RetentionProcessor extends JobDispatcher implements OnApplicationBootstrap {
  constructor(
    private readonly retention: RetentionService,
    @InjectQueue(QueueName.Privacy) private readonly queue: Queue,
  ) {
    super();
  }

  /** Every worker upserts the same scheduler, so there is one schedule however many run. */
  override async onApplicationBootstrap(): Promise<void> {
    super.onApplicationBootstrap();
    await this.queue.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { pattern: EVERY_NIGHT, tz: 'Europe/Copenhagen' },
      {
        name: JobName.EraseExpiredStudents,
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnFail: 30 },
      },
    );
  }

  @HandlesJob(JobName.EraseExpiredStudents)
  eraseExpired(job: Job): Promise<number> {
    return this.retention.eraseExpired(new Date(), job.id ?? 'unknown');
  }
}

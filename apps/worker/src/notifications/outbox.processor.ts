import { OutboxPurgeService, OutboxRelayService, PurgedOutbox } from '@app/notifications';
import { JobName, onRedisReconnect, QueueName } from '@app/queues';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

/** The safety net under the relay requested after each commit. */
const RELAY_EVERY_MS = 1000;
const RELAY_SCHEDULER_ID = 'outbox-relay';
const PURGE_SCHEDULER_ID = 'purge-outbox';
/** Nightly, after the students' retention run. */
const EVERY_NIGHT = '30 3 * * *';

/** One relay at a time per worker process; several processes share rows with SKIP LOCKED. */
@Processor(QueueName.Outbox, { concurrency: 1 })
export class OutboxProcessor extends JobDispatcher implements OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelayService,
    private readonly purger: OutboxPurgeService,
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue,
  ) {
    super();
  }

  /**
   * Every worker upserts the same schedulers, so there is one schedule however many run; on the
   * redis backend again whenever the connection comes back, as a Redis that lost its data lost
   * them too.
   */
  override async onApplicationBootstrap(): Promise<void> {
    super.onApplicationBootstrap();
    await this.upsertSchedulers();
    await onRedisReconnect(this.outbox, () => void this.upsertSchedulers().catch(() => undefined));
  }

  private async upsertSchedulers(): Promise<void> {
    await this.outbox.upsertJobScheduler(
      RELAY_SCHEDULER_ID,
      { every: RELAY_EVERY_MS },
      { name: JobName.RelayOutbox, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await this.outbox.upsertJobScheduler(
      PURGE_SCHEDULER_ID,
      { pattern: EVERY_NIGHT, tz: 'Europe/Copenhagen' },
      {
        name: JobName.PurgeOutbox,
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnFail: 30 },
      },
    );
  }

  @HandlesJob(JobName.RelayOutbox)
  relayOutbox(): Promise<number> {
    return this.relay.relay();
  }

  @HandlesJob(JobName.PurgeOutbox)
  purgeOutbox(): Promise<PurgedOutbox> {
    return this.purger.purge(new Date());
  }
}

import { OutboxRelayService } from '@app/notifications';
import { JobName, QueueName } from '@app/queues';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { HandlesJob } from '../jobs/handles-job.decorator';
import { JobDispatcher } from '../jobs/job-dispatcher';

/** The safety net under the relay requested after each commit. */
const RELAY_EVERY_MS = 1000;
const RELAY_SCHEDULER_ID = 'outbox-relay';

/** One relay at a time per worker process; several processes share rows with SKIP LOCKED. */
@Processor(QueueName.Outbox, { concurrency: 1 })
export class OutboxProcessor extends JobDispatcher implements OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelayService,
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue,
  ) {
    super();
  }

  /**
   * Every worker upserts the same scheduler, so there is one schedule however many run; again
   * whenever the connection to Redis comes back, as a Redis that lost its data lost it too.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.upsertScheduler();
    (await this.outbox.backend.client).on(
      'ready',
      () => void this.upsertScheduler().catch(() => undefined),
    );
  }

  private async upsertScheduler(): Promise<void> {
    await this.outbox.upsertJobScheduler(
      RELAY_SCHEDULER_ID,
      { every: RELAY_EVERY_MS },
      { name: JobName.RelayOutbox, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  @HandlesJob(JobName.RelayOutbox)
  relayOutbox(): Promise<number> {
    return this.relay.relay();
  }
}

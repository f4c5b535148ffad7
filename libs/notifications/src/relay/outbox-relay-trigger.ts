import { JobName, jobIds, QueueName } from '@app/queues';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { withTimeout } from '../with-timeout';

/** Marks a query runner whose transaction wrote outbox rows. */
const EMITTED = 'notificationsEmitted';
const REDIS_TIMEOUT_MS = 2_000;

/**
 * Asks the worker to relay the outbox as soon as the transaction that wrote rows commits, so a
 * notification leaves within milliseconds rather than at the scheduler's next tick. Best-effort:
 * when Redis is unavailable the rows simply wait for the scheduled relay.
 */
@Injectable()
export class OutboxRelayTrigger implements EntitySubscriberInterface {
  private readonly logger = new Logger('OutboxRelayTrigger');

  constructor(
    dataSource: DataSource,
    @InjectQueue(QueueName.Outbox) private readonly outbox: Queue,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Called by emit: relay after the caller's commit, or now when there is no transaction. */
  relayAfterCommit(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) runner.data[EMITTED] = true;
    else void this.requestRelay();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[EMITTED]) return;
    delete event.queryRunner.data[EMITTED];
    void this.requestRelay();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete event.queryRunner.data[EMITTED];
  }

  /** One waiting relay job at a time: a request while one waits adds nothing. */
  async requestRelay(): Promise<void> {
    try {
      await withTimeout(
        this.outbox.add(
          JobName.RelayOutbox,
          {},
          { jobId: jobIds.outboxRelay(), removeOnComplete: true, removeOnFail: true },
        ),
        REDIS_TIMEOUT_MS,
        'Redis did not answer',
      );
    } catch (error) {
      this.logger.warn({
        msg: 'outbox relay not requested; the scheduler will relay',
        error: `${error}`,
      });
    }
  }
}

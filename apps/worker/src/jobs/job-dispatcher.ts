import { JobName } from '@app/queues';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { jobHandlersOf } from './handles-job.decorator';

const CONNECTION_ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * A BullMQ processor for one queue that hands each job to the method marked
 * `@HandlesJob(job.name)`. A job no method handles fails at once rather than being retried.
 */
export abstract class JobDispatcher
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private lastConnectionErrorAt = 0;

  process(job: Job): Promise<unknown> {
    const handler = jobHandlersOf(this.constructor).get(job.name as JobName);
    if (!handler) {
      throw new UnrecoverableError(`${this.constructor.name} has no handler for ${job.name}`);
    }
    return handler.call(this, job);
  }

  /**
   * On shutdown, stops taking jobs and waits for the running ones before any module closes what
   * they use (the SMTP connections, the database, Redis). BullModule closes its workers only in
   * the shutdown hooks, in the same round as those modules: a job started meanwhile failed on a
   * closed SMTP pool, or sent its e-mail and then could not mark it sent.
   */
  /**
   * A worker without an 'error' listener makes BullMQ print each connection error as a stack
   * trace while Redis (or PostgreSQL) is away; one log line every half minute says it instead.
   * The worker reconnects by itself.
   */
  onApplicationBootstrap(): void {
    this.startedWorker()?.on('error', (error: Error) => {
      if (Date.now() - this.lastConnectionErrorAt < CONNECTION_ERROR_LOG_INTERVAL_MS) return;
      this.lastConnectionErrorAt = Date.now();
      new Logger(this.constructor.name).warn({
        msg: 'queue connection error; retrying',
        error: error.message,
      });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.startedWorker()?.close();
  }

  /** The worker, when BullModule has started one for this processor. */
  private startedWorker(): Worker | undefined {
    try {
      return this.worker;
    } catch {
      return undefined;
    }
  }
}

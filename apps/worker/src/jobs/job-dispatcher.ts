import { JobName } from '@app/queues';
import { BeforeApplicationShutdown } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { jobHandlersOf } from './handles-job.decorator';

/**
 * A BullMQ processor for one queue that hands each job to the method marked
 * `@HandlesJob(job.name)`. A job no method handles fails at once rather than being retried.
 */
export abstract class JobDispatcher extends WorkerHost implements BeforeApplicationShutdown {
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

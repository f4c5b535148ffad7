import { JobName } from '@app/queues';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { jobHandlersOf } from './handles-job.decorator';

/**
 * A BullMQ processor for one queue that hands each job to the method marked
 * `@HandlesJob(job.name)`. A job no method handles fails at once rather than being retried.
 */
export abstract class JobDispatcher extends WorkerHost {
  process(job: Job): Promise<unknown> {
    const handler = jobHandlersOf(this.constructor).get(job.name as JobName);
    if (!handler) {
      throw new UnrecoverableError(`${this.constructor.name} has no handler for ${job.name}`);
    }
    return handler.call(this, job);
  }
}

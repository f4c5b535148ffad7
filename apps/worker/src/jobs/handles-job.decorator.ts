import { JobName } from '@app/queues';
import { Job } from 'bullmq';

export type JobHandler = (job: Job) => Promise<unknown>;

const HANDLERS = Symbol('job-handlers');

interface WithHandlers {
  [HANDLERS]?: Map<JobName, JobHandler>;
}

/**
 * Marks the method of a processor that handles one job name: the one line that registers a
 * handler. The worker checks at start-up that every job name has exactly one.
 */
export function HandlesJob(name: JobName) {
  return <H extends JobHandler>(
    target: object,
    _method: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    const owner = target.constructor as WithHandlers;
    const handlers = new Map(owner[HANDLERS] ?? []);
    if (handlers.has(name)) {
      throw new Error(`${target.constructor.name} handles ${name} twice`);
    }
    if (descriptor.value) handlers.set(name, descriptor.value);
    owner[HANDLERS] = handlers;
  };
}

/** The job names a processor class handles, with their methods. */
export function jobHandlersOf(processor: object): ReadonlyMap<JobName, JobHandler> {
  return (processor as WithHandlers)[HANDLERS] ?? new Map();
}

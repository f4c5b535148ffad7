import { JobName } from '@app/queues';
import { WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { jobHandlersOf } from './handles-job.decorator';

export class JobHandlerRegistryError extends Error {}

export interface ProcessorHandlers {
  processor: string;
  jobs: readonly JobName[];
}

/** Every job name handled exactly once, by a processor that declares it; throws listing every problem. */
export function verifyJobHandlers(processors: readonly ProcessorHandlers[]): void {
  const owners = new Map<JobName, string[]>();
  const problems: string[] = [];
  for (const { processor, jobs } of processors) {
    if (jobs.length === 0) {
      problems.push(`${processor} declares no job: mark its handler with @HandlesJob`);
    }
    for (const job of jobs) owners.set(job, [...(owners.get(job) ?? []), processor]);
  }
  for (const job of Object.values(JobName)) {
    const handlers = owners.get(job) ?? [];
    if (handlers.length > 1) problems.push(`${job} is handled by ${handlers.join(' and ')}`);
    if (handlers.length === 0) problems.push(`${job} has no handler`);
  }
  if (problems.length > 0) {
    throw new JobHandlerRegistryError(`The worker cannot start: ${problems.join('; ')}`);
  }
}

/**
 * Checks the processors of the worker when it is built, before any BullMQ worker takes a job
 * (they start in onModuleInit, after every provider exists).
 */
@Injectable()
export class JobHandlerRegistry {
  constructor(discovery: DiscoveryService) {
    const processors = discovery
      .getProviders()
      .map((wrapper) => wrapper.metatype)
      .filter((type): type is new (...args: never[]) => WorkerHost => isProcessorClass(type))
      .map((type) => ({ processor: type.name, jobs: [...jobHandlersOf(type).keys()] }));
    verifyJobHandlers(processors);
  }
}

function isProcessorClass(type: unknown): boolean {
  return typeof type === 'function' && type.prototype instanceof WorkerHost;
}

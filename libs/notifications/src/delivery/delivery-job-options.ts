import { jobIds } from '@app/queues';
import { JobsOptions, MinimalJob, Queue } from 'bullmq';

/** The custom backoff type of delivery jobs; the worker registers `jitteredBackoff` for it. */
export const JITTERED_BACKOFF = 'exponential-jitter';

const DELIVERY_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 60 * 60_000;
const DAY_SECONDS = 86_400;

/**
 * Delivery jobs are retried 8 times (with a 5 s base: about 10 minutes in all), completed ones
 * are dropped after a day and failed ones kept a week for operators to inspect. Once a job is
 * removed its id no longer deduplicates: the outbox row decides whether it was delivered.
 */
export function deliveryJobOptions(backoffBaseMs: number): JobsOptions {
  return {
    attempts: DELIVERY_ATTEMPTS,
    backoff: { type: JITTERED_BACKOFF, delay: backoffBaseMs },
    removeOnComplete: { age: DAY_SECONDS },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
}

/**
 * Removes the failed delivery jobs of these outbox rows, before a row is queued again: BullMQ
 * keeps a failed job a week under the row's job id, where it would swallow the new one. Waiting
 * and active jobs stay (a long backlog must not send its rows to the back of the queue).
 */
export async function dropFailedDeliveryJobs(
  queue: Queue,
  outboxIds: readonly string[],
): Promise<void> {
  await Promise.all(
    outboxIds.map(async (outboxId) => {
      const job = await queue.getJob(jobIds.notification(outboxId));
      if (job && (await job.isFailed())) await job.remove();
    }),
  );
}

/**
 * Exponential backoff with "equal jitter": between half and all of base × 2^(attempt-1), so
 * many messages refused at once by a busy SMTP server do not all come back at the same moment.
 */
export function jitteredBackoff(
  attemptsMade: number,
  type?: string,
  _error?: Error,
  job?: MinimalJob,
): number {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'object' && backoff.delay !== undefined ? backoff.delay : 1000;
  if (type !== JITTERED_BACKOFF) return base;
  const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

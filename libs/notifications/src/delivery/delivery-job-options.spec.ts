import { MinimalJob } from 'bullmq';
import { deliveryJobOptions, JITTERED_BACKOFF, jitteredBackoff } from './delivery-job-options';

const jobWithBase = (delay: number) => ({ opts: deliveryJobOptions(delay) }) as MinimalJob;

describe('jitteredBackoff', () => {
  it('doubles the ceiling with each attempt and waits at least half of it', () => {
    const job = jobWithBase(1000);
    for (const [attempt, ceiling] of [
      [1, 1000],
      [2, 2000],
      [5, 16000],
    ]) {
      for (let sample = 0; sample < 50; sample++) {
        const delay = jitteredBackoff(attempt, JITTERED_BACKOFF, undefined, job);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads retries that fail together', () => {
    const job = jobWithBase(1000);
    const delays = new Set(
      Array.from({ length: 20 }, () => jitteredBackoff(4, JITTERED_BACKOFF, undefined, job)),
    );
    expect(delays.size).toBeGreaterThan(10);
  });

  it('never waits more than an hour', () => {
    expect(jitteredBackoff(30, JITTERED_BACKOFF, undefined, jobWithBase(5000))).toBeLessThanOrEqual(
      3_600_000,
    );
  });
});

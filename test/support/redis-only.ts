import { appendFileSync } from 'node:fs';

/**
 * A describe block for tests that exercise Redis itself (its outages, its key prefix). They run
 * when the run's queues are on Redis; otherwise they are skipped and their file and the reason
 * recorded, so the closing summary of the run names them (test/support/not-run-reporter.js).
 */
export function describeOnRedis(name: string, tests: () => void): void {
  if (process.env.QUEUE_BACKEND === 'redis') {
    describe(name, tests);
    return;
  }
  recordNotRun(`the queues are on ${process.env.QUEUE_BACKEND ?? 'postgres'}, not Redis`);
  describe.skip(name, tests);
}

function recordNotRun(reason: string): void {
  const log = process.env.TEST_NOT_RUN_LOG;
  if (!log) return;
  const file = expect.getState().testPath;
  appendFileSync(log, `${JSON.stringify({ file, reason })}\n`);
}

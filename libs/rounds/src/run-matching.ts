import { BlockingPair, MatchingInstance, MatchingStats, Proposer } from '@app/matching';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ThreadResult {
  assignments: Record<string, string | null>;
  stats: MatchingStats;
  blockingPairs: BlockingPair[];
}

/** Matches an instance in a worker thread; resolves with the assignments and stability check. */
export function runMatchingInThread(
  instance: MatchingInstance,
  proposer: Proposer,
): Promise<ThreadResult> {
  // Compiled builds run matching.thread.js; tests and development run the TypeScript source.
  const compiled = __filename.endsWith('.js');
  const file = path.join(__dirname, `matching.thread.${compiled ? 'js' : 'ts'}`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: { instance, proposer },
      execArgv: compiled ? [] : ['-r', '@swc-node/register'],
    });
    worker.once('message', (result: ThreadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`matching thread exited with code ${code}`));
    });
  });
}

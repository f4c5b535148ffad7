import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { RunReport } from './execute-round-run';

/** Runs a round in a worker thread; resolves with its report, rejects with its error. */
export function runRoundInThread(databaseUrl: string, roundId: string): Promise<RunReport> {
  // Compiled builds run round-run.thread.js; tests and development run the TypeScript source.
  const compiled = __filename.endsWith('.js');
  const file = path.join(__dirname, `round-run.thread.${compiled ? 'js' : 'ts'}`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, {
      workerData: { databaseUrl, roundId },
      execArgv: compiled ? [] : ['-r', '@swc-node/register'],
    });
    worker.once('message', (report: RunReport) => resolve(report));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`round-run thread exited with code ${code}`));
    });
  });
}

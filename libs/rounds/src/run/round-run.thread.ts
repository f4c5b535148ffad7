/**
 * A round run off the worker's main thread, on a connection of its own, so a 100k-student
 * round neither stalls BullMQ's lock renewals nor the worker's other queues.
 */
import { Client } from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { executeRoundRun } from './execute-round-run';

const { databaseUrl, roundId } = workerData as { databaseUrl: string; roundId: string };

async function main(): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    parentPort?.postMessage(await executeRoundRun(client, roundId));
  } finally {
    await client.end();
  }
}

void main().catch((error: unknown) => {
  // Rethrown outside the promise, so the thread's 'error' event carries it to the job.
  setImmediate(() => {
    throw error;
  });
});

/**
 * Runs the engine and the stability check off the worker's main thread, so a 100k-student round
 * does not stall BullMQ's lock renewals or the worker's other queues.
 */
import { findBlockingPairs, matchInstance, MatchingInstance, Proposer } from '@app/matching';
import { parentPort, workerData } from 'node:worker_threads';

const { instance, proposer } = workerData as { instance: MatchingInstance; proposer: Proposer };
const result = matchInstance(instance, { proposer });
const blockingPairs = findBlockingPairs(instance, result.assignments);
parentPort?.postMessage({
  assignments: { ...result.assignments },
  stats: result.stats,
  blockingPairs,
});

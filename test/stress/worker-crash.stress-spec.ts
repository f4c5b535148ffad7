import { matchInstance } from '@app/matching';
import { jobIds, QueueName } from '@app/queues';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { usePrivateDatabase } from '../reliability/harness/private-database';
import { WorkerPool } from '../reliability/harness/worker-pool';
import { insertBulkRound } from '../support/bulk-market';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';

const CRASHES = 20;
const DELAY_STEP_MS = 25;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('workers killed in the middle of rounds, 20 times', () => {
  const prefix = `${process.env.REDIS_PREFIX}-crash20-${randomBytes(3).toString('hex')}`;
  const savedPrefix = process.env.REDIS_PREFIX;
  let dropDatabase: () => Promise<void>;
  let app: INestApplication;
  let queue: Queue;
  let workers: WorkerPool;

  beforeAll(async () => {
    dropDatabase = await usePrivateDatabase('crash');
    process.env.REDIS_PREFIX = prefix;
    app = await startApi();
    queue = new Queue(QueueName.Matching, { connection: redisConnection(), prefix });
    workers = new WorkerPool({ REDIS_PREFIX: prefix, DATABASE_URL: process.env.DATABASE_URL! });
  }, 60_000);

  afterAll(async () => {
    await workers?.stopAll();
    await queue?.close();
    await app?.close();
    process.env.REDIS_PREFIX = savedPrefix;
    await dropDatabase?.();
  }, 60_000);

  it('ends every round matched once, with the engine’s result, while a second worker runs beside', async () => {
    const db = app.get(DataSource);
    const admin = as(app, (await new Factories(app).aUser('admin')).token);
    await workers.start(2);
    const rounds: { roundId: string; interrupted: boolean }[] = [];
    for (let crash = 0; crash < CRASHES; crash++) {
      const { roundId } = await insertBulkRound(db, { students: 4000, slots: 600, perStudent: 8 });
      await admin.post(`/api/rounds/${roundId}/run`).expect(202);
      const holder = await activeHolder(queue, jobIds.runRound(roundId, 1));
      await pause(crash * DELAY_STEP_MS);
      await workers.kill(holder);
      rounds.push({ roundId, interrupted: (await statusOf(db, roundId)) === 'matching' });
      const replacement = workers.start(1); // back to two side by side
      await eventually(
        async () => ((await statusOf(db, roundId)) === 'matched' ? true : undefined),
        90_000,
        200,
      );
      await replacement;
    }

    for (const round of rounds) {
      const { roundId } = round;
      const [{ runs }] = await db.query(
        `SELECT count(*)::int AS runs FROM round_runs WHERE round_id = $1`,
        [roundId],
      );
      expect(runs).toBe(1);
      // A killed worker never got to log; a round it finished before dying is logged by it alone.
      const logged = workers.lines(new RegExp(`"round run matched".*${roundId}`)).length;
      expect(round.interrupted ? logged === 1 : logged <= 1).toBe(true);
      await expectEngineResult(db, admin, roundId);
    }
    const interrupted = rounds.filter((r) => r.interrupted).length;
    process.stdout.write(
      `worker crash: ${interrupted} of ${CRASHES} kills interrupted a running round\n`,
    );
    expect(interrupted).toBeGreaterThanOrEqual(CRASHES / 2);
  }, 1_200_000);
});

function redisConnection() {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return { host: url.hostname, port: Number(url.port || 6379) };
}

/** The pid of the worker process that took the job, from the name BullMQ records on it. */
async function activeHolder(queue: Queue, jobId: string): Promise<number> {
  return eventually(
    async () => {
      const job = await queue.getJob(jobId);
      if (!job?.processedBy || (await job.getState()) !== 'active') return undefined;
      return Number(job.processedBy.split('-').pop());
    },
    30_000,
    5,
  );
}

async function statusOf(db: DataSource, roundId: string): Promise<string> {
  const [row] = await db.query(`SELECT status FROM rounds WHERE id = $1`, [roundId]);
  return row.status;
}

async function expectEngineResult(db: DataSource, admin: ReturnType<typeof as>, roundId: string) {
  const instance = (await admin.get(`/api/rounds/${roundId}/instance`).expect(200)).body;
  const expected = matchInstance(instance, { proposer: 'students' }).assignments;
  const stored: { student_id: string; slot_id: string | null }[] = await db.query(
    `SELECT student_id, slot_id FROM assignments WHERE round_id = $1`,
    [roundId],
  );
  expect(stored).toHaveLength(4000);
  const mismatches = stored.filter((row) => row.slot_id !== expected[row.student_id]);
  expect(mismatches).toEqual([]);
}

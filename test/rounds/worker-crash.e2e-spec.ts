import { matchInstance } from '@app/matching';
import { loadConfig } from '@app/config';
import { jobIds, queueConnection, QueueName } from '@app/queues';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { insertBulkRound } from '../support/bulk-market';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { runEntryPoint } from '../support/processes';
import { startApi } from '../support/test-app';

describe('a worker killed in the middle of a round', () => {
  const prefix = `${process.env.REDIS_PREFIX}-crash-${randomBytes(3).toString('hex')}`;
  const originalPrefix = process.env.REDIS_PREFIX;
  let app: INestApplication;
  let queue: Queue;

  beforeAll(async () => {
    // Workers of other test files must not take this test's job: a prefix of its own.
    process.env.REDIS_PREFIX = prefix;
    app = await startApi();
    // On the run's queue backend, as the api's own queue (startApi chose it for this process).
    queue = new Queue(QueueName.Matching, {
      connection: queueConnection(loadConfig(), 'producer'),
      prefix,
    });
  });

  afterAll(async () => {
    await queue.close();
    await app.close();
    process.env.REDIS_PREFIX = originalPrefix;
  });

  it('is picked up after restart and the round ends matched once, with the same result', async () => {
    const db = app.get(DataSource);
    const { roundId } = await insertBulkRound(db, { students: 3000, slots: 400, perStudent: 8 });
    const admin = as(app, (await new Factories(app).aUser('admin')).token);

    const first = runEntryPoint('apps/worker/src/main.ts', [], {
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
    });
    await first.waitFor(/worker ready/);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    const jobId = jobIds.runRound(roundId, 1);
    await eventually(
      async () => ((await queue.getJobState(jobId)) === 'active' ? true : undefined),
      20_000,
      5,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    const [{ status: afterKill }] = await db.query(`SELECT status FROM rounds WHERE id = $1`, [
      roundId,
    ]);
    expect(afterKill).toBe('matching');

    const second = runEntryPoint('apps/worker/src/main.ts', [], {
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'info',
    });
    try {
      await eventually(
        async () => {
          const [row] = await db.query(`SELECT status FROM rounds WHERE id = $1`, [roundId]);
          return row.status === 'matched' ? true : undefined;
        },
        60_000,
        200,
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    const [{ runs }] = await db.query(
      `SELECT count(*)::int AS runs FROM round_runs WHERE round_id = $1`,
      [roundId],
    );
    expect(runs).toBe(1);
    const instance = (await admin.get(`/api/rounds/${roundId}/instance`).expect(200)).body;
    const expected = matchInstance(instance, { proposer: 'students' }).assignments;
    const stored: { student_id: string; slot_id: string | null }[] = await db.query(
      `SELECT student_id, slot_id FROM assignments WHERE round_id = $1`,
      [roundId],
    );
    expect(stored).toHaveLength(3000);
    for (const row of stored) expect(row.slot_id).toBe(expected[row.student_id]);
  }, 120_000);
});

import { AppConfig } from '@app/config';
import { OutboxPurgeService } from '@app/notifications';
import { QueueName } from '@app/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import { isolateEnvironment, startWorker } from './notifications-harness';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the outbox purge', () => {
  let restore: () => Promise<void>;
  let api: INestApplication;
  let db: DataSource;
  let purger: OutboxPurgeService;

  beforeAll(async () => {
    // A database of its own: the purge reads the whole outbox. No worker runs while the rows
    // are checked: it would relay the old pending row and change what the purge finds.
    restore = await isolateEnvironment();
    api = await startApi();
    db = api.get(DataSource);
    purger = new OutboxPurgeService(db, api.get(AppConfig));
  });

  afterAll(async () => {
    await api?.close();
    await restore?.();
  });

  /** An outbox row as it stands `daysAgo` days after its event; returns its id. */
  async function aRow(userId: string, status: string, daysAgo: number, channel = 'email') {
    const at = new Date(Date.now() - daysAgo * DAY_MS);
    const [row] = await db.query(
      `INSERT INTO outbox (event, channel, recipient_user_id, dedupe_key, status, created_at,
                           queued_at, delivered_at)
       VALUES ('offer.made', $1, $2, gen_random_uuid()::text, $3, $4,
               CASE WHEN $3 = 'queued' THEN $4::timestamptz END,
               CASE WHEN $3 = 'delivered' THEN $4::timestamptz END)
       RETURNING id`,
      [channel, userId, status, at],
    );
    return row.id as string;
  }

  it('deletes delivered rows after 90 days and failed ones after a year, never those on their way', async () => {
    const user = await new Factories(api).aUser('admin');
    const rows = {
      oldDelivered: await aRow(user.id, 'delivered', 91),
      recentDelivered: await aRow(user.id, 'delivered', 89),
      oldInApp: await aRow(user.id, 'delivered', 120, 'in_app'),
      failed: await aRow(user.id, 'failed', 200),
      oldFailed: await aRow(user.id, 'failed', 366),
      oldPending: await aRow(user.id, 'pending', 400),
      oldQueued: await aRow(user.id, 'queued', 400),
    };
    const [inApp] = await db.query(
      `INSERT INTO notifications (user_id, outbox_id, event, title, body)
       VALUES ($1, $2, 'offer.made', 'Du har fået et tilbud', 'Svar inden fredag')
       RETURNING id`,
      [user.id, rows.oldInApp],
    );

    const purged = await purger.purge(new Date());

    expect(purged).toEqual({ delivered: 2, failed: 1 });
    const left: { id: string }[] = await db.query(
      `SELECT id FROM outbox WHERE recipient_user_id = $1`,
      [user.id],
    );
    expect(left.map((row) => row.id).sort()).toEqual(
      [rows.recentDelivered, rows.failed, rows.oldPending, rows.oldQueued].sort(),
    );
    // The student keeps what they were told.
    const [kept] = await db.query(`SELECT outbox_id FROM notifications WHERE id = $1`, [inApp.id]);
    expect(kept).toEqual({ outbox_id: null });
    await expect(purger.purge(new Date())).resolves.toEqual({
      delivered: 0,
      failed: 0,
    });
  });

  it('is scheduled nightly by the worker', async () => {
    const worker: INestApplicationContext = await startWorker();
    try {
      const queue = worker.get<Queue>(getQueueToken(QueueName.Outbox));
      expect(await queue.getJobSchedulers()).toContainEqual(
        expect.objectContaining({ key: 'purge-outbox', pattern: '30 3 * * *' }),
      );
    } finally {
      await worker.close();
    }
  });
});

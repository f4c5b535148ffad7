import { NotificationsService } from '@app/notifications';
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { SmtpSink, startSmtpSink } from '../../scripts/smtp-sink';
import { usePrivateDatabase } from '../reliability/harness/private-database';
import { PrivateRedis } from '../reliability/harness/private-redis';
import { WorkerPool } from '../reliability/harness/worker-pool';
import { Factories } from '../support/factories';
import { eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { describeOnRedis } from '../support/redis-only';

const OUTAGE_MS = 30_000;
const STUDENTS = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Offer {
  placementId: string;
  studentId: string;
  reviewerId: string;
  token: string;
}

describeOnRedis('Redis down for 30 seconds while students answer offers', () => {
  const saved = { ...process.env };
  let dropDatabase: (() => Promise<void>) | undefined;
  let redis: PrivateRedis | undefined;
  let sink: SmtpSink | undefined;
  let app: INestApplication | undefined;
  let workers: WorkerPool | undefined;
  let base = '';

  beforeAll(async () => {
    dropDatabase = await usePrivateDatabase('redis');
    redis = await PrivateRedis.start();
    sink = await startSmtpSink();
    Object.assign(process.env, {
      REDIS_URL: redis.url,
      REDIS_PREFIX: `outage-${randomBytes(3).toString('hex')}`,
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      NOTIFICATION_BACKOFF_MS: '200',
    });
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    workers = new WorkerPool({
      REDIS_URL: redis.url,
      REDIS_PREFIX: process.env.REDIS_PREFIX!,
      DATABASE_URL: process.env.DATABASE_URL!,
      SMTP_HOST: sink.host,
      SMTP_PORT: String(sink.port),
      NOTIFICATION_BACKOFF_MS: '200',
    });
    await workers.start(1);
  }, 90_000);

  afterAll(async () => {
    await workers?.stopAll();
    await app?.close();
    await redis?.stop();
    await sink?.close();
    process.env = saved;
    await dropDatabase?.();
  }, 60_000);

  it('keeps reads and queue-free writes working, reports Redis down, and delivers every notification once', async () => {
    const offers = await publishedOffers(app!);
    const call = (path: string, token: string, method = 'GET') =>
      fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

    await redis!.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    const statuses = {
      reads: new Set<number>(),
      answers: new Set<number>(),
      health: new Set<number>(),
    };
    for (let i = 0; Date.now() < outageEnds; i++) {
      const offer = offers[i % STUDENTS];
      statuses.reads.add((await call('/api/placements', offer.token)).status);
      statuses.reads.add((await call('/api/slots', offer.token)).status);
      statuses.health.add((await fetch(`${base}/api/health`)).status);
      if (i < STUDENTS) {
        const answer = i % 2 === 0 ? 'accept' : 'decline';
        const response = await call(
          `/api/placements/${offer.placementId}/${answer}`,
          offer.token,
          'POST',
        );
        statuses.answers.add(response.status);
        if (response.status === 200) await emitAnswered(app!, offer, answer);
      }
      await pause(500);
    }
    await redis!.restart();

    expect(statuses).toEqual({
      reads: new Set([200]),
      answers: new Set([200]),
      health: new Set([503]),
    });
    await eventually(
      async () => ((await fetch(`${base}/api/health`)).status === 200 ? true : undefined),
      20_000,
    );
    await expectDeliveredOnce(app!.get(DataSource), sink!, STUDENTS * 2);
  }, 180_000);
});

/** A published round where each of STUDENTS new students holds an offer for one slot of 10 seats. */
async function publishedOffers(app: INestApplication): Promise<Offer[]> {
  const make = new Factories(app);
  const school = await make.anOrganisation('school');
  const programme = await make.aProgramme(school.id);
  const host = await make.anOrganisation('employer');
  const slot = await make.aSlot(host, { capacity: 10 });
  const reviewer = await make.aUser('reviewer', host);
  const db = app.get(DataSource);
  const [round] = await db.query(
    `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed)
     VALUES ('Outage', 'published', now() - interval '2 hours', now() - interval '1 hour', 'outage') RETURNING id`,
  );
  const offers: Offer[] = [];
  for (let i = 0; i < STUDENTS; i++) {
    const student = await make.aStudent(school, programme);
    const [placement] = await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, deadline_at)
       VALUES ($1, $2, $3, now() + interval '3 days') RETURNING id`,
      [round.id, student.studentId, slot.id],
    );
    offers.push({
      placementId: placement.id,
      studentId: student.studentId!,
      reviewerId: reviewer.id,
      token: student.token,
    });
  }
  return offers;
}

/**
 * The answer's notification to the host's reviewer, as the placements service emits it; if it
 * already emitted the same event, the outbox's dedupe key makes this a no-op.
 */
async function emitAnswered(app: INestApplication, offer: Offer, answer: 'accept' | 'decline') {
  const notifications = app.get(NotificationsService);
  await app.get(DataSource).transaction((manager) =>
    notifications.emit(manager, {
      event: answer === 'accept' ? 'offer.accepted' : 'offer.declined',
      recipientUserId: offer.reviewerId,
      subjectId: offer.placementId,
      payload: {
        placementId: offer.placementId,
        slotTitle: 'Laborant',
        organisationName: 'Novozymes',
        studentId: offer.studentId,
      },
    }),
  );
}

async function expectDeliveredOnce(db: DataSource, sink: SmtpSink, atLeast: number) {
  const rows: { id: string; channel: string; status: string }[] = await eventually(
    async () => {
      const current: { id: string; channel: string; status: string }[] = await db.query(
        `SELECT id, channel, status FROM outbox`,
      );
      return current.length >= atLeast && current.every((row) => row.status === 'delivered')
        ? current
        : undefined;
    },
    90_000,
    250,
  );
  const [{ inApp, distinct }] = await db.query(
    `SELECT count(*)::int AS "inApp", count(DISTINCT outbox_id)::int AS distinct FROM notifications`,
  );
  expect(inApp).toBe(rows.filter((row) => row.channel === 'in_app').length);
  expect(distinct).toBe(inApp);
  await pause(2000); // a duplicate delivery would arrive now
  expect(sink.messages).toHaveLength(rows.filter((row) => row.channel === 'email').length);
  process.stdout.write(`redis outage: ${rows.length} outbox rows, each delivered once\n`);
}

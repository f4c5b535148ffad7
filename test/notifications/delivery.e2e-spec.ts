import { InvitationsService } from '@app/accounts';
import { hashInvitationToken, NotificationDeliveryService } from '@app/notifications';
import { jobIds, JobName, QueueName } from '@app/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import {
  aStudentUser,
  emit,
  eventually,
  isolateEnvironment,
  mailsTo,
  outboxRows,
  startSink,
  startWorker,
} from './notifications-harness';

const DEADLINE = '2026-11-27T11:00:00.000Z'; // 12.00 in Copenhagen

const anOffer = (recipientUserId: string, placementId = randomUUID()) =>
  ({
    event: 'offer.made',
    recipientUserId,
    subjectId: placementId,
    payload: {
      placementId,
      roundId: randomUUID(),
      slotTitle: 'Laborant i kvalitetskontrol',
      organisationName: 'Novo Nordisk',
      deadline: DEADLINE,
      slotId: randomUUID(),
      startsOn: '2027-02-01',
      endsOn: '2027-04-30',
      needsGuardianConsent: false,
    },
  }) as const;

// A database of its own, the api and the worker: slow to start on a loaded machine.
jest.setTimeout(60_000);

describe('notifications: outbox → relay → worker → SMTP', () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let respond: Awaited<ReturnType<typeof startSink>>['respond'];
  let api: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;

  beforeAll(async () => {
    restore = await isolateEnvironment();
    ({ sink, respond } = await startSink());
    api = await startApi();
    worker = await startWorker();
    make = new Factories(api);
  }, 60_000);

  afterEach(() => respond(() => null));

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await restore?.();
  });

  const delivered = async (userId: string) => {
    const rows = await outboxRows(api, userId);
    return rows.length > 0 && rows.every((row) => row.status === 'delivered') && rows;
  };

  it('sends an offer once by e-mail, in Danish with deadline and link, and once in the app', async () => {
    const student = await aStudentUser(make);
    const offer = anOffer(student.id);
    await expect(emit(api, offer)).resolves.toBe(2);
    await expect(emit(api, offer)).resolves.toBe(0); // the same event again records nothing

    const rows = await eventually(() => delivered(student.id));
    const [mail] = await eventually(async () => {
      const mails = await mailsTo(sink, student.email);
      return mails.length > 0 && mails;
    });
    expect(mail.subject).toBe('Du har fået tilbud om en praktikplads');
    expect(mail.text).toContain('hos Novo Nordisk: Laborant i kvalitetskontrol');
    expect(mail.text).toContain('senest 27. november 2026 kl. 12.00');
    expect(mail.text).toContain(`http://localhost:3000/placements/${offer.payload.placementId}`);
    expect(mail.html).toContain('<a href="http://localhost:3000/placements/');
    const emailRow = rows.find((row) => row.channel === 'email');
    expect(mail.messageId).toBe(`<${emailRow?.id}@biotekbyen.dk>`);

    const inbox = await request(api.getHttpServer())
      .get('/api/me/notifications')
      .set('Authorization', `Bearer ${student.token}`)
      .expect(200);
    expect(inbox.body).toMatchObject({ total: 1, page: 1, pageSize: 20, unread: 1 });
    expect(inbox.body.items[0]).toMatchObject({
      event: 'offer.made',
      title: 'Du har fået tilbud om en praktikplads',
      link: `http://localhost:3000/placements/${offer.payload.placementId}`,
      readAt: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more arrives
    expect(await mailsTo(sink, student.email)).toHaveLength(1);
  });

  it('writes to an English-speaking user in English', async () => {
    const student = await aStudentUser(make);
    await api.get(DataSource).query(`UPDATE users SET language = 'en' WHERE id = $1`, [student.id]);
    await emit(api, anOffer(student.id));
    const [mail] = await eventually(async () => {
      const mails = await mailsTo(sink, student.email);
      return mails.length > 0 && mails;
    });
    expect(mail.subject).toBe('You have been offered an internship');
    expect(mail.text).toContain('by 27 November 2026 at 12:00');
  });

  it('invites by e-mail with a random token of its own, stored only as a hash, single use', async () => {
    const student = await aStudentUser(make);
    const db = api.get(DataSource);
    await db.query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [student.id]);
    const createdToken = await db.transaction((manager) =>
      api.get(InvitationsService).createInvitation(student.id, manager),
    );
    const [mail] = await eventually(async () => {
      const mails = await mailsTo(sink, student.email);
      return mails.length > 0 && mails;
    });
    const token = /invitation\?token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1] ?? '';
    expect(token).toHaveLength(43);
    expect(token).not.toBe(createdToken);
    expect(mail.text).toContain('Linket virker indtil');
    const [row] = await db.query(
      `SELECT o.payload::text AS payload, i.token_hash, i.mail_token_hash
         FROM outbox o JOIN invitations i ON i.id::text = o.payload->>'invitationId'
        WHERE o.recipient_user_id = $1`,
      [student.id],
    );
    expect(row.payload).not.toContain(token);
    expect(row.mail_token_hash).toBe(hashInvitationToken(token));
    expect(row.token_hash).toBe(hashInvitationToken(createdToken));
    const server = api.getHttpServer();
    await request(server)
      .post('/api/auth/accept-invitation')
      .send({ token, password: 'a good long password' })
      .expect(204);
    // Spent by the e-mail's token, the one returned at creation is spent too.
    await request(server)
      .post('/api/auth/accept-invitation')
      .send({ token: createdToken, password: 'a good long password' })
      .expect(400);
  });

  it('marks only the caller’s own notification read', async () => {
    const student = await aStudentUser(make);
    const other = await aStudentUser(make);
    await emit(api, anOffer(student.id));
    await eventually(() => delivered(student.id));
    const server = api.getHttpServer();
    const inbox = await request(server)
      .get('/api/me/notifications')
      .set('Authorization', `Bearer ${student.token}`);
    const id = inbox.body.items[0].id;

    await request(server)
      .post(`/api/me/notifications/${id}/read`)
      .set('Authorization', `Bearer ${other.token}`)
      .expect(404);
    const read = await request(server)
      .post(`/api/me/notifications/${id}/read`)
      .set('Authorization', `Bearer ${student.token}`)
      .expect(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await request(server)
      .get('/api/me/notifications')
      .set('Authorization', `Bearer ${student.token}`);
    expect(after.body.unread).toBe(0);
  });

  it('sends one e-mail when its delivery job is added many times at once', async () => {
    const student = await aStudentUser(make);
    await emit(api, anOffer(student.id));
    const [emailRow] = (await outboxRows(api, student.id)).filter((r) => r.channel === 'email');
    const queue = worker.get<Queue>(getQueueToken(QueueName.Notifications));
    const same = { jobId: jobIds.notification(emailRow.id), attempts: 8, backoff: 20 };
    await queue.addBulk([
      ...Array.from({ length: 5 }, () => ({
        name: JobName.DeliverNotification,
        data: { outboxId: emailRow.id },
        opts: same,
      })),
      // As if the job had been removed and added again: only the row can tell.
      ...Array.from({ length: 5 }, (_, n) => ({
        name: JobName.DeliverNotification,
        data: { outboxId: emailRow.id },
        opts: { ...same, jobId: `${same.jobId}-again-${n}` },
      })),
    ]);

    await eventually(() => delivered(student.id));
    await eventually(async () => {
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed');
      return counts.active + counts.waiting + counts.delayed === 0;
    });
    expect(await mailsTo(sink, student.email)).toHaveLength(1);
  });

  it('gives a row to one delivery only when several for it share a claim statement', async () => {
    const student = await aStudentUser(make);
    // Rows written as already queued, whose jobs do not exist: only the calls below deliver them.
    const db = worker.get(DataSource);
    const queuedRow = async (key: string) =>
      (
        await db.query(
          `INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key, status, queued_at)
           VALUES ('offer.made', $1, 'email', $2, $3, 'queued', now()) RETURNING id`,
          [student.id, anOffer(student.id).payload, `${key}-${randomUUID()}`],
        )
      )[0].id as string;
    const first = await queuedRow('first');
    const target = await queuedRow('target');
    const delivery = worker.get(NotificationDeliveryService);

    // The first call runs alone; the five arriving while it is in flight share the next claim.
    const results = await Promise.allSettled([
      delivery.deliver(first, false),
      ...Array.from({ length: 5 }, () => delivery.deliver(target, false)),
    ]);

    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value : 'busy'));
    expect(outcomes[0]).toBe('delivered');
    expect(outcomes.slice(1).filter((o) => o === 'delivered')).toHaveLength(1);
    expect(await mailsTo(sink, student.email)).toHaveLength(2);
    const [row] = await db.query(`SELECT status, attempts FROM outbox WHERE id = $1`, [target]);
    expect(row).toEqual({ status: 'delivered', attempts: 1 });
  });

  it('queues again a row whose job vanished from Redis', async () => {
    const student = await aStudentUser(make);
    const placementId = randomUUID();
    await api.get(DataSource).query(
      `INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key, status, queued_at)
       VALUES ('offer.expired', $1, 'email', $2, $3, 'queued', now() - interval '6 minutes')`,
      [
        student.id,
        { placementId, slotTitle: 'Maskinmester', organisationName: 'Kalundborg Forsyning' },
        `offer.expired:${placementId}:${student.id}:email`,
      ],
    );
    await eventually(() => delivered(student.id));
    const mails = await mailsTo(sink, student.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['Dit tilbud er udløbet']);
  });

  it('retries while the server answers 4xx, then delivers', async () => {
    const student = await aStudentUser(make);
    let refusals = 0;
    respond(({ to }) =>
      to === student.email && ++refusals <= 3 ? { code: 451, message: 'Try again later' } : null,
    );
    await emit(api, anOffer(student.id));

    const rows = await eventually(() => delivered(student.id));
    expect(rows.find((row) => row.channel === 'email')?.attempts).toBe(4);
    expect(await mailsTo(sink, student.email)).toHaveLength(1);
  });

  it('records a 5xx refusal as failed, without retrying, and shows it to admins', async () => {
    const student = await aStudentUser(make);
    let refusals = 0;
    respond(({ to }) => {
      if (to !== student.email) return null;
      refusals++;
      return { code: 550, message: 'No such mailbox' };
    });
    await emit(api, anOffer(student.id));

    const failed = await eventually(async () => {
      const rows = await outboxRows(api, student.id);
      return rows.find((row) => row.channel === 'email' && row.status === 'failed');
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550/);
    expect(refusals).toBe(1);

    const admin = await make.aUser('admin');
    const list = await request(api.getHttpServer())
      .get('/api/admin/notifications/failed?pageSize=100')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: failed.id, event: 'offer.made', channel: 'email' }),
    );
    expect(list.body.items.find((item: { id: string }) => item.id === failed.id).lastError).toMatch(
      /550 No such mailbox/,
    );
    await request(api.getHttpServer())
      .get('/api/admin/notifications/failed')
      .set('Authorization', `Bearer ${student.token}`)
      .expect(403);
  });

  it('finishes the deliveries under way when the worker stops, and starts no others', async () => {
    const student = await aStudentUser(make);
    let underWay = 0;
    // Each message waits at the server until the stop, and a while after, so the stop comes
    // while many are sending however long the 120 events took to write.
    let stop!: () => void;
    const stopping = new Promise<void>((resolve) => (stop = resolve));
    respond(() => {
      underWay++;
      return stopping.then(() => new Promise((resolve) => setTimeout(() => resolve(null), 300)));
    });
    try {
      for (let i = 0; i < 120; i++) await emit(api, anOffer(student.id));
      await eventually(async () => (underWay > 0 ? true : undefined));
      const closed = worker.close();
      stop();
      await closed;
    } finally {
      stop(); // a failure above must not leave deliveries hanging at the server
    }

    const rows = await outboxRows(api, student.id);
    const emails = rows.filter((row) => row.channel === 'email');
    const sent = emails.filter((row) => row.status === 'delivered');
    // Each message sent was marked sent, and none was tried and then given up on.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(emails.length);
    expect(await mailsTo(sink, student.email)).toHaveLength(sent.length);
    const waiting = rows.filter((row) => row.status !== 'delivered');
    expect(waiting.filter((row) => row.attempts > 0 || row.last_error !== null)).toEqual([]);

    respond(() => null);
    worker = await startWorker();
    await eventually(() => delivered(student.id), 30_000);
    expect(await mailsTo(sink, student.email)).toHaveLength(120);
  }, 60_000);

  it('sends failed deliveries again when an admin says so, once each', async () => {
    const student = await aStudentUser(make);
    const other = await aStudentUser(make);
    const refused = new Set([student.email, other.email]);
    respond(({ to }) => (refused.has(to) ? { code: 550, message: 'No such mailbox' } : null));
    await emit(api, anOffer(student.id));
    await emit(api, anOffer(other.id));
    const failedEmail = async (userId: string) => {
      const rows = await outboxRows(api, userId);
      return rows.find((row) => row.channel === 'email' && row.status === 'failed');
    };
    const failed = await eventually(() => failedEmail(student.id));
    await eventually(() => failedEmail(other.id));

    const admin = await make.aUser('admin');
    const asAdmin = (method: 'post', path: string) =>
      request(api.getHttpServer())[method](path).set('Authorization', `Bearer ${admin.token}`);
    await request(api.getHttpServer())
      .post(`/api/admin/notifications/${failed.id}/retry`)
      .set('Authorization', `Bearer ${student.token}`)
      .expect(403);
    await asAdmin('post', `/api/admin/notifications/${randomUUID()}/retry`).expect(404);

    // The address is corrected: one row back by its id, then all that failed.
    respond(() => null);
    const one = await asAdmin('post', `/api/admin/notifications/${failed.id}/retry`).expect(202);
    expect(one.body).toEqual({ retried: 1 });
    await eventually(() => delivered(student.id));
    await asAdmin('post', `/api/admin/notifications/${failed.id}/retry`).expect(409);
    const all = await asAdmin('post', '/api/admin/notifications/failed/retry').expect(202);
    expect(all.body.retried).toBeGreaterThanOrEqual(1);
    await eventually(() => delivered(other.id));

    expect(await mailsTo(sink, student.email)).toHaveLength(1);
    expect(await mailsTo(sink, other.email)).toHaveLength(1);
    const [row] = (await outboxRows(api, student.id)).filter((r) => r.channel === 'email');
    expect(row.attempts).toBe(2);
  }, 30_000);
});

import { loadConfig } from '@app/config';
import { jobIds, JobName, QueueName } from '@app/queues';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { isolateEnvironment } from '../notifications/notifications-harness';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { queuesHolding, tablesHolding } from './privacy-harness';

type Client = ReturnType<typeof as>;

describe('erasing a student', () => {
  let restore: () => Promise<void>;
  let app: INestApplication;
  let worker: INestApplicationContext | undefined;
  let make: Factories;
  let db: DataSource;
  let admin: Client;

  beforeAll(async () => {
    // A database and Redis prefix of its own: every table and key can be searched whole.
    restore = await isolateEnvironment();
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
    admin = as(app, (await make.aUser('admin')).token);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await app.close();
    await restore();
  });

  async function aRunRound(slotIds: string[], students: { token: string }[]) {
    const round = await admin
      .post('/api/rounds', { name: 'Erasure', preferencesCloseAt: new Date(Date.now() + 3600_000) })
      .expect(201);
    const id: string = round.body.id;
    await admin.post(`/api/rounds/${id}/open`).expect(200);
    for (const student of students) {
      await as(app, student.token).put(`/api/rounds/${id}/preferences`, { slotIds }).expect(200);
    }
    await admin.post(`/api/rounds/${id}/close`).expect(200);
    await admin.post(`/api/rounds/${id}/run`).expect(202);
    await eventually(async () => {
      const status = (await admin.get(`/api/rounds/${id}`)).body.status;
      return status === 'matched' ? true : undefined;
    });
    return id;
  }

  it("forgets hosts' not-acceptable marks in rounds not yet run", async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host);
    const round = await make.anOpenRound([{ id: slot.id }]);
    const student = await make.aStudent(school, programme);
    await as(app, student.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slot.id] })
      .expect(200);
    await as(app, reviewer.token)
      .put(
        `/api/rounds/${round.id}/slots/${slot.id}/applicants/${student.studentId}/not-acceptable`,
      )
      .expect(200);
    const marks = () =>
      db.query(`SELECT 1 FROM not_acceptable_applicants WHERE student_id = $1`, [
        student.studentId,
      ]);
    expect(await marks()).toHaveLength(1);
    await as(app, student.token).delete(`/api/students/${student.studentId}`).expect(204);
    expect(await marks()).toEqual([]);
    // One round is open at a time: the next test opens its own.
    await admin.post(`/api/rounds/${round.id}/close`).expect(200);
  });

  it('leaves no trace of name or e-mail in any table or Redis key, and keeps the round reproducible', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host, { capacity: 2 });
    const name = `Xenia Sletmig ${randomUUID().slice(0, 6)}`;
    const student = await make.aStudent(school, programme, { fullName: name });
    const peer = await make.aStudent(school, programme);
    const roundId = await aRunRound([slot.id], [student, peer]);
    const instanceBefore = (await admin.get(`/api/rounds/${roundId}/instance`).expect(200)).body;
    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);
    const offers = await as(app, student.token).get('/api/placements').expect(200);
    const placementId = offers.body.items[0].id;
    await as(app, student.token).post(`/api/placements/${placementId}/accept`).expect(200);
    await as(app, reviewer.token).get(`/api/students/${student.studentId}`).expect(200);

    // Mail to the student and a message to the host naming them, one still waiting in Redis.
    await worker?.close();
    worker = undefined;
    const [toStudent] = await db.query(
      `INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key, status, queued_at)
       VALUES ('offer.made', $1, 'email', jsonb_build_object('placementId', $2::text), $3, 'queued', now())
       RETURNING id`,
      [student.id, placementId, `erasure-${randomUUID()}`],
    );
    const [toHost] = await db.query(
      `INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key, status, delivered_at)
       VALUES ('offer.accepted', $1, 'in_app', jsonb_build_object('studentId', $2::text), $3,
               'delivered', now()) RETURNING id`,
      [reviewer.id, student.studentId, `erasure-${randomUUID()}`],
    );
    await db.query(
      `INSERT INTO notifications (user_id, outbox_id, event, title, body)
       VALUES ($1, $2, 'offer.accepted', 'Tilbud accepteret', $3)`,
      [reviewer.id, toHost.id, `${name} har accepteret`],
    );
    const queue = app.get<Queue>(getQueueToken(QueueName.Notifications));
    const job = await queue.add(
      JobName.DeliverNotification,
      { outboxId: toStudent.id },
      { jobId: jobIds.notification(toStudent.id), delay: 3600_000 },
    );
    await job.log(`550 mailbox ${student.email} is full`); // as an SMTP failure would record it
    const config = loadConfig();
    const needles = [name, student.email];
    expect(await tablesHolding(db, needles)).not.toEqual([]);
    expect(await queuesHolding(config, db, needles)).not.toEqual([]);
    const [{ seats_taken: seatsBefore }] = await db.query(
      `SELECT seats_taken FROM slots WHERE id = $1`,
      [slot.id],
    );

    await as(app, student.token).delete(`/api/students/${student.studentId}`).expect(204);

    expect(await tablesHolding(db, needles)).toEqual([]);
    expect(await queuesHolding(config, db, needles)).toEqual([]);
    expect(await queue.getJob(jobIds.notification(toStudent.id))).toBeUndefined();
    await as(app, student.token).delete(`/api/students/${student.studentId}`).expect(401); // the erased account's token ends with it
    await admin.get(`/api/students/${student.studentId}`).expect(404);
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: student.email, password: TEST_PASSWORD })
      .expect(401);

    // The round's input and result are unchanged, with the tombstone's id in the student's place.
    const instanceAfter = (await admin.get(`/api/rounds/${roundId}/instance`).expect(200)).body;
    expect(instanceAfter).toEqual(instanceBefore);
    const results = await admin.get(`/api/rounds/${roundId}/results`).expect(200);
    expect(results.body.items).toContainEqual(
      expect.objectContaining({ studentId: student.studentId, slotId: slot.id }),
    );
    // The seat taken by the accepted offer is free again; the access log stays, now anonymous.
    const [{ seats_taken: seatsAfter }] = await db.query(
      `SELECT seats_taken FROM slots WHERE id = $1`,
      [slot.id],
    );
    expect(seatsAfter).toBe(seatsBefore - 1);
    const log = await admin.get(`/api/admin/access-log?studentId=${student.studentId}`).expect(200);
    expect(log.body.items.map((item: { action: string }) => item.action)).toEqual(
      expect.arrayContaining(['read']),
    );
  }, 60_000);

  it("lets the coordinator of the student's school and admins erase, and nobody else", async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const other = await make.anOrganisation('school');
    const student = await make.aStudent(school, programme);
    const classmate = await make.aStudent(school, programme);
    const coordinator = await make.aUser('coordinator', school);
    const foreignCoordinator = await make.aUser('coordinator', other);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);

    await as(app, reviewer.token).delete(`/api/students/${student.studentId}`).expect(403);
    await as(app, classmate.token).delete(`/api/students/${student.studentId}`).expect(404);
    await as(app, foreignCoordinator.token)
      .delete(`/api/students/${student.studentId}`)
      .expect(404);
    await as(app, coordinator.token).delete(`/api/students/${student.studentId}`).expect(204);
    await admin.delete(`/api/students/${classmate.studentId}`).expect(204);
    await admin.delete(`/api/students/${classmate.studentId}`).expect(404);

    const [erased] = await db.query(
      `SELECT action, actor_id FROM access_log WHERE student_ids @> ARRAY[$1::uuid] AND action = 'erase'`,
      [student.studentId],
    );
    expect(erased).toEqual({ action: 'erase', actor_id: coordinator.id });
    const listed = await as(app, coordinator.token).get('/api/students?pageSize=100').expect(200);
    expect(listed.body.total).toBe(0);
  });
});

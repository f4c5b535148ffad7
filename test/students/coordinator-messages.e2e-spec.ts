import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import {
  eventually,
  isolateEnvironment,
  mailsTo,
  startSink,
  startWorker,
} from '../notifications/notifications-harness';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

let sequence = 0;

/**
 * A coordinator's messages to the school's students: the invitation sent again, and a reminder
 * to rank in the open round. Through the outbox and the real worker to the SMTP sink.
 */
describe("a coordinator's messages to the school's students", () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
    api = await startApi();
    worker = await startWorker();
    make = new Factories(api);
    db = api.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await restore?.();
  });

  async function aSchool() {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const coordinator = await make.aUser('coordinator', school);
    return { school, programme, coordinator };
  }

  /** A student created by the coordinator, with an invitation not yet accepted. */
  async function anInvitedStudent(token: string, programmeId: string) {
    const response = await as(api, token)
      .post('/api/students', {
        email: `invited-${Date.now()}-${sequence++}@test.example`,
        fullName: 'Ida Invited',
        programmeId,
        birthDate: '2006-03-01',
        availableFrom: '2027-02-01',
        availableTo: '2027-06-30',
      })
      .expect(201);
    return response.body as { id: string; userId: string; email: string };
  }

  /** The invitations were made, and sent again, that long ago: past the quiet hour. */
  async function ageInvitations(userIds: string[]) {
    await db.query(
      `UPDATE invitations SET created_at = created_at - interval '2 hours'
        WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
    await db.query(
      `UPDATE message_claims SET last_sent_at = last_sent_at - interval '2 hours'
        WHERE kind = 'invitation'
          AND student_id IN (SELECT id FROM students WHERE user_id = ANY($1::uuid[]))`,
      [userIds],
    );
  }

  /** Every e-mail of the user's outbox rows, once all are delivered. */
  async function deliveredMails(user: { userId: string; email: string }, event: string) {
    await eventually(async () => {
      const [{ waiting }] = await db.query(
        `SELECT count(*)::int AS waiting FROM outbox
          WHERE recipient_user_id = $1 AND event = $2 AND status <> 'delivered'`,
        [user.userId, event],
      );
      return waiting === 0;
    }, 30_000);
    return mailsTo(sink, user.email);
  }

  /** The user's reminders, by the schedule or a coordinator, were sent a day ago. */
  async function ageReminders(userId: string) {
    await db.query(
      `UPDATE outbox SET created_at = created_at - interval '25 hours'
        WHERE recipient_user_id = $1 AND event = 'preferences.reminder'`,
      [userId],
    );
    await db.query(
      `UPDATE message_claims SET last_sent_at = last_sent_at - interval '25 hours'
        WHERE kind = 'preferences.reminder'
          AND student_id IN (SELECT id FROM students WHERE user_id = $1)`,
      [userId],
    );
  }

  const outboxCount = async (userId: string, event: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM outbox
          WHERE recipient_user_id = $1 AND event = $2 AND channel = 'email'`,
        [userId, event],
      )
    )[0].n as number;

  describe('sending the invitation again', () => {
    it('invites every student of the school who has not accepted, once within the hour', async () => {
      const { school, programme, coordinator } = await aSchool();
      const first = await anInvitedStudent(coordinator.token, programme.id);
      const second = await anInvitedStudent(coordinator.token, programme.id);
      const activated = await make.aStudent(school, programme);
      const other = await aSchool();
      const elsewhere = await anInvitedStudent(other.coordinator.token, other.programme.id);

      // Just created: the first e-mail went out a moment ago, so nothing is sent again yet.
      await as(api, coordinator.token)
        .post('/api/students/invitations')
        .expect(200, { sent: 0, skipped: 2 });

      await ageInvitations([first.userId, second.userId, elsewhere.userId]);
      await as(api, coordinator.token)
        .post('/api/students/invitations')
        .expect(200, { sent: 2, skipped: 0 });
      await as(api, coordinator.token)
        .post('/api/students/invitations')
        .expect(200, { sent: 0, skipped: 2 });

      expect(await outboxCount(first.userId, 'invitation')).toBe(2);
      expect(await outboxCount(second.userId, 'invitation')).toBe(2);
      expect(await outboxCount(elsewhere.userId, 'invitation')).toBe(1);
      expect(await outboxCount(activated.id, 'invitation')).toBe(0);
      const mails = await deliveredMails(first, 'invitation');
      expect(mails).toHaveLength(2);

      // The link of the e-mail sent again sets the password.
      const token = /invitation\?token=([\w-]+)/.exec(mails[1].text ?? '')?.[1];
      expect(token).toEqual(expect.any(String));
      await request(api.getHttpServer())
        .post('/api/auth/accept-invitation')
        .send({ token, password: 'a good long password' })
        .expect(204);
      await ageInvitations([first.userId, second.userId]);
      await as(api, coordinator.token)
        .post('/api/students/invitations')
        .expect(200, { sent: 1, skipped: 0 });
      expect(await outboxCount(first.userId, 'invitation')).toBe(2);

      const log = await db.query(
        `SELECT fields FROM access_log WHERE purpose = 'POST /api/students/invitations'
            AND $1 = ANY(student_ids)`,
        [second.id],
      );
      expect(log.length).toBeGreaterThan(0);
    });

    it('sends one student theirs again from their page, and twice at once mails once', async () => {
      const { programme, coordinator } = await aSchool();
      const student = await anInvitedStudent(coordinator.token, programme.id);
      const other = await aSchool();
      await ageInvitations([student.userId]);

      await as(api, other.coordinator.token)
        .post(`/api/students/${student.id}/invitation`)
        .expect(404);
      const answers = await Promise.all([
        as(api, coordinator.token).post(`/api/students/${student.id}/invitation`).expect(200),
        as(api, coordinator.token).post(`/api/students/${student.id}/invitation`).expect(200),
      ]);
      expect(answers.map((answer) => answer.body.sent).sort()).toEqual([0, 1]);
      expect(await outboxCount(student.userId, 'invitation')).toBe(2);
      expect(await deliveredMails(student, 'invitation')).toHaveLength(2);
    });
  });

  describe('reminding those who have not ranked', () => {
    it('reminds the school’s students without a list in the open round, not twice in a day', async () => {
      const { school, programme, coordinator } = await aSchool();
      const idle = await make.aStudent(school, programme);
      const ranked = await make.aStudent(school, programme);
      const placed = await make.aStudent(school, programme);
      const other = await aSchool();
      const elsewhere = await make.aStudent(other.school, other.programme);
      const host = await make.anOrganisation('employer');
      const slot = await make.aSlot(host);
      const earlierSlot = await make.aSlot(host);
      await make.aPlacement(placed.studentId!, earlierSlot.id, 'accepted');
      await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
      const round = await make.anOpenRound([slot]);
      await db.query(
        `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
        [round.id, ranked.studentId, slot.id],
      );

      const presses = await Promise.all([
        as(api, coordinator.token).post(`/api/rounds/${round.id}/students/reminders`).expect(200),
        as(api, coordinator.token).post(`/api/rounds/${round.id}/students/reminders`).expect(200),
      ]);
      expect(presses.map((press) => press.body.sent).sort()).toEqual([0, 1]);
      await as(api, coordinator.token)
        .post(`/api/rounds/${round.id}/students/reminders`)
        .expect(200, { sent: 0, skipped: 1 });

      for (const student of [ranked, placed, elsewhere]) {
        expect(await outboxCount(student.id, 'preferences.reminder')).toBe(0);
      }
      const mails = await deliveredMails(
        { userId: idle.id, email: idle.email },
        'preferences.reminder',
      );
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain(`/rounds/${round.id}/preferences`);
      expect(mails[0].subject).toMatch(/prioriteringsliste/);

      // A day later the coordinator may remind again.
      await ageReminders(idle.id);
      await as(api, coordinator.token)
        .post(`/api/rounds/${round.id}/students/reminders`)
        .expect(200, { sent: 1, skipped: 0 });
      await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [round.id]);
    });

    it('sends each reminder and invitation once for two presses at once on two api instances', async () => {
      const { school, programme, coordinator } = await aSchool();
      const idle = [await make.aStudent(school, programme), await make.aStudent(school, programme)];
      const invited = [
        await anInvitedStudent(coordinator.token, programme.id),
        await anInvitedStudent(coordinator.token, programme.id),
      ];
      await ageInvitations(invited.map((student) => student.userId));
      await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
      const round = await make.anOpenRound([
        await make.aSlot(await make.anOrganisation('employer')),
      ]);
      // A second api, with its own connections: no lock in one process can keep the limit.
      const other = await startApi();
      try {
        const press = (app: INestApplication, path: string) =>
          as(app, coordinator.token).post(path).expect(200);
        const reminders = `/api/rounds/${round.id}/students/reminders`;
        const sum = (answers: { body: { sent: number; skipped: number } }[]) => ({
          sent: answers.reduce((n, answer) => n + answer.body.sent, 0),
          skipped: answers.reduce((n, answer) => n + answer.body.skipped, 0),
        });
        // Every student of the school without a list is reminded: the invited ones too.
        const reminded = await Promise.all([press(api, reminders), press(other, reminders)]);
        expect(sum(reminded)).toEqual({ sent: 4, skipped: 4 });
        const resent = await Promise.all([
          press(api, '/api/students/invitations'),
          press(other, '/api/students/invitations'),
        ]);
        expect(sum(resent)).toEqual({ sent: 2, skipped: 2 });

        for (const student of idle) {
          expect(await outboxCount(student.id, 'preferences.reminder')).toBe(1);
        }
        for (const student of invited) {
          expect(await outboxCount(student.userId, 'preferences.reminder')).toBe(1);
          expect(await outboxCount(student.userId, 'invitation')).toBe(2);
        }
        // Within the window a press sends nothing and says whom it left out.
        await press(other, reminders).expect(200, { sent: 0, skipped: 4 });
        await press(api, '/api/students/invitations').expect(200, { sent: 0, skipped: 2 });
        const [claims] = await db.query(
          `SELECT count(*)::int AS n FROM message_claims
            WHERE student_id = ANY($1::uuid[])`,
          [[...idle.map((s) => s.studentId), ...invited.map((s) => s.id)]],
        );
        expect(claims.n).toBe(6);
        // The export shows them, and they go with the student's erasure.
        const exported = await as(api, idle[0].token)
          .get(`/api/students/${idle[0].studentId}/export`)
          .expect(200);
        expect(exported.body.sections.bulkMessages).toEqual([
          expect.objectContaining({ kind: 'preferences.reminder', round: round.name }),
        ]);
        await as(api, coordinator.token).delete(`/api/students/${idle[0].studentId}`).expect(204);
        const [left] = await db.query(
          `SELECT count(*)::int AS n FROM message_claims WHERE student_id = $1`,
          [idle[0].studentId],
        );
        expect(left.n).toBe(0);
      } finally {
        await other.close();
        await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [round.id]);
      }
    });

    it('refuses once the window is closed, and for anyone but a coordinator', async () => {
      const { school, programme, coordinator } = await aSchool();
      const idle = await make.aStudent(school, programme);
      const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
      const admin = await make.aUser('admin');
      await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
      const round = await make.anOpenRound([
        await make.aSlot(await make.anOrganisation('employer')),
      ]);

      await as(api, reviewer.token).post(`/api/rounds/${round.id}/students/reminders`).expect(403);
      await as(api, admin.token).post(`/api/rounds/${round.id}/students/reminders`).expect(403);
      await as(api, idle.token).post(`/api/rounds/${round.id}/students/reminders`).expect(403);
      await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [round.id]);
      const closed = await as(api, coordinator.token)
        .post(`/api/rounds/${round.id}/students/reminders`)
        .expect(409);
      expect(closed.body.code).toBe('round.window_closed');
      expect(await outboxCount(idle.id, 'preferences.reminder')).toBe(0);
    });
  });
});

import { FollowUpsService } from '@app/pipeline';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ParsedMail } from 'mailparser';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import {
  isolateEnvironment,
  mailsTo,
  startSink,
  startWorker,
} from '../notifications/notifications-harness';
import { tablesHolding } from '../privacy/privacy-harness';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';

jest.setTimeout(120_000);

/** A date `days` from today, as YYYY-MM-DD. */
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The month `months` before this one, as YYYY-MM. */
function monthsAgo(months: number): string {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return date.toISOString().slice(0, 7);
}

describe('where are they now: consented follow-ups', () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let db: DataSource;
  let followUps: FollowUpsService;

  beforeAll(async () => {
    // A database of its own: its worker delivers only this file's mail.
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
    followUps = app.get(FollowUpsService);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await sink?.close();
    await restore?.();
  }, 60_000);

  /** A student who completed `completion` (YYYY-MM) and whose placement ended 10 days ago. */
  async function aFormerIntern(completion = monthsAgo(7)) {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const student = await make.aStudent(school, programme, { expectedCompletion: completion });
    const slot = await make.aSlot(host, { startsOn: daysFromNow(-70), endsOn: daysFromNow(-10) });
    await make.aPlacement(student.studentId!, slot.id, 'confirmed');
    return { school, host, student };
  }

  const publicPost = (path: string, body: object) =>
    request(app.getHttpServer()).post(`/api/follow-ups/${path}`).send(body);

  const followUpRows = (studentId: string) =>
    db.query(
      `SELECT months::int, due_on::text AS "dueOn", situation FROM follow_ups
       WHERE student_id = $1 ORDER BY months`,
      [studentId],
    );

  function tokenIn(mail: ParsedMail): string {
    const match = /\/follow-up#token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '');
    if (!match) throw new Error(`no follow-up link in: ${mail.text}`);
    return match[1];
  }

  it('asks once after the placement, mails the due follow-up once, and takes one answer by its link', async () => {
    const { host, student } = await aFormerIntern();
    const me = as(app, student.token);
    const asked = await me.get('/api/me/follow-up-consent').expect(200);
    expect(asked.body).toMatchObject({ asked: true, consented: null, followUps: [] });

    // Nothing is sent to a student who has not agreed.
    await followUps.sendDue(new Date());
    expect(await followUpRows(student.studentId!)).toEqual([]);

    await me.put('/api/me/follow-up-consent', { consented: true }).expect(200);
    await followUps.sendDue(new Date());
    await followUps.sendDue(new Date());
    expect(await followUpRows(student.studentId!)).toEqual([
      { months: 6, dueOn: expect.any(String), situation: null },
    ]);
    const mails = await eventually(async () => {
      const found = await mailsTo(sink, student.email);
      return found.length > 0 ? found : undefined;
    }, 30_000);
    const token = tokenIn(mails[0]);
    expect(mails[0].subject).toMatch(/Hvad laver du nu/);
    // Only the token's SHA-256 is kept.
    expect(await tablesHolding(db, [token])).toEqual([]);
    const [stored] = await db.query(`SELECT token_hash FROM follow_ups WHERE student_id = $1`, [
      student.studentId,
    ]);
    expect(stored.token_hash).toEqual(createHash('sha256').update(token).digest());
    // The worker's read of who is due is in the access log.
    const logged = await db.query(
      `SELECT actor_role AS role, action FROM access_log
       WHERE student_ids @> ARRAY[$1::uuid] AND purpose LIKE 'job send-follow-ups%'`,
      [student.studentId],
    );
    expect(logged).toEqual([{ role: 'worker', action: 'read' }]);

    const form = await publicPost('form', { token }).expect(200);
    expect(form.body.months).toBe(6);
    expect(form.body.members).toContainEqual({ id: host.id, name: expect.any(String) });

    // An alliance member must be named, and be one.
    await publicPost('answer', { token, situation: 'alliance_member' }).expect(400);
    const school = await make.anOrganisation('school');
    await publicPost('answer', {
      token,
      situation: 'alliance_member',
      organisationId: school.id,
    }).expect(400);
    expect((await followUpRows(student.studentId!))[0].situation).toBeNull();

    await publicPost('answer', { token, situation: 'alliance_member', organisationId: host.id })
      .expect(200)
      .expect({ months: 6, answered: true });
    await publicPost('answer', { token, situation: 'elsewhere' }).expect(409);
    await publicPost('form', { token }).expect(409);

    const mine = await me.get('/api/me/follow-up-consent').expect(200);
    expect(mine.body.followUps).toEqual([
      expect.objectContaining({
        months: 6,
        situation: 'alliance_member',
        organisation: { id: host.id, name: expect.any(String) },
      }),
    ]);

    const admin = as(app, (await make.aUser('admin')).token);
    const exported = await admin.get(`/api/students/${student.studentId}/export`).expect(200);
    expect(exported.body.sections.followUpConsent).toMatchObject({ consented: true });
    expect(exported.body.sections.followUps).toEqual([
      expect.objectContaining({ months: 6, situation: 'alliance_member' }),
    ]);
    expect(JSON.stringify(exported.body)).not.toContain(stored.token_hash.toString('hex'));

    // Withdrawing deletes the answers; nothing more is sent.
    const withdrawn = await me.put('/api/me/follow-up-consent', { consented: false }).expect(200);
    expect(withdrawn.body).toMatchObject({ consented: false, followUps: [] });
    expect(await followUpRows(student.studentId!)).toEqual([]);
    await followUps.sendDue(new Date());
    expect(await followUpRows(student.studentId!)).toEqual([]);
  });

  it('finds what is due from the database by the clock, once, and only the current milestone after a gap', async () => {
    const { student } = await aFormerIntern('2030-06');
    await as(app, student.token).put('/api/me/follow-up-consent', { consented: true }).expect(200);
    const id = student.studentId!;
    // Completed on 30 June 2030: the 6-month follow-up falls due on 30 December.
    await followUps.sendDue(new Date('2030-12-29T12:00:00Z'));
    expect(await followUpRows(id)).toEqual([]);
    await followUps.sendDue(new Date('2030-12-30T12:00:00Z'));
    await followUps.sendDue(new Date('2031-01-15T12:00:00Z'));
    expect(await followUpRows(id)).toEqual([{ months: 6, dueOn: '2030-12-30', situation: null }]);
    // The job did not run for a year and a half: the 12-month question is past, the 24 is due.
    await followUps.sendDue(new Date('2032-07-01T12:00:00Z'));
    await followUps.sendDue(new Date('2032-07-01T12:00:00Z'));
    expect(await followUpRows(id)).toEqual([
      { months: 6, dueOn: '2030-12-30', situation: null },
      { months: 24, dueOn: '2032-06-30', situation: null },
    ]);
    const [{ mails }] = await db.query(
      `SELECT count(*)::int AS mails FROM outbox
       WHERE event = 'whereabouts.requested' AND recipient_user_id = $1`,
      [student.id],
    );
    expect(mails).toBe(2);
  });

  it('refuses bad input and other roles, and changes nothing', async () => {
    const { school, student } = await aFormerIntern();
    const me = as(app, student.token);
    for (const bad of [{}, { consented: 'yes' }, { consented: true, extra: 1 }]) {
      await me.put('/api/me/follow-up-consent', bad).expect(400);
    }
    const coordinator = await make.aUser('coordinator', school);
    await as(app, coordinator.token).get('/api/me/follow-up-consent').expect(403);
    await as(app, coordinator.token)
      .put('/api/me/follow-up-consent', { consented: true })
      .expect(403);
    await request(app.getHttpServer()).get('/api/me/follow-up-consent').expect(401);
    const [{ consents }] = await db.query(
      `SELECT count(*)::int AS consents FROM follow_up_consents WHERE student_id = $1`,
      [student.studentId],
    );
    expect(consents).toBe(0);

    const unknown = randomBytes(32).toString('base64url');
    await publicPost('form', { token: 'short' }).expect(400);
    await publicPost('form', {}).expect(400);
    await publicPost('form', { token: unknown }).expect(404);
    await publicPost('answer', { token: unknown, situation: 'elsewhere' }).expect(404);
    for (const bad of [
      { token: unknown, situation: 'hired' },
      { token: unknown },
      { token: unknown, situation: 'studying', studyProgramme: 'x'.repeat(201) },
      { token: unknown, situation: 'studying', studySchool: '' },
      { token: unknown, situation: 'alliance_member', organisationId: 'not-a-uuid' },
      { token: unknown, situation: 'other', extra: true },
    ]) {
      await publicPost('answer', bad).expect(400);
    }
  });

  it('keeps a follow-up only while its student consents, and erasure takes them all', async () => {
    const { student } = await aFormerIntern();
    const me = as(app, student.token);
    await me.put('/api/me/follow-up-consent', { consented: true }).expect(200);
    await followUps.sendDue(new Date());
    expect(await followUpRows(student.studentId!)).toHaveLength(1);
    // The database itself refuses a withdrawal that leaves answers, and a follow-up without consent.
    await expect(
      db.query(`UPDATE follow_up_consents SET consented = false WHERE student_id = $1`, [
        student.studentId,
      ]),
    ).rejects.toThrow(/foreign key/);
    const declined = await aFormerIntern();
    await as(app, declined.student.token)
      .put('/api/me/follow-up-consent', { consented: false })
      .expect(200);
    await expect(
      db.query(
        `INSERT INTO follow_ups (student_id, months, due_on, expires_on)
         VALUES ($1, 6, current_date, current_date + 90)`,
        [declined.student.studentId],
      ),
    ).rejects.toThrow(/foreign key/);

    const admin = as(app, (await make.aUser('admin')).token);
    await admin.delete(`/api/students/${student.studentId}`).expect(204);
    expect(await followUpRows(student.studentId!)).toEqual([]);
    const [{ consents }] = await db.query(
      `SELECT count(*)::int AS consents FROM follow_up_consents WHERE student_id = $1`,
      [student.studentId],
    );
    expect(consents).toBe(0);
  });
});

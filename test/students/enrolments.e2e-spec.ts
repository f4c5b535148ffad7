import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * One person across schools: a gymnasium student who starts at NEXT keeps their account and
 * history; the new school's coordinator asks, the person confirms, and each school sees its own.
 */
describe('enrolling an existing person at another school', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  }, 60_000);

  afterAll(() => app.close());

  /** A gymnasium student with an ended, confirmed placement whose outcome was recorded. */
  async function aGymnasiumAlumnus() {
    const gymnasium = await make.anOrganisation('school');
    const gymCoordinator = await make.aUser('coordinator', gymnasium);
    const student = await make.aStudent(gymnasium, await make.aProgramme(gymnasium.id), {
      fullName: `Alma ${Date.now()}`,
      skills: ['PCR'],
    });
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, {
      startsOn: daysFromNow(-40),
      endsOn: daysFromNow(-30),
    });
    const placement = await make.aPlacement(student.studentId!, slot.id, 'confirmed');
    await db.query(
      `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer)
       VALUES ($1, $2, true, 'none')`,
      [placement.id, student.studentId],
    );
    const next = await make.anOrganisation('school');
    const nextProgramme = await make.aProgramme(next.id, 'Laboratorietekniker');
    const nextCoordinator = await make.aUser('coordinator', next);
    return {
      gymnasium,
      gymCoordinator,
      student,
      placement,
      next,
      nextProgramme,
      nextCoordinator,
    };
  }

  const requestsOf = (userId: string) =>
    db.query(
      `SELECT status, school_id AS "schoolId" FROM enrolment_requests WHERE user_id = $1
        ORDER BY requested_at`,
      [userId],
    );

  it('moves the person to the new school on their confirmation, keeping their history', async () => {
    const w = await aGymnasiumAlumnus();
    const asked = await as(app, w.nextCoordinator.token)
      .post('/api/students/enrolments', {
        email: w.student.email.toUpperCase(),
        programmeId: w.nextProgramme.id,
        expectedCompletion: '2029-06',
      })
      .expect(202);
    expect(asked.body).toEqual({});
    const mail = await db.query(
      `SELECT channel FROM outbox WHERE event = 'enrolment.requested' AND recipient_user_id = $1
        ORDER BY channel`,
      [w.student.id],
    );
    expect(mail).toEqual([{ channel: 'email' }, { channel: 'in_app' }]);

    const mine = await as(app, w.student.token).get('/api/me/enrolments').expect(200);
    expect(mine.body.enrolments).toHaveLength(1);
    expect(mine.body.requests).toEqual([
      expect.objectContaining({
        school: { id: w.next.id, name: w.next.name },
        programme: { id: w.nextProgramme.id, name: 'Laboratorietekniker' },
        expectedCompletion: '2029-06',
      }),
    ]);
    const requestId = mine.body.requests[0].id as string;

    const confirmed = await as(app, w.student.token)
      .post(`/api/me/enrolments/${requestId}/confirm`)
      .expect(200);
    const token = confirmed.body.accessToken as string;
    // The account's school changed: the older session ends, the new token works.
    await as(app, w.student.token).get('/api/me').expect(401);
    const me = await as(app, token).get('/api/me').expect(200);
    expect(me.body.organisation.id).toBe(w.next.id);
    expect(me.body.student).toMatchObject({
      fullName: expect.stringContaining('Alma'),
      skills: ['PCR'],
      expectedCompletion: '2029-06',
      programme: { id: w.nextProgramme.id },
    });
    expect(me.body.student.id).not.toBe(w.student.studentId);

    // The history stays the person's: the earlier enrolment and its placement's outcome.
    const history = await as(app, token).get('/api/me/enrolments').expect(200);
    expect(history.body.requests).toEqual([]);
    expect(history.body.enrolments.map((e: { school: { id: string } }) => e.school.id)).toEqual([
      w.next.id,
      w.gymnasium.id,
    ]);
    expect(history.body.enrolments[1].leftAt).not.toBeNull();
    const outcomes = await as(app, token).get('/api/outcomes').expect(200);
    expect(outcomes.body.items).toEqual([
      expect.objectContaining({
        placementId: w.placement.id,
        outcome: expect.objectContaining({ jobOffer: 'none' }),
      }),
    ]);
    await as(app, token)
      .post(`/api/placements/${w.placement.id}/outcome/contest`, { reason: 'Jeg fik et job' })
      .expect(200);

    // The new school sees the new enrolment and none of the gymnasium's data.
    const roster = await as(app, w.nextCoordinator.token).get('/api/students').expect(200);
    expect(roster.body.items.map((s: { id: string }) => s.id)).toEqual([me.body.student.id]);
    const nextOutcomes = await as(app, w.nextCoordinator.token).get('/api/outcomes').expect(200);
    expect(nextOutcomes.body.items).toEqual([]);
    await as(app, w.nextCoordinator.token)
      .get(`/api/placements/${w.placement.id}/outcome`)
      .expect(404);
    await as(app, w.nextCoordinator.token).get(`/api/students/${w.student.studentId}`).expect(404);

    // The gymnasium keeps its placement's record, but the person is no longer on its roster.
    const gymRoster = await as(app, w.gymCoordinator.token).get('/api/students').expect(200);
    expect(gymRoster.body.items).toEqual([]);
    expect(gymRoster.body.total).toBe(0);
    const gymOutcomes = await as(app, w.gymCoordinator.token).get('/api/outcomes').expect(200);
    expect(gymOutcomes.body.items.map((i: { placementId: string }) => i.placementId)).toEqual([
      w.placement.id,
    ]);
    await as(app, w.gymCoordinator.token).get(`/api/students/${me.body.student.id}`).expect(404);

    // The pipeline counts the move; one person is a count of 1, withheld.
    const admin = await make.aUser('admin');
    const year = new Date().getFullYear();
    const report = await as(app, admin.token)
      .get(`/api/reports/school-transitions?year=${year}`)
      .expect(200);
    const row = report.body.rows.find(
      (r: { from: { id: string }; to: { id: string } }) =>
        r.from.id === w.gymnasium.id && r.to.id === w.next.id,
    );
    expect(row).toMatchObject({ count: null });
    expect(report.body.suppressed).toEqual(
      expect.arrayContaining([{ fromId: w.gymnasium.id, toId: w.next.id }]),
    );
    expect(report.body.total).toBeNull();
    const own = await as(app, w.nextCoordinator.token)
      .get(`/api/reports/school-transitions?year=${year}`)
      .expect(200);
    expect(own.body.rows).toHaveLength(1);
  }, 60_000);

  it('counts five moves from one school to another as five', async () => {
    const from = await make.anOrganisation('school');
    const to = await make.anOrganisation('school');
    const programme = await make.aProgramme(to.id);
    const coordinator = await make.aUser('coordinator', to);
    for (let i = 0; i < 5; i++) {
      const student = await make.aStudent(from, await make.aProgramme(from.id));
      await as(app, coordinator.token)
        .post('/api/students/enrolments', { email: student.email, programmeId: programme.id })
        .expect(202);
      const mine = await as(app, student.token).get('/api/me/enrolments').expect(200);
      await as(app, student.token)
        .post(`/api/me/enrolments/${mine.body.requests[0].id}/confirm`)
        .expect(200);
    }
    const report = await as(app, coordinator.token)
      .get(`/api/reports/school-transitions?year=${new Date().getFullYear()}`)
      .expect(200);
    expect(report.body).toMatchObject({
      rows: [{ from: { id: from.id }, to: { id: to.id }, count: 5 }],
      total: 5,
      suppressed: [],
    });
  }, 60_000);

  it('answers alike whoever the address belongs to, and asks only a student elsewhere', async () => {
    const w = await aGymnasiumAlumnus();
    const sameSchool = await make.aStudent(w.next, w.nextProgramme);
    const staff = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const answers = [];
    for (const email of [
      'nobody-at-all@test.example',
      staff.email,
      sameSchool.email,
      w.student.email,
    ]) {
      const answer = await as(app, w.nextCoordinator.token)
        .post('/api/students/enrolments', { email, programmeId: w.nextProgramme.id })
        .expect(202);
      answers.push({ status: answer.status, body: answer.body, type: answer.type });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await requestsOf(staff.id)).toEqual([]);
    expect(await requestsOf(sameSchool.id)).toEqual([]);
    expect(await requestsOf(w.student.id)).toEqual([{ status: 'pending', schoolId: w.next.id }]);

    // Asking again renews the one request, without a second message.
    await as(app, w.nextCoordinator.token)
      .post('/api/students/enrolments', { email: w.student.email, programmeId: w.nextProgramme.id })
      .expect(202);
    expect(await requestsOf(w.student.id)).toHaveLength(1);
    const [{ messages }] = await db.query(
      `SELECT count(*)::int AS messages FROM outbox
        WHERE event = 'enrolment.requested' AND recipient_user_id = $1`,
      [w.student.id],
    );
    expect(messages).toBe(2);
  }, 60_000);

  it('lets only the coordinator ask, and only the person answer', async () => {
    const w = await aGymnasiumAlumnus();
    const body = { email: w.student.email, programmeId: w.nextProgramme.id };
    await request(app.getHttpServer()).post('/api/students/enrolments').send(body).expect(401);
    for (const token of [
      w.student.token,
      (await make.aUser('reviewer', await make.anOrganisation('employer'))).token,
      (await make.aUser('admin')).token,
    ]) {
      await as(app, token).post('/api/students/enrolments', body).expect(403);
    }
    expect(await requestsOf(w.student.id)).toEqual([]);

    await as(app, w.nextCoordinator.token).post('/api/students/enrolments', body).expect(202);
    const [{ id }] = await db.query(`SELECT id FROM enrolment_requests WHERE user_id = $1`, [
      w.student.id,
    ]);
    const someoneElse = await make.aStudent(w.gymnasium, await make.aProgramme(w.gymnasium.id));
    await as(app, someoneElse.token).post(`/api/me/enrolments/${id}/confirm`).expect(404);
    await as(app, someoneElse.token).post(`/api/me/enrolments/${id}/decline`).expect(404);
    const elsewhere = await as(app, someoneElse.token).get('/api/me/enrolments').expect(200);
    expect(elsewhere.body.requests).toEqual([]);
    await as(app, w.nextCoordinator.token).post(`/api/me/enrolments/${id}/confirm`).expect(403);
    await as(app, w.nextCoordinator.token).get('/api/me/enrolments').expect(403);
    await as(app, w.student.token).get('/api/reports/school-transitions?year=2026').expect(403);
    expect(await requestsOf(w.student.id)).toEqual([{ status: 'pending', schoolId: w.next.id }]);

    // Declining changes nothing else, and a declined request cannot be confirmed.
    await as(app, w.student.token).post(`/api/me/enrolments/${id}/decline`).expect(204);
    await as(app, w.student.token).post(`/api/me/enrolments/${id}/confirm`).expect(404);
    const me = await as(app, w.student.token).get('/api/me').expect(200);
    expect(me.body.student.id).toBe(w.student.studentId);
    expect(await requestsOf(w.student.id)).toEqual([{ status: 'declined', schoolId: w.next.id }]);
  }, 60_000);

  it('refuses bad input and a move while an offer is open, changing nothing', async () => {
    const w = await aGymnasiumAlumnus();
    const otherSchoolProgramme = await make.aProgramme(w.gymnasium.id);
    for (const bad of [
      { email: 'not an address', programmeId: w.nextProgramme.id },
      { email: w.student.email },
      { email: w.student.email, programmeId: 'x' },
      { email: w.student.email, programmeId: otherSchoolProgramme.id },
      { email: w.student.email, programmeId: w.nextProgramme.id, expectedCompletion: '2029-13' },
      { email: w.student.email, programmeId: w.nextProgramme.id, extra: true },
      { email: `${'a'.repeat(250)}@test.example`, programmeId: w.nextProgramme.id },
    ]) {
      await as(app, w.nextCoordinator.token).post('/api/students/enrolments', bad).expect(400);
    }
    expect(await requestsOf(w.student.id)).toEqual([]);
    await as(app, w.student.token).post('/api/me/enrolments/not-a-uuid/confirm').expect(400);

    await as(app, w.nextCoordinator.token)
      .post('/api/students/enrolments', { email: w.student.email, programmeId: w.nextProgramme.id })
      .expect(202);
    const [{ id }] = await db.query(`SELECT id FROM enrolment_requests WHERE user_id = $1`, [
      w.student.id,
    ]);
    const offerSlot = await make.aSlot(await make.anOrganisation('employer'));
    const [round] = await db.query(
      `INSERT INTO rounds (name, preferences_open_at, preferences_close_at, seed)
       VALUES ($1, now() - interval '2 days', now() - interval '1 day', $1) RETURNING id`,
      [`Offer ${id}`],
    );
    await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, status, deadline_at)
       VALUES ($1, $2, $3, 'offered', now() + interval '3 days')`,
      [round.id, w.student.studentId, offerSlot.id],
    );
    const refused = await as(app, w.student.token)
      .post(`/api/me/enrolments/${id}/confirm`)
      .expect(409);
    expect(refused.body.code).toBe('enrolment.open_offer');
    const me = await as(app, w.student.token).get('/api/me').expect(200);
    expect(me.body.organisation.id).toBe(w.gymnasium.id);
    expect(await requestsOf(w.student.id)).toEqual([{ status: 'pending', schoolId: w.next.id }]);
  }, 60_000);

  it('exports and erases the person with every enrolment they had', async () => {
    const w = await aGymnasiumAlumnus();
    await as(app, w.nextCoordinator.token)
      .post('/api/students/enrolments', { email: w.student.email, programmeId: w.nextProgramme.id })
      .expect(202);
    const mine = await as(app, w.student.token).get('/api/me/enrolments').expect(200);
    const { body } = await as(app, w.student.token)
      .post(`/api/me/enrolments/${mine.body.requests[0].id}/confirm`)
      .expect(200);
    const me = await as(app, body.accessToken).get('/api/me').expect(200);
    const exported = await as(app, body.accessToken)
      .get(`/api/students/${me.body.student.id}/export`)
      .expect(200);
    expect(exported.body.sections.placements).toEqual([
      expect.objectContaining({ id: w.placement.id, school: w.gymnasium.name }),
    ]);
    expect(exported.body.sections.placementOutcomes).toHaveLength(1);
    expect(exported.body.sections.enrolmentRequests).toEqual([
      expect.objectContaining({ school: w.next.name, status: 'confirmed' }),
    ]);
    // The enrolment left behind is not a way in for the school left.
    await as(app, w.gymCoordinator.token)
      .delete(`/api/students/${w.student.studentId}`)
      .expect(404);

    await as(app, body.accessToken).delete(`/api/students/${me.body.student.id}`).expect(204);
    const rows = await db.query(
      `SELECT full_name AS "fullName", erased_at IS NOT NULL AS erased FROM students
        WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
      [[w.student.studentId, me.body.student.id]],
    );
    expect(rows).toEqual([
      { fullName: 'Slettet', erased: true },
      { fullName: 'Slettet', erased: true },
    ]);
    expect(await requestsOf(w.student.id)).toEqual([]);
  }, 60_000);

  it('keeps a left enrolment to the rules in the database', async () => {
    const w = await aGymnasiumAlumnus();
    await expect(
      db.query(`UPDATE students SET left_at = now() WHERE id = $1`, [w.student.studentId]),
    ).rejects.toThrow(/check/);
    await expect(
      db.query(`UPDATE students SET user_id = NULL WHERE id = $1`, [w.student.studentId]),
    ).rejects.toThrow(/check/);
  }, 60_000);
});

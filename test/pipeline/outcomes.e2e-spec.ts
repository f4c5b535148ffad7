import { OutcomeRemindersService } from '@app/pipeline';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

/** A date `days` from today, as YYYY-MM-DD. */
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('outcomes of placements', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  /** A student placed at a host whose slot ended `endedDaysAgo` days ago (negative: not yet). */
  async function aPlacedIntern(endedDaysAgo = 10, status: 'accepted' | 'confirmed' = 'confirmed') {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const student = await make.aStudent(school, programme);
    const coordinator = await make.aUser('coordinator', school);
    const slot = await make.aSlot(host, {
      startsOn: daysFromNow(-endedDaysAgo - 60),
      endsOn: daysFromNow(-endedDaysAgo),
      capacity: 2,
    });
    const placement = await make.aPlacement(student.studentId!, slot.id, status);
    return { school, host, reviewer, student, coordinator, slot, placement };
  }

  const outcomePath = (placementId: string) => `/api/placements/${placementId}/outcome`;

  it('lets the host record the outcome once the period has ended; the student and coordinator see it', async () => {
    const { reviewer, student, coordinator, placement } = await aPlacedIntern();
    const path = outcomePath(placement.id);
    const empty = await as(app, student.token).get(path).expect(200);
    expect(empty.body).toMatchObject({ periodEnded: true, outcome: null, contest: null });

    const recorded = await as(app, reviewer.token)
      .put(path, { completed: true, jobOffer: 'accepted' })
      .expect(200);
    expect(recorded.body.outcome).toMatchObject({ completed: true, jobOffer: 'accepted' });

    const seen = await as(app, student.token).get(path).expect(200);
    expect(seen.body.outcome).toMatchObject({ completed: true, jobOffer: 'accepted' });
    await as(app, coordinator.token).get(path).expect(200);

    // The host's change of a student's record and the coordinator's read are in the access log.
    const logged = await db.query(
      `SELECT actor_role AS role, action FROM access_log
       WHERE student_ids @> ARRAY[$1::uuid] ORDER BY at`,
      [student.studentId],
    );
    expect(logged).toEqual(
      expect.arrayContaining([
        { role: 'reviewer', action: 'change' },
        { role: 'coordinator', action: 'read' },
      ]),
    );
  });

  it('lets the student contest it; the coordinator sees both, and a correction keeps the contest', async () => {
    const { reviewer, student, coordinator, placement } = await aPlacedIntern();
    const path = outcomePath(placement.id);
    await as(app, student.token)
      .post(`${path}/contest`, { reason: 'Jeg fik et jobtilbud' })
      .expect(409);
    await as(app, reviewer.token).put(path, { completed: true, jobOffer: 'none' }).expect(200);
    const contested = await as(app, student.token)
      .post(`${path}/contest`, { reason: 'Jeg fik et jobtilbud' })
      .expect(200);
    expect(contested.body.contest).toMatchObject({ reason: 'Jeg fik et jobtilbud' });

    const both = await as(app, coordinator.token).get(path).expect(200);
    expect(both.body).toMatchObject({
      outcome: { completed: true, jobOffer: 'none' },
      contest: { reason: 'Jeg fik et jobtilbud' },
    });
    await as(app, reviewer.token).put(path, { completed: true, jobOffer: 'offered' }).expect(200);
    const corrected = await as(app, reviewer.token).get(path).expect(200);
    expect(corrected.body).toMatchObject({
      outcome: { jobOffer: 'offered' },
      contest: { reason: 'Jeg fik et jobtilbud' },
    });
  });

  it('refuses an outcome before the period ends, for an unanswered placement, or from others', async () => {
    const running = await aPlacedIntern(-5);
    await as(app, running.reviewer.token)
      .put(outcomePath(running.placement.id), { completed: true, jobOffer: 'none' })
      .expect(409);

    const ended = await aPlacedIntern();
    const path = outcomePath(ended.placement.id);
    const otherHost = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const otherSchool = await make.aUser('coordinator', await make.anOrganisation('school'));
    const admin = await make.aUser('admin');
    const body = { completed: false, jobOffer: 'none' };
    await as(app, otherHost.token).put(path, body).expect(404);
    await as(app, ended.coordinator.token).put(path, body).expect(403);
    await as(app, ended.student.token).put(path, body).expect(403);
    await request(app.getHttpServer()).put(path).send(body).expect(401);
    await as(app, otherHost.token).get(path).expect(404);
    await as(app, otherSchool.token).get(path).expect(404);
    await as(app, admin.token).get(path).expect(200);
    const intruder = await make.aStudent(ended.school, await make.aProgramme(ended.school.id));
    await as(app, intruder.token).post(`${path}/contest`, { reason: 'x' }).expect(404);

    for (const bad of [
      { completed: 'yes', jobOffer: 'none' },
      { completed: true, jobOffer: 'hired' },
      { completed: true },
      { completed: true, jobOffer: 'none', extra: 1 },
    ]) {
      await as(app, ended.reviewer.token).put(path, bad).expect(400);
    }
    await as(app, ended.reviewer.token).put(path, body).expect(200);
    await as(app, ended.student.token).post(`${path}/contest`, { reason: '' }).expect(400);
    await as(app, ended.student.token)
      .post(`${path}/contest`, { reason: 'x'.repeat(2001) })
      .expect(400);
    const [row] = await db.query(
      `SELECT completed, job_offer, contest_reason FROM placement_outcomes WHERE placement_id = $1`,
      [ended.placement.id],
    );
    expect(row).toEqual({ completed: false, job_offer: 'none', contest_reason: null });

    const declined = await aPlacedIntern();
    const otherSlot = await make.aSlot(declined.host, {
      startsOn: daysFromNow(-60),
      endsOn: daysFromNow(-3),
    });
    const declinedPlacement = await make.aPlacement(
      declined.student.studentId!,
      otherSlot.id,
      'declined',
    );
    await as(app, declined.reviewer.token).put(outcomePath(declinedPlacement.id), body).expect(409);
  });

  it('reminds the host once about a missing outcome, found from the database', async () => {
    const due = await aPlacedIntern(3, 'accepted');
    const recorded = await aPlacedIntern(3);
    const running = await aPlacedIntern(-3);
    const longAgo = await aPlacedIntern(400);
    await as(app, recorded.reviewer.token)
      .put(outcomePath(recorded.placement.id), { completed: true, jobOffer: 'none' })
      .expect(200);
    const reminders = app.get(OutcomeRemindersService);
    const rowsFor = async (placementId: string) =>
      db.query(
        `SELECT recipient_user_id AS "to", channel FROM outbox
         WHERE event = 'outcome.reminder' AND payload->>'placementId' = $1 ORDER BY channel`,
        [placementId],
      );

    await reminders.remindMissingOutcomes();
    expect(await rowsFor(due.placement.id)).toEqual([
      { to: due.reviewer.id, channel: 'email' },
      { to: due.reviewer.id, channel: 'in_app' },
    ]);
    for (const other of [recorded, running, longAgo]) {
      expect(await rowsFor(other.placement.id)).toEqual([]);
    }
    // A second run (the same day, or after a restart) asks nothing twice.
    const secondReviewer = await make.aUser('reviewer', due.host);
    await reminders.remindMissingOutcomes();
    expect(await rowsFor(due.placement.id)).toHaveLength(2);
    expect(
      (await rowsFor(due.placement.id)).filter(
        (row: { to: string }) => row.to === secondReviewer.id,
      ),
    ).toEqual([]);
  });

  it('keeps an outcome to its placement’s own student in the database', async () => {
    const { placement } = await aPlacedIntern();
    const someoneElse = await aPlacedIntern();
    await expect(
      db.query(
        `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer)
         VALUES ($1, $2, true, 'none')`,
        [placement.id, someoneElse.student.studentId],
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(
      db.query(
        `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer, contested_at)
         VALUES ($1, (SELECT student_id FROM placements WHERE id = $1), true, 'none', now())`,
        [placement.id],
      ),
    ).rejects.toThrow(/check/);
  });
});

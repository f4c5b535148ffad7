import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

/**
 * GET /api/rounds/:id/slots-left-out: every slot of a student's slot list that the open round
 * does not let them rank comes with its true reason, not "perhaps it was posted later": seats
 * held by an open offer or taken by an accepted placement, a period that ends before the round
 * closes, a slot not for the student, one posted after the round opened, one whose seat came
 * free after the round opened.
 */
describe("why a slot is not in the student's round", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives each left-out slot its true reason, and leaves the round’s own slots out', async () => {
    const admin = as(app, (await make.aUser('admin')).token);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const otherProgramme = await make.aProgramme(school.id);
    const student = await make.aStudent(school, programme);
    const others = await Promise.all([1, 2, 3].map(() => make.aStudent(school, programme)));
    const host = await make.anOrganisation('employer');

    const inRound = await make.aSlot(host, { title: 'In the round', capacity: 2 });
    const held = await make.aSlot(host, { title: 'Held by an offer' });
    const taken = await make.aSlot(host, { title: 'Taken by a placement' });
    const short = await make.aSlot(host, { title: 'Ends early', endsOn: '2027-02-20' });
    const notForYou = await make.aSlot(host, {
      title: 'Other programme',
      programmeIds: [otherProgramme.id],
    });
    const freedLater = await make.aSlot(host, { title: 'Freed later' });

    const placed = await make.aPlacement(others[0].studentId!, taken.id, 'accepted');
    const offer = (studentId: string, slotId: string) =>
      db.query(
        `INSERT INTO placements (round_id, student_id, slot_id, offered_at, deadline_at)
         VALUES ($1, $2, $3, now(), now() + interval '7 days') RETURNING id`,
        [placed.roundId, studentId, slotId],
      );
    await offer(others[1].studentId!, held.id);
    const [freedOffer] = await offer(others[2].studentId!, freedLater.id);

    const created = await admin
      .post('/api/rounds', { name: 'Forår 2027', preferencesCloseAt: '2027-03-01T12:00:00.000Z' })
      .expect(201);
    const roundId: string = created.body.id;
    await admin.post(`/api/rounds/${roundId}/open`).expect(200);

    // After opening: a slot written straight into the catalogue (not through the api, which
    // would let it join), and an offer declined, which frees its seat.
    const postedLater = await make.aSlot(host, { title: 'Posted later' });
    await db.query(`UPDATE placements SET status = 'declined', answered_at = now() WHERE id = $1`, [
      freedOffer.id,
    ]);

    const student$ = as(app, student.token);
    const inTheRound = await student$.get(`/api/rounds/${roundId}/slots?pageSize=100`).expect(200);
    expect(inTheRound.body.items.map((slot: { id: string }) => slot.id)).toEqual([inRound.id]);

    const leftOut = await student$
      .get(`/api/rounds/${roundId}/slots-left-out?pageSize=100`)
      .expect(200);
    const reasons = Object.fromEntries(
      leftOut.body.items.map((item: { slotId: string; reason: string }) => [
        item.slotId,
        item.reason,
      ]),
    );
    expect(reasons).toEqual({
      [held.id]: 'no_free_seats',
      [taken.id]: 'no_free_seats',
      [short.id]: 'ends_before_close',
      [notForYou.id]: 'not_eligible',
      [postedLater.id]: 'posted_later',
      [freedLater.id]: 'seats_freed_later',
    });
    expect(leftOut.body.total).toBe(6);
    expect(
      leftOut.body.items.find((item: { slotId: string }) => item.slotId === notForYou.id),
    ).toMatchObject({ eligibility: ['programme'] });

    // Students only; a round that does not exist is not found; a malformed id is refused.
    await admin.get(`/api/rounds/${roundId}/slots-left-out`).expect(403);
    await student$
      .get('/api/rounds/00000000-0000-4000-8000-000000000000/slots-left-out')
      .expect(404);
    await student$.get('/api/rounds/not-a-uuid/slots-left-out').expect(400);
    await student$.get(`/api/rounds/${roundId}/slots-left-out?pageSize=100000`).expect(400);
  });
});

import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

type Client = ReturnType<typeof as>;

/**
 * A round an admin can trust, from draft to follow-up: opening refuses a round with nothing to
 * rank and previews what it takes; a slot posted or reopened while it is open joins it; the run's
 * figures show before publishing; everyone who took part hears the outcome; a declined slot is
 * not offered again. The test files share one database, so this round's window closes in 2099:
 * only slots lasting that long (this file's) can join it.
 */
describe('rounds an admin, reviewers and students can trust', () => {
  const CLOSES = '2099-12-01T12:00:00.000Z';
  const LASTS = { startsOn: '2027-02-01', endsOn: '2099-12-31' };
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let admin: Client;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
    admin = as(app, (await make.aUser('admin')).token);
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  const draft = async (name: string) =>
    (await admin.post('/api/rounds', { name, preferencesCloseAt: CLOSES }).expect(201)).body
      .id as string;

  /** The outbox rows of one event about one round, per recipient. */
  const told = async (event: string, roundId: string) =>
    (
      await db.query<{ userId: string; payload: Record<string, unknown> }[]>(
        `SELECT recipient_user_id AS "userId", payload FROM outbox
          WHERE event = $1 AND channel = 'in_app' AND payload->>'roundId' = $2`,
        [event, roundId],
      )
    ).map((row) => row.userId);

  const eventsAbout = async (userId: string, roundId: string) =>
    (
      await db.query<{ event: string }[]>(
        `SELECT event FROM outbox WHERE recipient_user_id = $1 AND channel = 'in_app'
            AND payload->>'roundId' = $2 ORDER BY event`,
        [userId, roundId],
      )
    ).map((row) => row.event);

  async function runToMatched(roundId: string) {
    await admin.post(`/api/rounds/${roundId}/close`).expect(200);
    await admin.post(`/api/rounds/${roundId}/run`).expect(202);
    return eventually(async () => {
      const round = await admin.get(`/api/rounds/${roundId}`).expect(200);
      return round.body.status === 'matched' ? round.body : undefined;
    }, 60_000);
  }

  it('refuses to open a round without a slot with free seats, and changes nothing', async () => {
    const roundId = await draft(`Nothing to rank ${Date.now()}`);
    const preview = await admin.get(`/api/rounds/${roundId}/opening-preview`).expect(200);
    expect(preview.body).toMatchObject({ slots: 0, seats: 0 });
    const refused = await admin.post(`/api/rounds/${roundId}/open`).expect(409);
    expect(refused.body.code).toBe('round.no_free_slots');
    expect(refused.body.message).toMatch(/free seat/);
    expect((await admin.get(`/api/rounds/${roundId}`).expect(200)).body.status).toBe('draft');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM round_slots WHERE round_id = $1`,
      [roundId],
    );
    expect(n).toBe(0);
    expect(await told('round.opened', roundId)).toEqual([]);
    await admin.delete(`/api/rounds/${roundId}`).expect(204);
  });

  it('edits and deletes drafts only', async () => {
    const roundId = await draft(`Draft ${Date.now()}`);
    const edited = await admin
      .patch(`/api/rounds/${roundId}`, { name: 'Renamed draft', offerAnswerDays: 5 })
      .expect(200);
    expect(edited.body).toMatchObject({ name: 'Renamed draft', offerAnswerDays: 5 });
    await admin
      .patch(`/api/rounds/${roundId}`, { preferencesOpenAt: '2099-12-02T00:00:00.000Z' })
      .expect(400);
    await admin.patch(`/api/rounds/${roundId}`, { offerAnswerDays: 0 }).expect(400);
    expect((await admin.get(`/api/rounds/${roundId}`).expect(200)).body).toMatchObject({
      name: 'Renamed draft',
      offerAnswerDays: 5,
    });
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host);
    const open = await make.anOpenRound([{ id: slot.id }]);
    await admin.patch(`/api/rounds/${open.id}`, { name: 'Too late' }).expect(409);
    await admin.delete(`/api/rounds/${open.id}`).expect(409);
    // The database holds the rule too.
    await expect(db.query(`UPDATE rounds SET name = 'x' WHERE id = $1`, [open.id])).rejects.toThrow(
      /only a draft/,
    );
    await expect(db.query(`DELETE FROM rounds WHERE id = $1`, [open.id])).rejects.toThrow(
      /only a draft/,
    );
    await admin.post(`/api/rounds/${open.id}/close`).expect(200);
    await admin.delete(`/api/rounds/${roundId}`).expect(204);
    await admin.get(`/api/rounds/${roundId}`).expect(404);
  });

  it('previews, opens, takes late slots, sums up, tells everyone and never re-offers a declined slot', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const asReviewer = as(app, reviewer.token);
    const wanted = await make.aSlot(host, { ...LASTS, capacity: 1, title: 'Wanted' });
    const spare = await make.aSlot(host, { ...LASTS, capacity: 2, title: 'Spare' });
    const [a, b, bystander] = [
      await make.aStudent(school, programme),
      await make.aStudent(school, programme),
      await make.aStudent(school, programme),
    ];

    const roundName = `Trusted round ${Date.now()}`;
    const roundId = await draft(roundName);
    const preview = await admin.get(`/api/rounds/${roundId}/opening-preview`).expect(200);
    expect(preview.body).toMatchObject({ slots: 2, seats: 3 });
    expect(preview.body.eligibleStudents).toBeGreaterThanOrEqual(3);
    await admin.post(`/api/rounds/${roundId}/open`).expect(200);
    await admin.get(`/api/rounds/${roundId}/opening-preview`).expect(409);
    const roundSlots = async () =>
      (await admin.get(`/api/rounds/${roundId}/slots?pageSize=100`).expect(200)).body.items as {
        id: string;
        seats: number;
      }[];
    expect((await roundSlots()).map((s) => s.id).sort()).toEqual([wanted.id, spare.id].sort());

    // Posted while the round is open: joins it with its seats; the reviewer is told.
    const body = { title: 'Posted late', focusArea: 'biotech-production', capacity: 2, ...LASTS };
    const late = (await asReviewer.post('/api/slots', body).expect(201)).body;
    expect(await roundSlots()).toContainEqual(expect.objectContaining({ id: late.id, seats: 2 }));
    expect(await eventsAbout(reviewer.id, roundId)).toEqual(['slot.joined.round']);
    // Ends before the window closes: stays out, and the reviewer is told that too.
    const short = (
      await asReviewer
        .post('/api/slots', { ...body, title: 'Short', endsOn: '2099-06-30' })
        .expect(201)
    ).body;
    expect((await roundSlots()).map((s) => s.id)).not.toContain(short.id);
    expect(await eventsAbout(reviewer.id, roundId)).toEqual([
      'slot.joined.round',
      'slot.not.in.round',
    ]);
    // Closed, then reopened lasting long enough: joins.
    await asReviewer.delete(`/api/slots/${short.id}`).expect(200);
    await asReviewer
      .patch(`/api/slots/${short.id}`, { status: 'open', endsOn: '2099-12-31' })
      .expect(200);
    expect(await roundSlots()).toContainEqual(expect.objectContaining({ id: short.id, seats: 2 }));

    for (const student of [a, b]) {
      await as(app, student.token)
        .put(`/api/rounds/${roundId}/preferences`, { slotIds: [wanted.id] })
        .expect(200);
    }
    const matched = await runToMatched(roundId);
    expect(matched.summary).toEqual({
      students: 2,
      matched: 1,
      unplaced: 1,
      firstChoice: 1,
      byChoice: [1],
    });
    // Only admins see the figures.
    const seenByStudent = await as(app, a.token).get(`/api/rounds/${roundId}`).expect(200);
    expect(seenByStudent.body.summary).toBeUndefined();

    await admin.post(`/api/rounds/${roundId}/publish`).expect(200);
    const [offer] = await db.query<{ id: string; studentId: string }[]>(
      `SELECT id, student_id AS "studentId" FROM placements WHERE round_id = $1`,
      [roundId],
    );
    const [winner, loser] = offer.studentId === a.studentId ? [a, b] : [b, a];
    expect(await told('offer.made', roundId)).toEqual([winner.id]);
    expect(await told('round.unplaced', roundId)).toEqual([loser.id]);
    expect(await eventsAbout(bystander.id, roundId)).not.toContain('round.unplaced');
    expect(await eventsAbout(bystander.id, roundId)).not.toContain('offer.made');
    // Told that the round opened, and nothing of its outcome.
    expect(await eventsAbout(bystander.id, roundId)).toEqual(['round.opened']);
    // The message without a place names the round and says what happens next.
    const heard = await eventually(async () => {
      const inbox = await as(app, loser.token).get('/api/me/notifications').expect(200);
      const items = inbox.body.items as { event: string; title: string; body: string }[];
      return items.find((item) => item.event === 'round.unplaced');
    }, 30_000);
    expect(heard.title).toContain(roundName);
    expect(heard.body).toMatch(/opfølgende runde/);
    // Nor is there an outcome for the bystander to read: they did not take part.
    await as(app, bystander.token).get(`/api/rounds/${roundId}/explanation`).expect(404);
    await as(app, loser.token).get(`/api/rounds/${roundId}/explanation`).expect(200);
    const reviewerTold = await db.query(
      `SELECT payload FROM outbox WHERE event = 'round.matched.reviewer' AND channel = 'in_app'
          AND recipient_user_id = $1 AND payload->>'roundId' = $2`,
      [reviewer.id, roundId],
    );
    expect(reviewerTold).toEqual([{ payload: expect.objectContaining({ matched: 1, slots: 1 }) }]);

    await as(app, winner.token).post(`/api/placements/${offer.id}/decline`).expect(200);
    const [declinedNote] = await db.query(
      `SELECT recipient_user_id AS "userId" FROM outbox
        WHERE event = 'offer.declined.student' AND channel = 'in_app' AND payload->>'placementId' = $1`,
      [offer.id],
    );
    expect(declinedNote).toEqual({ userId: winner.id });

    // The follow-up round: the winner ranks the declined slot first, the engine leaves it out.
    const followUp = (await admin.post(`/api/rounds/${roundId}/follow-up`).expect(201)).body;
    await admin.patch(`/api/rounds/${followUp.id}`, { preferencesCloseAt: CLOSES }).expect(200);
    await admin.post(`/api/rounds/${followUp.id}/open`).expect(200);
    await as(app, winner.token)
      .put(`/api/rounds/${followUp.id}/preferences`, { slotIds: [wanted.id, spare.id] })
      .expect(200);
    const instance = await admin.get(`/api/rounds/${followUp.id}/instance`).expect(200);
    expect(instance.body.students).toContainEqual({
      id: winner.studentId,
      preferences: [spare.id],
    });
    await runToMatched(followUp.id);
    const [assignment] = await db.query(
      `SELECT slot_id AS "slotId" FROM assignments WHERE round_id = $1 AND student_id = $2`,
      [followUp.id, winner.studentId],
    );
    expect(assignment).toEqual({ slotId: spare.id });
  }, 180_000);
});

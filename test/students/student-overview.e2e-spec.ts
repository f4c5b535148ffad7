import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StatementCounter } from '../reliability/harness/statement-counter';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

/**
 * GET /api/students/:id/overview: one student as their coordinator follows them, in a bounded
 * number of statements, access-logged, and for nobody else.
 */
describe("a coordinator's page for one student", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;
  let counter: StatementCounter;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
    counter = new StatementCounter(db);
  });

  afterAll(async () => {
    counter.restore();
    await app.close();
  });

  /** A published round in which the student ranked `slots` and holds an offer of the first. */
  async function aPublishedRoundWithOffer(
    studentId: string,
    slots: { id: string }[],
    status = 'offered',
  ) {
    const [round] = await db.query(
      `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed,
                           opened_at, matched_at, published_at)
       VALUES ('Efterår ' || gen_random_uuid(), 'published', now() - interval '20 days',
               now() - interval '10 days', 'seed', now() - interval '20 days',
               now() - interval '9 days', now() - interval '9 days')
       RETURNING id, name`,
    );
    for (const [index, slot] of slots.entries()) {
      await db.query(`INSERT INTO round_slots (round_id, slot_id, seats) VALUES ($1, $2, 1)`, [
        round.id,
        slot.id,
      ]);
      await db.query(
        `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, $4)`,
        [round.id, studentId, slot.id, index + 1],
      );
    }
    await db.query(
      `INSERT INTO assignments (round_id, student_id, slot_id, student_rank) VALUES ($1, $2, $3, 1)`,
      [round.id, studentId, slots[0].id],
    );
    const [placement] = await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, status, offered_at, deadline_at,
                               answered_at)
       VALUES ($1, $2, $3, $4, now() - interval '9 days', now() - interval '2 days',
               CASE WHEN $4 <> 'offered' THEN now() - interval '3 days' END)
       RETURNING id`,
      [round.id, studentId, slots[0].id, status],
    );
    return { id: round.id as string, name: round.name as string, placementId: placement.id };
  }

  async function aWorld() {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const coordinator = await make.aUser('coordinator', school);
    const student = await make.aStudent(school, programme, { fullName: 'Olivia Overview' });
    const host = await make.anOrganisation('employer', `Novo ${Date.now()}`);
    const slots = [
      await make.aSlot(host, { title: 'Laboratoriepraktik' }),
      await make.aSlot(host, { title: 'Procespraktik' }),
    ];
    return { school, programme, coordinator, student, host, slots };
  }

  it('shows the profile, the invitation and each round with its standing and offer', async () => {
    const { coordinator, student, host, slots } = await aWorld();
    const published = await aPublishedRoundWithOffer(student.studentId!, slots);
    await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
    const open = await make.anOpenRound([{ id: (await make.aSlot(host)).id }]);

    const response = await as(app, coordinator.token)
      .get(`/api/students/${student.studentId}/overview`)
      .expect(200);
    expect(response.body.student).toMatchObject({
      id: student.studentId,
      fullName: 'Olivia Overview',
      email: student.email,
    });
    expect(response.body.invitation).toEqual({ accepted: true, lastSentAt: null, expiresAt: null });
    expect(response.body.rounds).toEqual([
      {
        round: expect.objectContaining({ id: open.id, status: 'open' }),
        standing: 'notTakingPart',
        rankedCount: 0,
        preferences: null,
        placement: null,
      },
      {
        round: expect.objectContaining({ id: published.id, status: 'published' }),
        standing: 'offered',
        rankedCount: 2,
        // Which slots a student ranked is not the coordinator's to see (docs/PRIVACY.md).
        preferences: null,
        placement: expect.objectContaining({
          id: published.placementId,
          status: 'offered',
          slot: {
            id: slots[0].id,
            title: 'Laboratoriepraktik',
            organisation: expect.objectContaining({ id: host.id }),
          },
        }),
      },
    ]);
    const [{ fields }] = await db.query(
      `SELECT fields FROM access_log
        WHERE purpose = 'GET /api/students/:id/overview' AND actor_id = $1 AND $2 = ANY(student_ids)`,
      [coordinator.id, student.studentId],
    );
    expect(fields).toEqual(expect.arrayContaining(['fullName', 'preferences', 'placements']));
    await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [open.id]);
  });

  it('shows admins which slots were ranked, and an invitation not yet accepted', async () => {
    const { school, programme, coordinator, slots } = await aWorld();
    const admin = await make.aUser('admin');
    const created = await as(app, coordinator.token)
      .post('/api/students', {
        email: `overview-${Date.now()}@test.example`,
        fullName: 'Ingen Adgangskode',
        programmeId: programme.id,
        birthDate: '2006-03-01',
        availableFrom: '2027-02-01',
        availableTo: '2027-06-30',
      })
      .expect(201);
    await aPublishedRoundWithOffer(created.body.id, slots, 'declined');

    const response = await as(app, admin.token)
      .get(`/api/students/${created.body.id}/overview`)
      .expect(200);
    expect(response.body.student.school.id).toBe(school.id);
    expect(response.body.invitation).toEqual({
      accepted: false,
      lastSentAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(response.body.rounds).toEqual([
      expect.objectContaining({
        standing: 'declined',
        preferences: [
          { rank: 1, slot: expect.objectContaining({ id: slots[0].id }) },
          { rank: 2, slot: expect.objectContaining({ id: slots[1].id }) },
        ],
        placement: expect.objectContaining({ status: 'declined' }),
      }),
    ]);
  });

  it('reads in the same statements for one round as for four', async () => {
    const { coordinator, student, host, slots } = await aWorld();
    await aPublishedRoundWithOffer(student.studentId!, slots, 'declined');
    const url = `/api/students/${student.studentId}/overview`;
    const once = await counter.during(() => as(app, coordinator.token).get(url).expect(200));
    for (let i = 0; i < 3; i++) {
      await aPublishedRoundWithOffer(
        student.studentId!,
        [await make.aSlot(host), await make.aSlot(host)],
        'declined',
      );
    }
    let rounds = 0;
    const four = await counter.during(async () => {
      rounds = (await as(app, coordinator.token).get(url).expect(200)).body.rounds.length;
    });
    expect(rounds).toBe(4);
    expect(four).toBe(once);
    expect(once).toBeLessThanOrEqual(4);
  });

  it('is for the school’s coordinators and admins only', async () => {
    const { student, slots } = await aWorld();
    await aPublishedRoundWithOffer(student.studentId!, slots);
    const other = await make.anOrganisation('school');
    const otherCoordinator = await make.aUser('coordinator', other);
    const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const url = `/api/students/${student.studentId}/overview`;

    const hidden = await as(app, otherCoordinator.token).get(url).expect(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Olivia');
    await as(app, reviewer.token).get(url).expect(403);
    await as(app, student.token).get(url).expect(403);
    await as(app, otherCoordinator.token)
      .get('/api/students/00000000-0000-4000-8000-000000000000/overview')
      .expect(404);
  });
});

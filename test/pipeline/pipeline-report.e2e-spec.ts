import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { isolateEnvironment } from '../notifications/notifications-harness';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

jest.setTimeout(120_000);

const COHORT = 2031;
const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Student = Awaited<ReturnType<Factories['aStudent']>>;

describe('the pipeline report (GET /api/reports/pipeline)', () => {
  let restore: () => Promise<void>;
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;
  let schoolA: { id: string; kind: string };
  let schoolB: { id: string; kind: string };
  let host: { id: string; kind: string };
  let tokens: Record<'admin' | 'coordinatorA' | 'coordinatorB' | 'reviewer' | 'student', string>;

  /**
   * School A, 8 students of the cohort: six interns at the host (five with an outcome: three
   * hired, one offered, one not; five answered the 12-month follow-up: two in Kalundborg), one
   * who only ranked, one who did nothing. School B: two students who did nothing.
   */
  beforeAll(async () => {
    restore = await isolateEnvironment();
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
    schoolA = await make.anOrganisation('school');
    schoolB = await make.anOrganisation('school');
    host = await make.anOrganisation('employer');
    const programmeA = await make.aProgramme(schoolA.id);
    const programmeB = await make.aProgramme(schoolB.id);
    const cohort = { expectedCompletion: `${COHORT}-06` };
    const a: Student[] = [];
    for (let i = 0; i < 8; i++) a.push(await make.aStudent(schoolA, programmeA, cohort));
    for (let i = 0; i < 2; i++) await make.aStudent(schoolB, programmeB, cohort);
    // Another cohort, which must not be counted.
    await make.aStudent(schoolA, programmeA, { expectedCompletion: `${COHORT + 1}-06` });
    const slot = await make.aSlot(host, {
      startsOn: daysFromNow(-70),
      endsOn: daysFromNow(-10),
      capacity: 10,
    });
    const placements = [];
    for (const student of a.slice(0, 6)) {
      placements.push(await make.aPlacement(student.studentId!, slot.id, 'confirmed'));
    }
    const offers = ['accepted', 'accepted', 'accepted', 'offered', 'none'];
    for (const [i, jobOffer] of offers.entries()) {
      await db.query(
        `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer)
         VALUES ($1, $2, true, $3)`,
        [placements[i].id, a[i].studentId, jobOffer],
      );
    }
    const situations = [
      'alliance_member',
      'kalundborg',
      'elsewhere',
      'region_sjaelland',
      'studying',
    ];
    for (const [i, situation] of situations.entries()) {
      await db.query(`INSERT INTO follow_up_consents (student_id, consented) VALUES ($1, true)`, [
        a[i].studentId,
      ]);
      await db.query(
        `INSERT INTO follow_ups (student_id, months, due_on, expires_on, answered_at, situation,
                                 organisation_id)
         VALUES ($1, 12, '${COHORT + 1}-06-30', '${COHORT + 1}-09-28', now(), $2, $3)`,
        [a[i].studentId, situation, situation === 'alliance_member' ? host.id : null],
      );
    }
    const [round] = await db.query(
      `INSERT INTO rounds (name, preferences_open_at, preferences_close_at, seed)
       VALUES ('Ranked only', now() - interval '2 days', now() - interval '1 day', 'r')
       RETURNING id`,
    );
    await db.query(`INSERT INTO round_slots (round_id, slot_id, seats) VALUES ($1, $2, 1)`, [
      round.id,
      slot.id,
    ]);
    await db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
      [round.id, a[6].studentId, slot.id],
    );
    tokens = {
      admin: (await make.aUser('admin')).token,
      coordinatorA: (await make.aUser('coordinator', schoolA)).token,
      coordinatorB: (await make.aUser('coordinator', schoolB)).token,
      reviewer: (await make.aUser('reviewer', host)).token,
      student: a[0].token,
    };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await restore?.();
  }, 60_000);

  const report = (token: string, query: string) =>
    as(app, token).get(`/api/reports/pipeline?${query}`);

  it('counts the funnel of a cohort per school, withholding 1 to 4 and what gives them away', async () => {
    const { body } = await report(tokens.admin, `groupBy=school&cohort=${COHORT}`).expect(200);
    expect(body).toMatchObject({ cohort: COHORT, groupBy: 'school', scope: 'alliance' });
    const rowA = body.items.find((row: { group: { id: string } }) => row.group.id === schoolA.id);
    const rowB = body.items.find((row: { group: { id: string } }) => row.group.id === schoolB.id);
    expect(rowA).toMatchObject({
      registered: 8,
      ranked: 7,
      matched: 6,
      accepted: 6,
      completed: 5,
      jobOffered: null, // 4
      hired: null, // 3
      hiredKnown: 5,
      hiredKnowledgeRate: 0.625,
      working12: null, // 2
      known12: 5,
      knowledgeRate12: 0.625,
      working24: 0,
      known24: 0,
      knowledgeRate24: 0,
      outcomesKnown: 5,
      offersAccepted: null,
      conversion: null,
    });
    expect(rowB).toMatchObject({ registered: null, ranked: 0, hiredKnowledgeRate: null });
    // 10 registered would give school B's 2 away (10 − 8); 7 ranked gives nothing away.
    expect(body.totals).toMatchObject({
      registered: null,
      ranked: 7,
      matched: 6,
      jobOffered: null,
    });
    expect(body.suppressed).toEqual(
      expect.arrayContaining([
        { groupId: schoolA.id, field: 'jobOffered' },
        { groupId: schoolB.id, field: 'registered' },
        { groupId: null, field: 'registered' },
      ]),
    );
    expect(body.benchmarks.map((b: { share: number }) => b.share)).toEqual([0.55, 0.83]);
  });

  it('holds the funnel’s identities: each step a part of the one before, and never 1 to 4 shown', async () => {
    for (const groupBy of ['school', 'programme', 'employer']) {
      const { body } = await report(tokens.admin, `groupBy=${groupBy}&cohort=${COHORT}`).expect(
        200,
      );
      for (const figures of [...body.items, body.totals]) {
        const steps = ['registered', 'ranked', 'matched', 'accepted'].map((f) => figures[f]);
        const shown = steps.filter((n: number | null) => n !== null);
        expect([...shown].sort((x, y) => y - x)).toEqual(shown);
        for (const [field, value] of Object.entries(figures)) {
          if (typeof value !== 'number' || /Rate|conversion/.test(field)) continue;
          expect(value === 0 || value >= 5).toBe(true);
        }
        if (figures.working12 !== null && figures.known12 !== null) {
          expect(figures.working12).toBeLessThanOrEqual(figures.known12);
        }
      }
    }
    const byEmployer = await report(tokens.admin, `groupBy=employer&cohort=${COHORT}`).expect(200);
    expect(byEmployer.body.items).toEqual([
      expect.objectContaining({
        group: expect.objectContaining({ id: host.id }),
        registered: 6,
        outcomesKnown: 5,
        offersAccepted: null,
      }),
    ]);
    const other = await report(tokens.admin, `groupBy=school&cohort=${COHORT + 5}`).expect(200);
    expect(other.body.totals).toMatchObject({ registered: 0, ranked: 0 });
  });

  it('shows coordinators their school and reviewers their interns only', async () => {
    const a = await report(tokens.coordinatorA, `groupBy=school&cohort=${COHORT}`).expect(200);
    expect(a.body.scope).toBe('school');
    expect(a.body.items.map((row: { group: { id: string } }) => row.group.id)).toEqual([
      schoolA.id,
    ]);
    const b = await report(tokens.coordinatorB, `groupBy=programme&cohort=${COHORT}`).expect(200);
    expect(b.body.items).toHaveLength(1);
    expect(b.body.items[0]).toMatchObject({
      registered: null,
      group: { school: { id: schoolB.id } },
    });
    const reviewer = await report(tokens.reviewer, `groupBy=school&cohort=${COHORT}`).expect(200);
    expect(reviewer.body.scope).toBe('organisation');
    expect(reviewer.body.items).toEqual([
      expect.objectContaining({
        group: expect.objectContaining({ id: schoolA.id }),
        registered: 6,
      }),
    ]);
    await report(tokens.student, `groupBy=school&cohort=${COHORT}`).expect(403);
    await request(app.getHttpServer())
      .get(`/api/reports/pipeline?groupBy=school&cohort=${COHORT}`)
      .expect(401);
  });

  it('exports CSV with withheld counts as <5, and refuses bad queries', async () => {
    const csv = await report(tokens.admin, `groupBy=school&cohort=${COHORT}&format=csv`).expect(
      200,
    );
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^cohort,school,schoolOfProgramme,registered,ranked/);
    expect(
      lines.find((line) => line.startsWith(`${COHORT},`) && line.includes('<5')),
    ).toBeDefined();
    for (const bad of [
      `groupBy=school`,
      `cohort=${COHORT}`,
      `groupBy=region&cohort=${COHORT}`,
      `groupBy=school&cohort=1999`,
      `groupBy=school&cohort=abc`,
      `groupBy=school&cohort=${COHORT}&format=xml`,
    ]) {
      await report(tokens.admin, bad).expect(400);
    }
  });
});

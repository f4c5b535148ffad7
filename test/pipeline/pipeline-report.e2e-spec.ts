import { AuthUser } from '@app/accounts';
import {
  FollowUpsService,
  PIPELINE_GROUPINGS,
  PipelineReportService,
  pipelineLiveSql,
  pipelineSql,
} from '@app/pipeline';
import { MATCHED_STANDINGS } from '@app/rounds';
import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { isolateEnvironment } from '../notifications/notifications-harness';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

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

  describe('from the summary the triggers keep, equal to the live definition', () => {
    /** The month `months` before this one, as YYYY-MM: its 12-month follow-up is due now. */
    const monthsAgo = (months: number) => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))
        .toISOString()
        .slice(0, 7);
    };
    const completion = monthsAgo(13);
    const cohort = Number(completion.slice(0, 4));
    type Caller = AuthUser & { token: string };

    /**
     * For every groupBy and every caller: the summary's counts equal the live definition's
     * (before any withholding, so small counts are compared too), and the api's report equals
     * the one worked out from the live rows. Returns the admin's unwithheld counts by school.
     */
    async function expectSummaryEqualsLive(step: string, callers: Caller[]) {
      const reports = app.get(PipelineReportService);
      for (const caller of callers) {
        const school = caller.role === 'coordinator' ? caller.organisationId : null;
        const host = caller.role === 'reviewer' ? caller.organisationId : null;
        const viewer = caller.role === 'admin' ? null : caller.organisationId;
        for (const groupBy of PIPELINE_GROUPINGS) {
          const where = { step, caller: caller.role, groupBy };
          const summary = await db.query(pipelineSql(groupBy), [cohort, school, host, viewer]);
          const live = await db.query(pipelineLiveSql(groupBy), [
            cohort,
            school,
            host,
            MATCHED_STANDINGS,
            viewer,
          ]);
          expect({ ...where, rows: summary }).toEqual({ ...where, rows: live });
          const answered = await report(caller.token, `groupBy=${groupBy}&cohort=${cohort}`);
          expect({ ...where, report: answered.body }).toEqual({
            ...where,
            report: JSON.parse(JSON.stringify(await reports.liveReport(caller, cohort, groupBy))),
          });
        }
      }
      const bySchool: (Record<string, number> & { groupId: string | null })[] = await db.query(
        pipelineSql('school'),
        [cohort, null, null, null],
      );
      return (id: string | null) => bySchool.find((row) => row.groupId === id)!;
    }

    /** The follow-up written for the student by sendDue, answered through its public link. */
    async function answerFollowUp(studentId: string, situation: string, organisationId?: string) {
      const token = randomBytes(32).toString('base64url');
      // The link's token is only ever mailed; the test gives the follow-up one it knows.
      await db.query(`UPDATE follow_ups SET token_hash = $2 WHERE student_id = $1`, [
        studentId,
        createHash('sha256').update(token).digest(),
      ]);
      await request(app.getHttpServer())
        .post('/api/follow-ups/answer')
        .send({ token, situation, organisationId })
        .expect(200);
    }

    it('through a round, offers, outcomes, follow-ups, and a decline, an erasure, an answer, a withdrawal and a move', async () => {
      // The worker runs the round; it is stopped once the round is matched, so that it does
      // not mail the follow-ups (each mail gives its link a new token) while the test answers.
      const worker = await startWorker();
      let workerRunning = true;
      try {
        const schools = [await make.anOrganisation('school'), await make.anOrganisation('school')];
        const programmes = [
          await make.aProgramme(schools[0].id),
          await make.aProgramme(schools[0].id),
          await make.aProgramme(schools[1].id),
        ];
        const hosts = [await make.anOrganisation('employer'), await make.anOrganisation('public')];
        const ahead = { startsOn: daysFromNow(10), endsOn: daysFromNow(40) };
        const slots = [
          await make.aSlot(hosts[0], { ...ahead, capacity: 2 }),
          await make.aSlot(hosts[0], { ...ahead, capacity: 1 }),
          await make.aSlot(hosts[1], { ...ahead, capacity: 2 }),
        ];
        const admin = await make.aUser('admin');
        const coordinators = [
          await make.aUser('coordinator', schools[0]),
          await make.aUser('coordinator', schools[1]),
        ];
        const reviewers = [
          await make.aUser('reviewer', hosts[0]),
          await make.aUser('reviewer', hosts[1]),
        ];
        const callers: Caller[] = [admin, ...coordinators, ...reviewers];
        // What each ranks (slot indexes); 8 students at the first school, 4 at the second.
        const ranks = [[0], [0, 1], [1], [2], [2, 0], [], [0], [], [2], [1, 2], [], [0]];
        const students = [];
        for (const [i, ranked] of ranks.entries()) {
          const school = i < 8 ? 0 : 1;
          const programme = school === 0 ? programmes[i % 2] : programmes[2];
          const student = await make.aStudent(schools[school], programme, {
            expectedCompletion: completion,
            availableFrom: daysFromNow(0),
            availableTo: daysFromNow(60),
          });
          students.push({ ...student, ranked, client: as(app, student.token) });
        }
        await expectSummaryEqualsLive('registered', callers);

        const adminClient = as(app, admin.token);
        const created = await adminClient
          .post('/api/rounds', {
            name: `Pipeline ${Date.now()}`,
            preferencesCloseAt: new Date(Date.now() + 3600_000),
          })
          .expect(201);
        const roundId: string = created.body.id;
        await adminClient.post(`/api/rounds/${roundId}/open`).expect(200);
        for (const s of students.filter((s) => s.ranked.length > 0)) {
          await s.client
            .put(`/api/rounds/${roundId}/preferences`, {
              slotIds: s.ranked.map((i) => slots[i].id),
            })
            .expect(200);
        }
        await expectSummaryEqualsLive('ranked', callers);
        await adminClient.post(`/api/rounds/${roundId}/close`).expect(200);
        await adminClient.post(`/api/rounds/${roundId}/run`).expect(202);
        await eventually(async () => {
          const round = await adminClient.get(`/api/rounds/${roundId}`).expect(200);
          return round.body.status === 'matched' ? true : undefined;
        }, 60_000);
        await worker.close();
        workerRunning = false;
        // Matched, not published: admins see who is matched, coordinators and reviewers not yet.
        const matched = await expectSummaryEqualsLive('matched', callers);
        expect(matched(null).matched).toBe(5);
        const seenByCoordinator = await db.query(pipelineSql('school'), [
          cohort,
          schools[0].id,
          null,
          schools[0].id,
        ]);
        expect(seenByCoordinator[0].matched).toBe(0);

        await adminClient.post(`/api/rounds/${roundId}/publish`).expect(200);
        await expectSummaryEqualsLive('published', callers);
        const offers: { student: (typeof students)[number]; id: string; host: number }[] = [];
        for (const s of students) {
          const mine = await s.client.get(`/api/placements?roundId=${roundId}`).expect(200);
          const offer = mine.body.items[0] as
            { id: string; slot: { organisation: { id: string } } } | undefined;
          if (!offer) continue;
          const host = hosts.findIndex((h) => h.id === offer.slot.organisation.id);
          offers.push({ student: s, id: offer.id, host });
        }
        expect(offers).toHaveLength(5);
        // Accepted, confirmed, declined, left open (declined later), accepted.
        const [first, second, third, open, fifth] = offers;
        for (const taken of [first, second, fifth]) {
          await taken.student.client.post(`/api/placements/${taken.id}/accept`, {}).expect(200);
        }
        await as(app, reviewers[second.host].token)
          .post(`/api/placements/${second.id}/confirm`)
          .expect(200);
        await third.student.client.post(`/api/placements/${third.id}/decline`).expect(200);
        await expectSummaryEqualsLive('answered', callers);

        // The placements' period passes (the round took only slots that had not ended).
        await db.query(
          `UPDATE slots SET starts_on = current_date - 70, ends_on = current_date - 10
           WHERE id = ANY($1)`,
          [slots.map((slot) => slot.id)],
        );
        const jobOffers = ['accepted', 'offered', 'none'];
        for (const [i, taken] of [first, second, fifth].entries()) {
          await as(app, reviewers[taken.host].token)
            .put(`/api/placements/${taken.id}/outcome`, {
              completed: i !== 2,
              jobOffer: jobOffers[i],
            })
            .expect(200);
        }
        await expectSummaryEqualsLive('outcomes', callers);

        for (const taken of [first, second, fifth]) {
          await taken.student.client
            .put('/api/me/follow-up-consent', { consented: true })
            .expect(200);
        }
        await app.get(FollowUpsService).sendDue(new Date());
        await answerFollowUp(first.student.studentId!, 'alliance_member', hosts[0].id);
        await answerFollowUp(second.student.studentId!, 'elsewhere');
        const followedUp = await expectSummaryEqualsLive('follow-ups', callers);
        expect(followedUp(null)).toMatchObject({ accepted: 3, hired: 1, known12: 2 });

        await open.student.client.post(`/api/placements/${open.id}/decline`).expect(200);
        await expectSummaryEqualsLive('a decline', callers);

        await answerFollowUp(fifth.student.studentId!, 'kalundborg');
        const answered = await expectSummaryEqualsLive('a follow-up answer', callers);
        expect(answered(null)).toMatchObject({ known12: 3, working12: 2 });

        await second.student.client
          .put('/api/me/follow-up-consent', { consented: false })
          .expect(200);
        const withdrawn = await expectSummaryEqualsLive('a consent withdrawal', callers);
        expect(withdrawn(null)).toMatchObject({ known12: 2 });

        await adminClient.delete(`/api/students/${first.student.studentId}`).expect(204);
        const erased = await expectSummaryEqualsLive('an erasure', callers);
        expect(erased(null).registered).toBe(students.length - 1);

        // The fifth intern moves to the other school, keeping their cohort.
        const mover = fifth.student;
        const moveTo = students.indexOf(mover) < 8 ? 1 : 0;
        await as(app, coordinators[moveTo].token)
          .post('/api/students/enrolments', {
            email: mover.email,
            programmeId: programmes[moveTo === 0 ? 0 : 2].id,
            expectedCompletion: completion,
          })
          .expect(202);
        const mine = await mover.client.get('/api/me/enrolments').expect(200);
        await mover.client
          .post(`/api/me/enrolments/${mine.body.requests[0].id}/confirm`)
          .expect(200);
        const moved = await expectSummaryEqualsLive('a move between schools', callers);
        expect(moved(schools[moveTo].id).registered).toBe(
          erased(schools[moveTo].id).registered + 1,
        );
      } finally {
        if (workerRunning) await worker.close();
      }
    }, 600_000);
  });
});

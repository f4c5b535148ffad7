import { loadConfig } from '@app/config';
import { PIPELINE_GROUPINGS, pipelineLiveSql, pipelineSql } from '@app/pipeline';
import { MATCHED_STANDINGS } from '@app/rounds';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

jest.setTimeout(120_000);

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A statement and its parameters, run by one of the two racing transactions. */
type Write = [sql: string, params: unknown[]];

interface Scene {
  cohort: number;
  studentId: string;
  placementId: string;
  schoolB: { id: string };
  programmeB: { id: string };
}

/**
 * The pipeline summary under two transactions that change one student at the same time, each
 * as the runtime role on a connection of its own: the first writes and holds its transaction
 * open, the second writes (its refresh then waits for the first, when it must), the first
 * commits, then the second. Whichever order, the summary ends equal to the live definition.
 */
describe('the pipeline summary under concurrent changes of one student', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;
  let nextCohort = 2040;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  /**
   * A student of a cohort of their own (or of none yet) with an accepted placement that has
   * ended, consented to follow-ups, the 12-month one due, and a second school to move to.
   */
  async function aScene(inCohort = true): Promise<Scene> {
    const cohort = nextCohort++;
    const schoolA = await make.anOrganisation('school');
    const schoolB = await make.anOrganisation('school');
    const programmeA = await make.aProgramme(schoolA.id);
    const programmeB = await make.aProgramme(schoolB.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, {
      startsOn: daysFromNow(-70),
      endsOn: daysFromNow(-10),
      capacity: 5,
    });
    const student = await make.aStudent(
      schoolA,
      programmeA,
      inCohort ? { expectedCompletion: `${cohort}-06` } : {},
    );
    const studentId = student.studentId!;
    const placement = await make.aPlacement(studentId, slot.id, 'accepted');
    await db.query(`INSERT INTO follow_up_consents (student_id, consented) VALUES ($1, true)`, [
      studentId,
    ]);
    await db.query(
      `INSERT INTO follow_ups (student_id, months, due_on, expires_on)
       VALUES ($1, 12, current_date - 1, current_date + 60)`,
      [studentId],
    );
    return {
      cohort,
      studentId,
      placementId: placement.id,
      schoolB,
      programmeB,
    };
  }

  const recordOutcome = (s: Scene): Write => [
    `INSERT INTO placement_outcomes (placement_id, student_id, completed, job_offer)
     VALUES ($1, $2, true, 'accepted')`,
    [s.placementId, s.studentId],
  ];
  const changeSchool = (s: Scene): Write => [
    `UPDATE students SET school_id = $2, programme_id = $3 WHERE id = $1`,
    [s.studentId, s.schoolB.id, s.programmeB.id],
  ];
  const answerFollowUp = (s: Scene): Write => [
    `UPDATE follow_ups SET answered_at = now(), situation = 'kalundborg'
     WHERE student_id = $1 AND months = 12`,
    [s.studentId],
  ];
  const declinePlacement = (s: Scene): Write => [
    `UPDATE placements SET status = 'declined' WHERE id = $1`,
    [s.placementId],
  ];
  const enterCohort = (s: Scene): Write => [
    `UPDATE students SET expected_completion_year = $2, expected_completion_month = 6
     WHERE id = $1`,
    [s.studentId, s.cohort],
  ];

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: loadConfig().DATABASE_URL });
    await client.connect();
    return client;
  }

  /** Whether the backend waits on a lock, asked until it does or two seconds have passed. */
  async function waitsOnLock(pid: number): Promise<boolean> {
    for (let i = 0; i < 40; i++) {
      const [row] = await db.query(
        `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      if (row?.waiting) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  async function race(first: Write, second: Write): Promise<void> {
    const [a, b] = [await connect(), await connect()];
    try {
      const [{ pid }] = (await b.query(`SELECT pg_backend_pid() AS pid`)).rows;
      await a.query('BEGIN');
      await b.query('BEGIN');
      await a.query(...first);
      const pending = b.query(...second);
      // Either the second waits for the first (the summary's lock), or it went through.
      await Promise.race([pending, waitsOnLock(pid)]);
      await a.query('COMMIT');
      await pending;
      await b.query('COMMIT');
    } finally {
      await a.end();
      await b.end();
    }
  }

  /** The summary's counts equal the live definition's, in every grouping and both views. */
  async function expectSummaryEqualsLive(cohort: number, what: string) {
    for (const viewer of [null, '00000000-0000-0000-0000-000000000000']) {
      for (const groupBy of PIPELINE_GROUPINGS) {
        const where = { what, viewer, groupBy };
        const summary = await db.query(pipelineSql(groupBy), [cohort, null, null, viewer]);
        const live = await db.query(pipelineLiveSql(groupBy), [
          cohort,
          null,
          null,
          MATCHED_STANDINGS,
          viewer,
        ]);
        expect({ ...where, rows: summary }).toEqual({ ...where, rows: live });
      }
    }
  }

  type Change = [what: string, write: (s: Scene) => Write];
  const outcome: Change = ['an outcome is recorded', recordOutcome];
  const move: Change = ['the school changes', changeSchool];
  const answer: Change = ['a follow-up is answered', answerFollowUp];
  const decline: Change = ['the placement is declined', declinePlacement];
  const entry: Change = ['the student enters the cohort', enterCohort];
  const races: [Change, Change, { inCohort: boolean }][] = [
    [outcome, move, { inCohort: true }],
    [answer, move, { inCohort: true }],
    [outcome, answer, { inCohort: true }],
    [decline, answer, { inCohort: true }],
    [decline, move, { inCohort: true }],
    // The student has no summary row yet: there is none to lock.
    [outcome, entry, { inCohort: false }],
    [answer, entry, { inCohort: false }],
  ];
  for (const [[what, one], [whatElse, other], { inCohort }] of races) {
    for (const order of ['first', 'second'] as const) {
      it(`stays equal to the live definition when ${what} while ${whatElse} (${order} to write)`, async () => {
        const scene = await aScene(inCohort);
        const [x, y] = order === 'first' ? [one, other] : [other, one];
        await race(x(scene), y(scene));
        await expectSummaryEqualsLive(scene.cohort, `${what} / ${whatElse}, ${order}`);
        const [row] = await db.query(
          `SELECT count(*)::int AS n FROM pipeline_students WHERE student_id = $1`,
          [scene.studentId],
        );
        expect(row.n).toBe(1);
      });
    }
  }
});

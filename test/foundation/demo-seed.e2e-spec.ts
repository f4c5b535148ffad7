import { ENGINE_VERSION } from '@app/matching';
import { SeedService } from '@app/seed';
import { INestApplication } from '@nestjs/common';
import { isUUID } from 'class-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

jest.setTimeout(120_000);

/** The day the follow-ups are due by: fixed, so the figures below do not move with the clock. */
const TODAY = new Date('2026-12-03T12:00:00Z');

/** Rows of every table the demo writes, to see that a second seed adds none. */
const TABLES = [
  'users',
  'students',
  'slots',
  'slot_programmes',
  'rounds',
  'round_slots',
  'preferences',
  'assignments',
  'round_runs',
  'placements',
  'placement_outcomes',
  'follow_up_consents',
  'follow_ups',
  'hiring_needs',
];

async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(
    `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return row;
}

async function adminToken(app: INestApplication): Promise<string> {
  const response = await request(app.getHttpServer())
    .post('/api/auth/login')
    .send({ email: 'admin@biotekbyen.demo', password: 'kalundborg-demo' })
    .expect(200);
  return response.body.accessToken;
}

describe('the Kalundborg demo seed', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });

  afterAll(() => app.close());

  it('changes nothing the second time, and its ids pass every UUID check', async () => {
    const seeds = new SeedService(app.get(DataSource));
    const first = await seeds.seedDemo(TODAY);
    const rows = await rowCounts(app.get(DataSource));
    const again = await seeds.seedDemo(TODAY);
    // This year's 120 students and the earlier cohorts' 160 + 192 + 224, with a round each.
    expect(first).toMatchObject({ students: 696, rounds: 3, runs: 3 });
    expect(Object.values(again)).toEqual(Object.values(first).map(() => 0));
    expect(await rowCounts(app.get(DataSource))).toEqual(rows);

    const ids: { id: string }[] = await app.get(DataSource).query(
      `SELECT s.id FROM students s JOIN users u ON u.id = s.user_id WHERE u.email LIKE '%.demo'
       UNION ALL SELECT id FROM slots WHERE title IN ('Træning i Helix Lab', 'Kulturer og kvalitet')`,
    );
    expect(ids.length).toBeGreaterThanOrEqual(120);
    expect(ids.filter(({ id }) => !isUUID(id, 'all'))).toEqual([]);
  });

  it('lets the demo accounts of the contract sign in', async () => {
    for (const email of [
      'admin@biotekbyen.demo',
      'reviewer@forsyning.demo',
      'student5@next.demo',
    ]) {
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password: 'kalundborg-demo' })
        .expect(200);
      expect(response.body.user.email).toBe(email);
    }
  });

  it('tells the story of three earlier cohorts in the pipeline report', async () => {
    const token = await adminToken(app);
    const reports = [];
    for (const cohort of [2024, 2025, 2026]) {
      const { body } = await as(app, token)
        .get(`/api/reports/pipeline?groupBy=school&cohort=${cohort}`)
        .expect(200);
      reports.push(body);
    }
    for (const { totals: f } of reports) {
      // Each step keeps fewer than the one before, as a funnel does.
      expect(f.registered).toBeGreaterThan(f.ranked);
      expect(f.ranked).toBeGreaterThan(f.matched);
      expect(f.matched).toBeGreaterThan(f.accepted);
      expect(f.accepted).toBeGreaterThan(f.completed);
      // Most interns complete; a share of those who complete get a job offer, most accept it.
      expect(f.completed / f.accepted).toBeGreaterThan(0.6);
      expect(f.jobOffered / f.completed).toBeGreaterThan(0.2);
      expect(f.jobOffered / f.completed).toBeLessThan(0.7);
      expect(f.offersAccepted / f.jobOffered).toBeGreaterThan(0.5);
      expect(f.hiredKnowledgeRate).toBeGreaterThan(0.3);
      expect(f.hiredKnowledgeRate).toBeLessThan(1);
    }
    const [c2024, c2025, c2026] = reports;
    const working = (report: typeof c2024, field: 'working12' | 'working24') =>
      report.items.map((item: Record<string, number | null>) => item[field]);
    // Some work in Kalundborg at 12 and 24 months; not everyone answers the follow-ups.
    expect(Math.max(...working(c2024, 'working24'))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...working(c2025, 'working12'))).toBeGreaterThanOrEqual(5);
    expect(c2024.totals.knowledgeRate24).toBeGreaterThan(0.2);
    expect(c2024.totals.knowledgeRate24).toBeLessThan(1);
    expect(c2025.totals.knowledgeRate12).toBeGreaterThan(0.2);
    expect(c2025.totals.knowledgeRate12).toBeLessThan(1);
    // The 2026 cohort finished in June: its first follow-up falls due at the end of December.
    expect(c2026.totals.known12).toBe(0);
    expect(c2026.totals.registered).toBeGreaterThan(c2024.totals.registered);
  });

  it('puts this year’s students in the 2027 cohort, also in a demo seeded before they had one', async () => {
    const db = app.get(DataSource);
    const token = await adminToken(app);
    const cohort2027 = async () =>
      (await as(app, token).get('/api/reports/pipeline?groupBy=school&cohort=2027').expect(200))
        .body;
    const report = await cohort2027();
    expect(report.totals.registered).toBe(120);
    expect(report.items).toHaveLength(4);
    const thisYear = `SELECT s.id FROM students s JOIN users u ON u.id = s.user_id
                      WHERE u.email ~ '^student[0-9]+@'`;
    await db.query(
      `UPDATE students SET expected_completion_year = NULL, expected_completion_month = NULL
       WHERE id IN (${thisYear})`,
    );
    expect((await cohort2027()).totals.registered).toBe(0);
    await new SeedService(db).seedDemo(TODAY);
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM students
       WHERE id IN (${thisYear}) AND expected_completion_year = 2027
         AND expected_completion_month = 6`,
    );
    expect(row.n).toBe(120);
    expect((await cohort2027()).totals.registered).toBe(120);
  });

  it('leaves a run record for each earlier round, as the worker does', async () => {
    const runs = await app.get(DataSource).query(
      `SELECT r.name, rr.seed = r.seed AS "roundSeed", rr.finished_at = r.matched_at AS "whenMatched",
              rr.engine_version AS engine, rr.input_hash ~ '^[0-9a-f]{64}$' AS hashed,
              rr.blocking_pairs AS "blockingPairs",
              rr.students = (SELECT count(*) FROM assignments a WHERE a.round_id = r.id) AS students,
              rr.matched = (SELECT count(*) FROM assignments a
                            WHERE a.round_id = r.id AND a.slot_id IS NOT NULL) AS matched,
              rr.slots = (SELECT count(*) FROM round_slots s WHERE s.round_id = r.id) AS slots,
              rr.proposals >= rr.matched AS proposals
       FROM rounds r JOIN round_runs rr ON rr.round_id = r.id
       WHERE r.name LIKE 'Matchrunde forår 202_' ORDER BY r.name`,
    );
    expect(runs).toEqual(
      [2024, 2025, 2026].map((year) => ({
        name: `Matchrunde forår ${year}`,
        roundSeed: true,
        whenMatched: true,
        engine: ENGINE_VERSION,
        hashed: true,
        blockingPairs: 0,
        students: true,
        matched: true,
        slots: true,
        proposals: true,
      })),
    );
  });

  it('stores follow-up answers only of consenting students, and declares hiring needs', async () => {
    const db = app.get(DataSource);
    const [row] = await db.query(
      `SELECT (SELECT count(*)::int FROM follow_ups f JOIN follow_up_consents c
                USING (student_id) WHERE NOT c.consented) AS "withoutConsent",
              (SELECT count(*)::int FROM follow_ups WHERE answered_at IS NOT NULL) AS answered,
              (SELECT count(*)::int FROM follow_ups WHERE answered_at IS NULL) AS unanswered,
              (SELECT count(DISTINCT year)::int FROM hiring_needs) AS "needYears"`,
    );
    expect(row.withoutConsent).toBe(0);
    expect(row.answered).toBeGreaterThan(row.unanswered);
    expect(row.unanswered).toBeGreaterThan(0);
    expect(row.needYears).toBeGreaterThanOrEqual(3);
    const token = await adminToken(app);
    const { body } = await as(app, token).get('/api/reports/supply-demand?year=2025').expect(200);
    expect(body.totals.hiringNeeds).toBeGreaterThan(0);
    expect(body.totals.finishing).toBeGreaterThan(0);
    expect(body.totals.placed).toBeGreaterThan(0);
  });
});

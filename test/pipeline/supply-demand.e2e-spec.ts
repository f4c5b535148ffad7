import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

interface Row {
  programme: { id: string };
  hiringNeeds: number;
  finishing: number | null;
  placed: number | null;
  gap: number | null;
}

describe('supply and demand per programme', () => {
  let app: INestApplication;
  let make: Factories;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
  });

  afterAll(() => app.close());

  /**
   * A school with two programmes finishing in 2031: laborant 7 students (5 of them placed at
   * the host), operator 3 (1 placed); the host needs 10 laborants and 2 operators that year.
   */
  async function aCohort() {
    const school = await make.anOrganisation('school');
    const laborant = await make.aProgramme(school.id, 'Laborant');
    const operator = await make.aProgramme(school.id, 'Procesoperatør');
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host, { capacity: 20 });
    const place = async (programme: { id: string }, count: number, placed: number) => {
      for (let i = 0; i < count; i++) {
        const student = await make.aStudent(school, programme, { expectedCompletion: '2031-06' });
        if (i < placed) await make.aPlacement(student.studentId!, slot.id);
      }
    };
    await place(laborant, 7, 5);
    await place(operator, 3, 1);
    // Finishing another year: not counted in 2031.
    await make.aStudent(school, laborant, { expectedCompletion: '2032-01' });
    await as(app, reviewer.token)
      .put(`/api/organizations/${host.id}/hiring-needs`, {
        items: [
          { programmeId: laborant.id, year: 2031, count: 10 },
          { programmeId: operator.id, year: 2031, count: 2 },
        ],
      })
      .expect(200);
    return { school, laborant, operator, host, reviewer };
  }

  it("shows a coordinator their school's programmes, withholding counts of 1 to 4 and what reveals them", async () => {
    const { school, laborant, operator } = await aCohort();
    const coordinator = await make.aUser('coordinator', school);
    const { body } = await as(app, coordinator.token)
      .get('/api/reports/supply-demand?year=2031')
      .expect(200);
    expect(body.scope).toBe('school');
    const byProgramme = new Map<string, Row>(body.items.map((row: Row) => [row.programme.id, row]));
    expect([...byProgramme.keys()].sort()).toEqual([laborant.id, operator.id].sort());
    expect(byProgramme.get(laborant.id)).toMatchObject({
      hiringNeeds: 10,
      finishing: 7,
      placed: 5,
      gap: 3,
    });
    expect(byProgramme.get(operator.id)).toMatchObject({
      hiringNeeds: 2,
      finishing: null,
      placed: null,
      gap: null,
    });
    // 10 − 7 would give the operators' 3 finishers, 6 − 5 their 1 intern.
    expect(body.totals).toEqual({ hiringNeeds: 12, finishing: null, placed: null, gap: null });
    expect(body.suppressed).toEqual(
      expect.arrayContaining([
        { programmeId: operator.id, field: 'finishing' },
        { programmeId: operator.id, field: 'placed' },
        { programmeId: operator.id, field: 'gap' },
        { programmeId: null, field: 'finishing' },
        { programmeId: null, field: 'placed' },
      ]),
    );

    const csv = await as(app, coordinator.token)
      .get('/api/reports/supply-demand?year=2031&format=csv')
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('year,school,programme,hiringNeeds,finishing,placed,gap');
    expect(lines).toContain(`2031,${school.name},Laborant,10,7,5,3`);
    expect(lines).toContain(`2031,${school.name},Procesoperatør,2,<5,<5,`);
    expect(lines).toContain('2031,,Total,12,withheld,withheld,');
  });

  it("shows a reviewer their organisation's needs and interns beside the finishers", async () => {
    const { laborant, reviewer } = await aCohort();
    const { body } = await as(app, reviewer.token)
      .get('/api/reports/supply-demand?year=2031')
      .expect(200);
    expect(body.scope).toBe('organisation');
    const row = body.items.find((item: Row) => item.programme.id === laborant.id);
    expect(row).toMatchObject({ hiringNeeds: 10, finishing: 7, placed: 5 });

    // Another host sees none of these needs or interns.
    const other = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const theirs = await as(app, other.token).get('/api/reports/supply-demand?year=2031');
    expect(theirs.body.items.find((item: Row) => item.programme.id === laborant.id)).toMatchObject({
      hiringNeeds: 0,
      finishing: 7,
      placed: 0,
    });
  });

  it('gives admins the alliance, refuses students, and answers bad input with 400', async () => {
    const { school, laborant } = await aCohort();
    const admin = await make.aUser('admin');
    const { body } = await as(app, admin.token)
      .get('/api/reports/supply-demand?year=2031')
      .expect(200);
    expect(body.scope).toBe('alliance');
    expect(body.items.find((item: Row) => item.programme.id === laborant.id)).toMatchObject({
      finishing: 7,
    });
    const student = await make.aStudent(school, laborant);
    await as(app, student.token).get('/api/reports/supply-demand?year=2031').expect(403);
    await request(app.getHttpServer()).get('/api/reports/supply-demand?year=2031').expect(401);
    for (const query of ['', '?year=1999', '?year=2101', '?year=20x1', '?year=2031&format=xml']) {
      await as(app, admin.token).get(`/api/reports/supply-demand${query}`).expect(400);
    }
  });
});

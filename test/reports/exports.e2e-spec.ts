import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { binary, sheetRows, XLSX } from '../support/files';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

describe('lists and reports as CSV and Excel files', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  /** A school whose laborants (7, 5 placed) show and whose operators (3, 1 placed) are withheld. */
  async function aCohort() {
    const school = await make.anOrganisation('school');
    const laborant = await make.aProgramme(school.id, 'Laborant');
    const operator = await make.aProgramme(school.id, 'Procesoperatør');
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 20 });
    const students = [];
    for (const [programme, count, placed] of [
      [laborant, 7, 5],
      [operator, 3, 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const student = await make.aStudent(school, programme, { expectedCompletion: '2031-06' });
        if (i < placed) await make.aPlacement(student.studentId!, slot.id);
        students.push(student);
      }
    }
    const coordinator = await make.aUser('coordinator', school);
    return { school, host, students, coordinator };
  }

  it('gives the supply-demand report as xlsx with the same figures and the same withheld counts', async () => {
    const { coordinator } = await aCohort();
    const url = '/api/reports/supply-demand?year=2031';
    const { body } = await as(app, coordinator.token).get(url).expect(200);
    const file = await as(app, coordinator.token)
      .get(`${url}&format=xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', XLSX)
      .expect(
        'Content-Disposition',
        `attachment; filename="supply-demand-2031.xlsx"; filename*=UTF-8''supply-demand-2031.xlsx`,
      );
    const rows = await sheetRows(file.body as Buffer);
    expect(rows[0]).toEqual([
      'year',
      'school',
      'programme',
      'hiringNeeds',
      'finishing',
      'placed',
      'gap',
    ]);
    type Item = {
      school: { name: string };
      programme: { name: string };
      hiringNeeds: number;
      finishing: number | null;
      placed: number | null;
      gap: number | null;
    };
    const expected = (body.items as Item[]).map((item) => [
      2031,
      item.school.name,
      item.programme.name,
      item.hiringNeeds,
      item.finishing ?? '<5',
      item.placed ?? '<5',
      item.gap,
    ]);
    // The totals are withheld because a cell is; they may be large, so not "<5".
    expected.push([2031, '', 'Total', body.totals.hiringNeeds, 'withheld', 'withheld', null]);
    expect(rows.slice(1).map((row) => [...row, ...Array(7 - row.length).fill(null)])).toEqual(
      expected,
    );
    // The operators' 3 finishers and 1 intern are withheld in the file as on the screen.
    expect(rows.find((row) => row[2] === 'Procesoperatør')).toEqual([
      2031,
      expect.any(String),
      'Procesoperatør',
      0,
      '<5',
      '<5',
    ]);
    expect(rows.flat()).not.toContain(3);
  });

  it("keeps the CSV of the supply-demand report and adds the school transitions' file", async () => {
    const { coordinator, school } = await aCohort();
    const csv = await as(app, coordinator.token)
      .get('/api/reports/supply-demand?year=2031&format=csv')
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    expect(csv.text.trim().split('\n')).toContain(`2031,${school.name},Procesoperatør,0,<5,<5,`);
    const moves = await as(app, coordinator.token)
      .get('/api/reports/school-transitions?year=2031&format=csv')
      .expect(200)
      .expect(
        'Content-Disposition',
        `attachment; filename="school-transitions-2031.csv"; filename*=UTF-8''school-transitions-2031.csv`,
      );
    expect(moves.text).toBe('year,fromSchool,toSchool,count\n2031,Total,,0\n');
  });

  it('gives the student list as CSV and xlsx, every student named in the access log', async () => {
    const { coordinator, students } = await aCohort();
    const { body } = await as(app, coordinator.token).get('/api/students?pageSize=100').expect(200);
    expect(body.items).toHaveLength(students.length);
    const file = await as(app, coordinator.token)
      .get('/api/students?format=xlsx&pageSize=2')
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect(
        'Content-Disposition',
        `attachment; filename="students.xlsx"; filename*=UTF-8''students.xlsx`,
      );
    const rows = await sheetRows(file.body as Buffer);
    expect(rows[0].slice(0, 4)).toEqual(['fullName', 'email', 'school', 'programme']);
    // The whole list, not the page asked for, in the screen's order.
    type Item = {
      fullName: string;
      email: string;
      school: { name: string };
      programme: { name: string };
    };
    expect(rows.slice(1).map((row) => row.slice(0, 4))).toEqual(
      (body.items as Item[]).map((s) => [s.fullName, s.email, s.school.name, s.programme.name]),
    );
    const [logged] = await db.query(
      `SELECT student_ids, fields, action FROM access_log
        WHERE actor_id = $1 AND purpose = 'GET /api/students?format=xlsx'`,
      [coordinator.id],
    );
    expect([...logged.student_ids].sort()).toEqual(students.map((s) => s.studentId).sort());
    expect(logged.fields).toEqual(expect.arrayContaining(['fullName', 'email', 'birthDate']));

    const csv = await as(app, coordinator.token).get('/api/students?format=csv').expect(200);
    const lines = csv.text.trim().split('\n');
    expect(lines).toHaveLength(students.length + 1);
    expect(lines[0]).toMatch(/^fullName,email,school,programme,birthDate,/);
  });

  it('writes a name that a spreadsheet would run as a formula as text', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id, 'Laborant');
    await make.aStudent(school, programme, { fullName: '=HYPERLINK("http://x.example","Klik")' });
    const coordinator = await make.aUser('coordinator', school);
    const csv = await as(app, coordinator.token).get('/api/students?format=csv').expect(200);
    expect(csv.text.split('\n')[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x\.example"",""Klik""\)",/);
  });

  it('gives the placement report and the demand in the same figures as their JSON', async () => {
    const { host, students, coordinator } = await aCohort();
    const slot = await make.aSlot(host, { title: 'Fermentering', capacity: 2 });
    const round = await make.anOpenRound([{ id: slot.id, seats: 2 }]);
    await db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
      [round.id, students[9].studentId, slot.id],
    );
    const admin = await make.aUser('admin');
    const url = `/api/reports/placements?groupBy=programme&roundId=${round.id}`;
    const { body } = await as(app, coordinator.token).get(url).expect(200);
    const file = await as(app, coordinator.token)
      .get(`${url}&format=xlsx`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = await sheetRows(file.body as Buffer);
    expect(rows[0].slice(0, 4)).toEqual(['round', 'programme', 'students', 'notTakingPart']);
    type Figures = { name: string; students: number; notTakingPart: number; ranked: number };
    expect(rows.slice(1).map((row) => row.slice(1, 5))).toEqual(
      (body.items as Figures[]).map((g) => [g.name, g.students, g.notTakingPart, g.ranked]),
    );
    expect(rows[1][0]).toBe(round.name);

    const demand = await as(app, admin.token)
      .get(`/api/rounds/${round.id}/demand?format=csv`)
      .expect(200);
    expect(demand.text.split('\n')[0]).toBe(
      'slot,seats,applicants,rank1,rank2,rank3,rank4,rank5,rank6,rank7,rank8,rank9,rank10',
    );
    expect(demand.text.split('\n')[1]).toBe('Fermentering,2,1,1,0,0,0,0,0,0,0,0,0');
    // A reviewer sees 1 applicant withheld, and no ranks before the window closes.
    const reviewer = await make.aUser('reviewer', host);
    const withheld = await as(app, reviewer.token)
      .get(`/api/rounds/${round.id}/demand?format=csv`)
      .expect(200);
    expect(withheld.text.split('\n')[1]).toBe('Fermentering,2,<5,,,,,,,,,,');
  });

  it('refuses a format it does not know, and the files to roles the list refuses', async () => {
    const { coordinator, host } = await aCohort();
    const reviewer = await make.aUser('reviewer', host);
    const otherSchool = await make.anOrganisation('school');
    const student = await make.aStudent(otherSchool, await make.aProgramme(otherSchool.id));
    await as(app, coordinator.token).get('/api/students?format=pdf').expect(400);
    await as(app, reviewer.token).get('/api/students?format=xlsx').expect(403);
    await as(app, student.token)
      .get('/api/reports/supply-demand?year=2031&format=xlsx')
      .expect(403);
    await as(app, reviewer.token)
      .get('/api/reports/school-transitions?year=2031&format=csv')
      .expect(403);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM access_log WHERE actor_id = $1`,
      [reviewer.id],
    );
    expect(n).toBe(0);
  });
});

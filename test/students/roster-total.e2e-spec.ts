import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

/**
 * A coordinator's student list takes its total from a count the database keeps (school_rosters);
 * here every way the roster can change is checked against counting the students themselves.
 */
describe("a school's student total", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  async function aSchool() {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id, 'Laborant');
    const coordinator = await make.aUser('coordinator', school);
    return { school, programme, coordinator };
  }

  async function expectTotalsAgree(
    school: { id: string },
    coordinator: { token: string },
    expected: number,
  ) {
    const [{ live }] = await db.query(
      `SELECT count(*)::int AS live FROM students WHERE school_id = $1 AND user_id IS NOT NULL`,
      [school.id],
    );
    const listed = await as(app, coordinator.token).get('/api/students?pageSize=100').expect(200);
    expect(live).toBe(expected);
    expect(listed.body.total).toBe(expected);
    expect(listed.body.items).toHaveLength(expected);
  }

  it('follows creation, import, erasure, deletion and a move to another school', async () => {
    const { school, programme, coordinator } = await aSchool();
    const other = await aSchool();
    await expectTotalsAgree(school, coordinator, 0);

    const first = await make.aStudent(school, programme);
    await make.aStudent(school, programme);
    await as(app, coordinator.token)
      .post('/api/students')
      .send({
        email: `roster-${Date.now()}@test.example`,
        fullName: 'Freja Nielsen',
        programmeId: programme.id,
        birthDate: '2008-05-17',
        languages: ['da'],
        availableFrom: '2027-02-01',
        availableTo: '2027-06-30',
      })
      .expect(201);
    await expectTotalsAgree(school, coordinator, 3);

    const stamp = Date.now();
    const csv = [
      'name,email,programme,birthDate,languages,availableFrom,availableTo',
      `Anna Holm,anna-${stamp}@test.example,laborant,2008-05-17,da,2027-02-01,2027-06-30`,
      `Bo Jensen,bo-${stamp}@test.example,laborant,2008-05-17,da,2027-02-01,2027-06-30`,
    ].join('\n');
    await as(app, coordinator.token)
      .post('/api/students/import')
      .attach('file', Buffer.from(csv), 'roster.csv')
      .expect(201);
    await expectTotalsAgree(school, coordinator, 5);

    await as(app, coordinator.token).delete(`/api/students/${first.studentId}`).expect(204);
    await expectTotalsAgree(school, coordinator, 4);

    const moved = await make.aStudent(school, programme);
    await expectTotalsAgree(school, coordinator, 5);
    await db.query(`UPDATE students SET school_id = $2, programme_id = $3 WHERE id = $1`, [
      moved.studentId,
      other.school.id,
      other.programme.id,
    ]);
    await expectTotalsAgree(school, coordinator, 4);
    await expectTotalsAgree(other.school, other.coordinator, 1);

    // Deleted outright (never listed, so no access record holds it back).
    const unlisted = await make.aStudent(other.school, other.programme);
    await db.query(`DELETE FROM users WHERE id = $1`, [unlisted.id]);
    await expectTotalsAgree(other.school, other.coordinator, 1);
  });

  it('gives the total with an empty page past the end', async () => {
    const { school, programme, coordinator } = await aSchool();
    await make.aStudent(school, programme);
    const page = await as(app, coordinator.token).get('/api/students?page=5').expect(200);
    expect(page.body).toMatchObject({ items: [], total: 1, page: 5 });
  });
});

import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

describe("a student's expected completion", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  it('is set by the school, in the profile and the roster CSV, and refused when malformed', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const [{ code }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [programme.id]);
    const coordinator = await make.aUser('coordinator', school);
    const student = await make.aStudent(school, programme);
    const path = `/api/students/${student.studentId}`;

    const changed = await as(app, coordinator.token)
      .patch(path, { expectedCompletion: '2028-06' })
      .expect(200);
    expect(changed.body.expectedCompletion).toBe('2028-06');
    for (const bad of ['2028-13', '2028-6', '1999-01', '2028', 'juni 2028', 202806]) {
      await as(app, coordinator.token).patch(path, { expectedCompletion: bad }).expect(400);
    }
    expect((await as(app, student.token).get(path).expect(200)).body.expectedCompletion).toBe(
      '2028-06',
    );
    // The student cannot change what the school states.
    await as(app, student.token).patch(path, { expectedCompletion: '2030-01' }).expect(400);
    await as(app, coordinator.token).patch(path, { expectedCompletion: null }).expect(200);
    const [row] = await db.query(
      `SELECT expected_completion_year AS y, expected_completion_month AS m FROM students WHERE id = $1`,
      [student.studentId],
    );
    expect(row).toEqual({ y: null, m: null });

    const upload = (csv: string) =>
      request(app.getHttpServer())
        .post('/api/students/import')
        .set('Authorization', `Bearer ${coordinator.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv');
    const header = 'name,email,programme,birthDate,availableFrom,availableTo,expectedCompletion';
    const line = (email: string, completion: string) =>
      `Elev,${email},${code},2008-01-01,2027-02-01,2027-06-30,${completion}`;
    const refused = await upload(
      `${header}\n${line(`ok-${Date.now()}@test.example`, '2029-06')}\n${line(`bad-${Date.now()}@test.example`, '2029-00')}\n`,
    ).expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'expectedCompletion' }),
    ]);
    const imported = await upload(
      `${header}\n${line(`in-${Date.now()}@test.example`, '2029-06')}\n`,
    ).expect(201);
    expect(imported.body.created[0].expectedCompletion).toBe('2029-06');
  });

  it('keeps year and month together in the database', async () => {
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    await expect(
      db.query(`UPDATE students SET expected_completion_year = 2028 WHERE id = $1`, [
        student.studentId,
      ]),
    ).rejects.toThrow(/check/);
    await expect(
      db.query(
        `UPDATE students SET expected_completion_year = 2028, expected_completion_month = 13 WHERE id = $1`,
        [student.studentId],
      ),
    ).rejects.toThrow(/check/);
  });
});

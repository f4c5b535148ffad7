import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

describe('hiring needs', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  async function anEmployerWithReviewer() {
    const employer = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', employer);
    const school = await make.anOrganisation('school');
    const laborant = await make.aProgramme(school.id, 'Laborant');
    const operator = await make.aProgramme(school.id, 'Procesoperatør');
    return { employer, reviewer, school, laborant, operator };
  }

  const stored = async (organisationId: string) =>
    db.query(
      `SELECT programme_id AS "programmeId", year, count FROM hiring_needs
       WHERE organisation_id = $1 ORDER BY year, count`,
      [organisationId],
    );

  it('lets a reviewer state and replace their organisation’s needs, and read them back', async () => {
    const { employer, reviewer, laborant, operator } = await anEmployerWithReviewer();
    const path = `/api/organizations/${employer.id}/hiring-needs`;
    await as(app, reviewer.token)
      .put(path, {
        items: [
          { programmeId: laborant.id, year: 2027, count: 4 },
          { programmeId: operator.id, year: 2028, count: 12 },
        ],
      })
      .expect(200);
    const first = await as(app, reviewer.token).get(path).expect(200);
    expect(first.body.items).toEqual([
      expect.objectContaining({
        programmeId: laborant.id,
        programmeName: 'Laborant',
        year: 2027,
        count: 4,
      }),
      expect.objectContaining({ programmeId: operator.id, year: 2028, count: 12 }),
    ]);

    // A replacement leaves out what is no longer a need.
    const second = await as(app, reviewer.token)
      .put(path, { items: [{ programmeId: operator.id, year: 2028, count: 9 }] })
      .expect(200);
    expect(second.body.items).toEqual([expect.objectContaining({ year: 2028, count: 9 })]);
    expect(await stored(employer.id)).toEqual([{ programmeId: operator.id, year: 2028, count: 9 }]);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { employer, reviewer, laborant } = await anEmployerWithReviewer();
    const path = `/api/organizations/${employer.id}/hiring-needs`;
    const before = [{ programmeId: laborant.id, year: 2027, count: 3 }];
    await as(app, reviewer.token).put(path, { items: before }).expect(200);
    const bad: [string, object][] = [
      ['negative count', { items: [{ programmeId: laborant.id, year: 2027, count: -1 }] }],
      ['count too large', { items: [{ programmeId: laborant.id, year: 2027, count: 100_001 }] }],
      ['year out of range', { items: [{ programmeId: laborant.id, year: 1999, count: 1 }] }],
      ['fractional count', { items: [{ programmeId: laborant.id, year: 2027, count: 1.5 }] }],
      [
        'unknown programme',
        { items: [{ programmeId: '00000000-0000-4000-8000-000000000000', year: 2027, count: 1 }] },
      ],
      ['not a uuid', { items: [{ programmeId: 'laborant', year: 2027, count: 1 }] }],
      [
        'repeated programme and year',
        {
          items: [
            { programmeId: laborant.id, year: 2028, count: 1 },
            { programmeId: laborant.id, year: 2028, count: 2 },
          ],
        },
      ],
      ['unknown field', { items: [{ programmeId: laborant.id, year: 2027, count: 1, note: 'x' }] }],
      ['no items', {}],
      [
        'too many items',
        {
          items: Array.from({ length: 1001 }, (_, i) => ({
            programmeId: laborant.id,
            year: 2000 + (i % 100),
            count: 1,
          })),
        },
      ],
    ];
    for (const [why, body] of bad) {
      const response = await as(app, reviewer.token).put(path, body);
      expect({ why, status: response.status }).toEqual({ why, status: 400 });
    }
    expect(await stored(employer.id)).toEqual(before);
  });

  it('is for the organisation’s reviewers and admins; a school has no hiring needs', async () => {
    const { employer, school, laborant } = await anEmployerWithReviewer();
    const path = `/api/organizations/${employer.id}/hiring-needs`;
    const body = { items: [{ programmeId: laborant.id, year: 2027, count: 2 }] };
    const other = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const coordinator = await make.aUser('coordinator', school);
    const admin = await make.aUser('admin');
    await as(app, other.token).get(path).expect(403);
    await as(app, other.token).put(path, body).expect(403);
    await as(app, coordinator.token).get(path).expect(403);
    await request(app.getHttpServer()).get(path).expect(401);
    await as(app, admin.token).put(path, body).expect(200);
    expect(await stored(employer.id)).toHaveLength(1);
    await as(app, admin.token).get(`/api/organizations/${school.id}/hiring-needs`).expect(404);
  });

  it('imports needs from CSV, all rows or none, listing every bad row', async () => {
    const { employer, reviewer, school, laborant, operator } = await anEmployerWithReviewer();
    const [{ code: laborantCode }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [
      laborant.id,
    ]);
    const [{ code: operatorCode }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [
      operator.id,
    ]);
    const upload = (csv: string) =>
      request(app.getHttpServer())
        .post(`/api/organizations/${employer.id}/hiring-needs/import`)
        .set('Authorization', `Bearer ${reviewer.token}`)
        .attach('file', Buffer.from(csv), 'needs.csv');

    const refused = await upload(
      `programme,year,count\n${laborantCode},2027,3\nnope,2027,1\n${operatorCode},20x7,2\n${laborantCode},2027,5\n`,
    ).expect(400);
    const problems = refused.body.errors.map(
      (e: { row: number; field: string }) => `${e.row} ${e.field}`,
    );
    expect([...new Set(problems)]).toEqual(['2 programme', '3 year', '4 year']);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ row: 4, message: 'programme and year are repeated from row 1' }),
    );
    expect(await stored(employer.id)).toEqual([]);

    const imported = await upload(
      `programme,year,count\n${laborantCode},2027,3\n${operatorCode},2028,7\n`,
    ).expect(201);
    expect(imported.body.items).toHaveLength(2);
    // A second file sets the years it names and leaves the others.
    await upload(`programme,year,count\n${laborantCode},2027,6\n`).expect(201);
    expect(await stored(employer.id)).toEqual([
      { programmeId: laborant.id, year: 2027, count: 6 },
      { programmeId: operator.id, year: 2028, count: 7 },
    ]);
    // A programme may be named as the screens show it, in any case; a name two schools share
    // names neither.
    const shown = await make.aProgramme(
      school.id,
      `Laboratorie- og fødevareteknolog ${Date.now()}`,
    );
    await upload(`programme,year,count\n"  ${shown.name.toUpperCase()} ",2029,2\n`).expect(201);
    expect(await stored(employer.id)).toContainEqual({
      programmeId: shown.id,
      year: 2029,
      count: 2,
    });
    await make.aProgramme((await make.anOrganisation('school')).id, 'Laborant');
    const shared = await upload(`programme,year,count\nLaborant,2029,1\n`).expect(400);
    expect(shared.body.errors).toContainEqual(
      expect.objectContaining({ row: 1, field: 'programme' }),
    );
  });

  it('keeps the rules in the database too', async () => {
    const { employer, laborant, school } = await anEmployerWithReviewer();
    const insert = (organisationId: string, kind: string, year: number, count: number) =>
      db.query(
        `INSERT INTO hiring_needs (organisation_id, organisation_kind, programme_id, year, count)
         VALUES ($1, $2, $3, $4, $5)`,
        [organisationId, kind, laborant.id, year, count],
      );
    await expect(insert(employer.id, 'employer', 2027, -1)).rejects.toThrow(/check/);
    await expect(insert(employer.id, 'employer', 1990, 1)).rejects.toThrow(/check/);
    await expect(insert(school.id, 'school', 2027, 1)).rejects.toThrow(/check/);
    await expect(insert(school.id, 'employer', 2027, 1)).rejects.toThrow(/foreign key/);
    await insert(employer.id, 'employer', 2027, 1);
    await expect(insert(employer.id, 'employer', 2027, 2)).rejects.toThrow(/duplicate key/);
  });
});

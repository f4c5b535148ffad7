import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

describe('GET /api/programmes', () => {
  let app: INestApplication;
  let make: Factories;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
  });

  afterAll(() => app.close());

  async function aSchoolWithProgrammes(names: string[]) {
    const school = await make.anOrganisation('school');
    const programmes = [];
    for (const name of names) programmes.push(await make.aProgramme(school.id, name));
    return { school, programmes };
  }

  it("lists a school's programmes by name, with code, level and school, to a reviewer", async () => {
    const { school, programmes } = await aSchoolWithProgrammes(['Procesoperatør', 'Laborant']);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const response = await as(app, reviewer.token)
      .get(`/api/programmes?schoolId=${school.id}`)
      .expect(200);
    expect(response.body).toEqual({
      items: [programmes[1], programmes[0]].map((p) => ({
        id: p.id,
        code: expect.stringMatching(/^p-/),
        name: p.name,
        level: 'vocational',
        school: { id: school.id, name: school.name },
      })),
      total: 2,
      page: 1,
      pageSize: 20,
    });
  });

  it('lists every school’s programmes to every role, page by page without overlap', async () => {
    await aSchoolWithProgrammes(['A', 'B', 'C']);
    const [{ total }] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS total FROM programmes`);
    for (const role of ['student', 'coordinator', 'admin'] as const) {
      const school = role === 'admin' ? null : await make.anOrganisation('school');
      const token =
        role === 'student'
          ? (await make.aStudent(school!, await make.aProgramme(school!.id))).token
          : (await make.aUser(role, school)).token;
      const first = await as(app, token).get('/api/programmes?pageSize=2').expect(200);
      const second = await as(app, token).get('/api/programmes?pageSize=2&page=2').expect(200);
      expect(first.body.total).toBeGreaterThanOrEqual(total);
      const ids = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id);
      expect(new Set(ids).size).toBe(4);
    }
  });

  it('lists nothing for an id that names no school', async () => {
    const host = await make.anOrganisation('employer');
    const admin = await make.aUser('admin');
    const response = await as(app, admin.token)
      .get(`/api/programmes?schoolId=${host.id}`)
      .expect(200);
    expect(response.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a caller who is not signed in', async () => {
    await request(app.getHttpServer()).get('/api/programmes').expect(401);
  });

  it.each([
    ['a schoolId that is not a UUID', '?schoolId=absalon', /schoolId must be a UUID/],
    ['a page size above 100', '?pageSize=101', /pageSize must not be greater than 100/],
    ['a page below 1', '?page=0', /page must not be less than 1/],
    ['an unknown parameter', '?level=higher', /property level should not exist/],
  ])('rejects %s with 400 naming the field', async (_case, query, message) => {
    const admin = await make.aUser('admin');
    const response = await as(app, admin.token).get(`/api/programmes${query}`).expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });
});

import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

type Client = ReturnType<typeof as>;

/**
 * GET /api/rounds/:id/students: while the window is open, a coordinator sees which of the
 * school's students have ranked slots, and how many, so they can follow up before the match.
 */
describe('GET /api/rounds/:id/students', () => {
  let app: INestApplication;
  let make: Factories;
  let admin: Client;
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    admin = as(app, (await make.aUser('admin')).token);
    w = await world();
  });

  afterAll(() => app.close());

  /** A school of three students (Anna ranks two slots, Bo one, Cy none) in an open round. */
  async function world() {
    const school = await make.anOrganisation('school');
    const otherSchool = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slotA = await make.aSlot(host);
    const slotB = await make.aSlot(host);
    const anna = await make.aStudent(school, programme, { fullName: 'Anna Aabye' });
    const bo = await make.aStudent(school, programme, { fullName: 'Bo Berg' });
    const cy = await make.aStudent(school, programme, { fullName: 'Cy Carlsen' });
    const outsider = await make.aStudent(otherSchool, await make.aProgramme(otherSchool.id));
    const { id: roundId } = await make.anOpenRound([slotA, slotB]);
    const rank = (student: { token: string }, slotIds: string[]) =>
      as(app, student.token).put(`/api/rounds/${roundId}/preferences`, { slotIds }).expect(200);
    await rank(anna, [slotA.id, slotB.id]);
    await rank(bo, [slotB.id]);
    await rank(outsider, [slotA.id]);
    const coordinator = as(app, (await make.aUser('coordinator', school)).token);
    return { school, programme, otherSchool, roundId, anna, bo, cy, outsider, coordinator, slotA };
  }

  it("shows a coordinator each of the school's students as ranked or not, by name", async () => {
    const response = await w.coordinator.get(`/api/rounds/${w.roundId}/students`).expect(200);
    expect(response.body).toEqual({
      items: [
        { studentId: w.anna.studentId, rankedCount: 2, status: 'ranked', standing: 'waiting' },
        { studentId: w.bo.studentId, rankedCount: 1, status: 'ranked', standing: 'waiting' },
        {
          studentId: w.cy.studentId,
          rankedCount: 0,
          status: 'notRanked',
          standing: 'notTakingPart',
        },
      ],
      total: 3,
      page: 1,
      pageSize: 20,
    });
    // Counts only: nothing says which slots were ranked.
    expect(JSON.stringify(response.body)).not.toContain(w.slotA.id);
  });

  it('filters by status and pages, with the total of the filtered list', async () => {
    const url = `/api/rounds/${w.roundId}/students`;
    const ranked = await w.coordinator.get(`${url}?status=ranked&pageSize=1`).expect(200);
    expect(ranked.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(ranked.body.items).toEqual([
      { studentId: w.anna.studentId, rankedCount: 2, status: 'ranked', standing: 'waiting' },
    ]);
    const second = await w.coordinator.get(`${url}?status=ranked&pageSize=1&page=2`).expect(200);
    expect(second.body.items.map((i: { studentId: string }) => i.studentId)).toEqual([
      w.bo.studentId,
    ]);
    const beyond = await w.coordinator.get(`${url}?status=ranked&page=9`).expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 2 });
    const notRanked = await w.coordinator.get(`${url}?status=notRanked`).expect(200);
    expect(notRanked.body).toMatchObject({
      items: [{ studentId: w.cy.studentId, rankedCount: 0, status: 'notRanked' }],
      total: 1,
    });
  });

  it('leaves out erased students, as the student list does', async () => {
    const dan = await make.aStudent(w.school, w.programme, { fullName: 'Dan Dahl' });
    const listed = async () =>
      (await w.coordinator.get(`/api/rounds/${w.roundId}/students`).expect(200)).body.items.map(
        (i: { studentId: string }) => i.studentId,
      );
    expect(await listed()).toContain(dan.studentId);
    await w.coordinator.delete(`/api/students/${dan.studentId}`).expect(204);
    expect(await listed()).toEqual([w.anna.studentId, w.bo.studentId, w.cy.studentId]);
  });

  it('shows admins any school, and every school without ?schoolId=', async () => {
    const other = await admin
      .get(`/api/rounds/${w.roundId}/students?schoolId=${w.otherSchool.id}`)
      .expect(200);
    expect(other.body).toMatchObject({
      items: [{ studentId: w.outsider.studentId, rankedCount: 1, status: 'ranked' }],
      total: 1,
    });
    const all = await admin.get(`/api/rounds/${w.roundId}/students?status=ranked`).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
  });

  it("keeps another school's students from a coordinator", async () => {
    const response = await w.coordinator
      .get(`/api/rounds/${w.roundId}/students?schoolId=${w.otherSchool.id}`)
      .expect(400);
    expect(response.body.message).toMatch(/schoolId: coordinators see their own school only/);
    expect(JSON.stringify(response.body)).not.toContain(w.outsider.studentId);
  });

  it.each([
    ['student', 403],
    ['reviewer', 403],
  ] as const)('refuses a %s with %i', async (role, status) => {
    const token =
      role === 'student'
        ? w.anna.token
        : (await make.aUser('reviewer', await make.anOrganisation('employer'))).token;
    const response = await as(app, token).get(`/api/rounds/${w.roundId}/students`).expect(status);
    expect(JSON.stringify(response.body)).not.toContain(w.bo.studentId);
  });

  it('answers 401 without a token and 404 for a round that does not exist', async () => {
    await request(app.getHttpServer()).get(`/api/rounds/${w.roundId}/students`).expect(401);
    const missing = await w.coordinator.get(`/api/rounds/${randomUUID()}/students`).expect(404);
    expect(missing.body.message).toMatch(/Round .* not found/);
  });

  it.each([
    ['an unknown status', '?status=placed', /status must be one of/],
    ['a schoolId that is not a UUID', '?schoolId=next', /schoolId must be a UUID/],
    ['a page size above 100', '?pageSize=500', /pageSize must not be greater than 100/],
    ['an unknown parameter', '?programmeId=x', /property programmeId should not exist/],
  ])('rejects %s with 400 naming the field', async (_case, query, message) => {
    const response = await w.coordinator
      .get(`/api/rounds/${w.roundId}/students${query}`)
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });
});

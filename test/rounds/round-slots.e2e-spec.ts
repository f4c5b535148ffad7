import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

type Client = ReturnType<typeof as>;

/**
 * GET /api/rounds/:id/slots: the slots a round took when it opened, which are the only ones a
 * student can rank in it. A slot posted after the round opened is listed by GET /api/slots but
 * not here.
 */
describe('GET /api/rounds/:id/slots', () => {
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

  async function world() {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const otherProgramme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const otherHost = await make.anOrganisation('public');
    const student = await make.aStudent(school, programme);
    const reviewer = as(app, (await make.aUser('reviewer', host)).token);
    const open = await make.aSlot(host, { title: `Open ${randomUUID()}`, capacity: 3 });
    const forOthers = await make.aSlot(host, { programmeIds: [otherProgramme.id] });
    const closedLater = await make.aSlot(host);
    const elsewhere = await make.aSlot(otherHost, { capacity: 2 });
    // The round took the slots open with free seats when it opened (see round-flow).
    const round = await make.anOpenRound([
      { id: open.id, seats: 3 },
      { id: forOthers.id },
      { id: closedLater.id },
      { id: elsewhere.id, seats: 2 },
    ]);
    const roundId = round.id;
    const late = await make.aSlot(host, { title: 'Posted after the round opened' });
    await reviewer.delete(`/api/slots/${closedLater.id}`).expect(200);
    return {
      school,
      host,
      student,
      reviewer,
      open,
      forOthers,
      closedLater,
      elsewhere,
      late,
      roundId,
    };
  }

  const ids = (body: { items: { id: string }[] }) => body.items.map((slot) => slot.id);
  const sorted = (slots: { id: string }[]) => slots.map((slot) => slot.id).sort();

  it('shows a student only the slots of the round they may rank, each with its seats', async () => {
    const student = as(app, w.student.token);
    const response = await student.get(`/api/rounds/${w.roundId}/slots`).expect(200);
    const listed: { id: string }[] = response.body.items;
    expect(ids(response.body).sort()).toEqual(sorted([w.open, w.elsewhere]));
    expect(response.body.total).toBe(2);
    expect(listed.find((slot) => slot.id === w.open.id)).toMatchObject({
      id: w.open.id,
      seats: 3,
      capacity: 3,
      organisation: { id: w.host.id, name: w.host.name },
      programmes: [],
      status: 'open',
      eligible: true,
    });

    // The slot posted later is open and eligible, but not part of the round: ranking it is a 409.
    const slots = await student.get(`/api/slots?pageSize=100&organisationId=${w.host.id}`);
    expect(ids(slots.body)).toContain(w.late.id);
    const refused = await student
      .put(`/api/rounds/${w.roundId}/preferences`, { slotIds: [w.late.id] })
      .expect(409);
    expect(refused.body.message).toMatch(/not part of this round/);
    await student.put(`/api/rounds/${w.roundId}/preferences`, { slotIds: [w.open.id] }).expect(200);
  });

  it("shows a reviewer their own organisation's slots in the round, closed ones too", async () => {
    const listed = await w.reviewer.get(`/api/rounds/${w.roundId}/slots?pageSize=100`).expect(200);
    expect(ids(listed.body).sort()).toEqual([w.open.id, w.forOthers.id, w.closedLater.id].sort());
    expect(listed.body.total).toBe(3);
    expect(listed.body.items.find((s: { id: string }) => s.id === w.closedLater.id)).toMatchObject({
      status: 'closed',
      seats: 1,
    });
  });

  it('shows coordinators the open slots of the round and admins all of them', async () => {
    const coordinator = as(app, (await make.aUser('coordinator', w.school)).token);
    const seenByCoordinator = await coordinator.get(`/api/rounds/${w.roundId}/slots`).expect(200);
    expect(ids(seenByCoordinator.body).sort()).toEqual(sorted([w.open, w.forOthers, w.elsewhere]));
    const seenByAdmin = await admin.get(`/api/rounds/${w.roundId}/slots`).expect(200);
    expect(ids(seenByAdmin.body).sort()).toEqual(
      sorted([w.open, w.forOthers, w.elsewhere, w.closedLater]),
    );
    expect(seenByAdmin.body.total).toBe(4);
  });

  it('pages without overlap and lists nothing for a round that has not opened', async () => {
    const first = await admin.get(`/api/rounds/${w.roundId}/slots?pageSize=2`).expect(200);
    const second = await admin.get(`/api/rounds/${w.roundId}/slots?pageSize=2&page=2`).expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(first.body.total).toBe(4);
    expect(new Set([...ids(first.body), ...ids(second.body)]).size).toBe(4);

    const draft = await admin
      .post('/api/rounds', { name: 'Kladde', preferencesCloseAt: new Date(Date.now() + 3600_000) })
      .expect(201);
    const listed = await as(app, w.student.token)
      .get(`/api/rounds/${draft.body.id}/slots`)
      .expect(200);
    expect(listed.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it('answers 404 for a round that does not exist and 401 without a token', async () => {
    const missing = await as(app, w.student.token)
      .get(`/api/rounds/${randomUUID()}/slots`)
      .expect(404);
    expect(missing.body.message).toMatch(/Round .* not found/);
    await request(app.getHttpServer()).get(`/api/rounds/${w.roundId}/slots`).expect(401);
  });

  it.each([
    ['a round id that is not a UUID', () => '/api/rounds/forår/slots', /uuid is expected/],
    ['a page size above 100', (id: string) => `/api/rounds/${id}/slots?pageSize=101`, /pageSize/],
    ['an unknown parameter', (id: string) => `/api/rounds/${id}/slots?status=open`, /status/],
  ])('rejects %s with 400', async (_case, url, message) => {
    const response = await as(app, w.student.token).get(url(w.roundId)).expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });
});

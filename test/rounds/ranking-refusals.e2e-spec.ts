import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

const APPLICANTS = 22;

/**
 * A host's ranking names applicants only: a list longer than the slot's applicants is refused
 * at once, and one naming others says how many they are and names at most 20 of them. Either
 * way the stored ranking stays as it was.
 */
describe('PUT /api/rounds/:id/slots/:slotId/ranking refusals', () => {
  let app: INestApplication;
  let url: string;
  let reviewer: ReturnType<typeof as>;
  let applicants: string[];
  let roundId: string;
  let slotId: string;

  beforeAll(async () => {
    app = await startApi();
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host);
    const round = await make.anOpenRound([slot]);
    [roundId, slotId] = [round.id, slot.id];
    applicants = [];
    for (let i = 0; i < APPLICANTS; i++) {
      applicants.push((await make.aStudent(school, programme)).studentId!);
    }
    await app.get(DataSource).query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank)
       SELECT $1, x.id, $2, 1 FROM unnest($3::uuid[]) AS x(id)`,
      [roundId, slotId, applicants],
    );
    reviewer = as(app, (await make.aUser('reviewer', host)).token);
    url = `/api/rounds/${roundId}/slots/${slotId}/ranking`;
    await reviewer.put(url, { studentIds: [applicants[1], applicants[0]] }).expect(200);
  });

  afterAll(() => app?.close());

  const stored = () =>
    app
      .get(DataSource)
      .query<{ student_id: string }[]>(
        `SELECT student_id FROM rankings WHERE round_id = $1 AND slot_id = $2 ORDER BY rank`,
        [roundId, slotId],
      )
      .then((rows) => rows.map((row) => row.student_id));

  it('counts the ids that are not applicants and names the first 20', async () => {
    const strangers = Array.from({ length: APPLICANTS - 1 }, () => randomUUID());
    const res = await reviewer.put(url, { studentIds: [applicants[2], ...strangers] }).expect(400);
    expect(res.body.message).toBe(
      `studentIds: 21 of the ids did not apply for this slot: ${strangers.slice(0, 20).join(', ')} and 1 more`,
    );
    expect(res.body.details).toEqual({ count: 21, studentIds: strangers.slice(0, 20) });
    expect(await stored()).toEqual([applicants[1], applicants[0]]);
  });

  it('names each one when there are few', async () => {
    const stranger = randomUUID();
    const res = await reviewer.put(url, { studentIds: [stranger, applicants[3]] }).expect(400);
    expect(res.body.message).toBe(
      `studentIds: 1 of the ids did not apply for this slot: ${stranger}`,
    );
    expect(res.body.details).toEqual({ count: 1, studentIds: [stranger] });
    expect(await stored()).toEqual([applicants[1], applicants[0]]);
  });

  it("refuses a list longer than the slot's applicants before looking at the ids", async () => {
    const res = await reviewer.put(url, { studentIds: [...applicants, randomUUID()] }).expect(400);
    expect(res.body.message).toBe(
      `studentIds: ${APPLICANTS + 1} ids, but the slot has ${APPLICANTS} applicants; a ranking lists applicants only`,
    );
    expect(res.body.details).toEqual({ count: APPLICANTS + 1, applicants: APPLICANTS });
    expect(await stored()).toEqual([applicants[1], applicants[0]]);
  });

  it('still takes a ranking of every applicant', async () => {
    const reversed = [...applicants].reverse();
    const res = await reviewer.put(url, { studentIds: reversed }).expect(200);
    expect(
      res.body.items.slice(0, APPLICANTS).map((a: { studentId: string }) => a.studentId),
    ).toEqual(reversed);
    expect(await stored()).toEqual(reversed);
  });
});

import { ROUND_STATUSES, RoundStatus } from '@app/database';
import { RANKABLE } from '@app/rounds';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

jest.setTimeout(120_000);

type Client = ReturnType<typeof as>;

/**
 * A host marks an applicant "not acceptable" for a slot while the round may be ranked; the run
 * through the real worker then never places them there, and the student is told only that the
 * slot could not take them. The mark is refused in every other state, on slots of another host,
 * for students who did not apply, and from roles that do not host; nothing changes then.
 */
describe('PUT/DELETE /api/rounds/:id/slots/:slotId/applicants/:studentId/not-acceptable', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let db: DataSource;
  let admin: Client;

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
    admin = as(app, (await make.aUser('admin')).token);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
  });

  const marks = async (roundId: string) =>
    (
      await db.query<{ student_id: string; slot_id: string }[]>(
        `SELECT student_id, slot_id FROM not_acceptable_applicants WHERE round_id = $1
          ORDER BY student_id, slot_id`,
        [roundId],
      )
    ).map((row) => `${row.student_id}:${row.slot_id}`);

  it('never places a marked student on the slot, and tells them neutrally', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = as(app, (await make.aUser('reviewer', host)).token);
    // Seats for everyone: without the mark, every student would get the first choice.
    const wanted = await make.aSlot(host, { capacity: 3, title: 'Wanted' });
    const backup = await make.aSlot(host, { capacity: 3, title: 'Backup' });
    const round = await make.anOpenRound([
      { id: wanted.id, seats: 3 },
      { id: backup.id, seats: 3 },
    ]);
    const minor = await make.aStudent(school, programme, {
      birthDate: '2010-03-01',
      availableFrom: '2027-02-01',
      availableTo: '2027-05-31',
    });
    const adult = await make.aStudent(school, programme);
    const onlyWanted = await make.aStudent(school, programme);
    for (const student of [minor, adult]) {
      await as(app, student.token)
        .put(`/api/rounds/${round.id}/preferences`, { slotIds: [wanted.id, backup.id] })
        .expect(200);
    }
    await as(app, onlyWanted.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [wanted.id] })
      .expect(200);
    // The host had ranked the minor first: the mark overrides it (the ranking is kept).
    await reviewer
      .put(`/api/rounds/${round.id}/slots/${wanted.id}/ranking`, {
        studentIds: [minor.studentId, adult.studentId],
      })
      .expect(200);

    const mark = (studentId: string) =>
      `/api/rounds/${round.id}/slots/${wanted.id}/applicants/${studentId}/not-acceptable`;
    const marked = await reviewer.put(mark(minor.studentId!)).expect(200);
    // Twice is the same as once.
    await reviewer.put(mark(minor.studentId!)).expect(200);
    const listed = marked.body.items as Record<string, unknown>[];
    const minorView = listed.find((a) => a.studentId === minor.studentId)!;
    expect(minorView).toMatchObject({
      notAcceptable: true,
      position: null,
      underEighteen: true,
      availableFrom: '2027-02-01',
      availableTo: '2027-05-31',
    });
    expect(minorView).not.toHaveProperty('birthDate');
    expect(JSON.stringify(marked.body)).not.toContain('2010-03-01');
    expect(listed.at(-1)!.studentId).toBe(minor.studentId);
    expect(listed.find((a) => a.studentId === adult.studentId)).toMatchObject({
      notAcceptable: false,
      position: 1,
      underEighteen: false,
    });

    // Still open to change while closed: one mark taken back, another made.
    await admin.post(`/api/rounds/${round.id}/close`).expect(200);
    await reviewer.put(mark(onlyWanted.studentId!)).expect(200);
    await reviewer.delete(mark(onlyWanted.studentId!)).expect(200);
    await reviewer.put(mark(onlyWanted.studentId!)).expect(200);
    const [logged] = await db.query(
      `SELECT fields FROM access_log WHERE purpose LIKE 'PUT %not-acceptable'
          AND student_ids @> ARRAY[$1::uuid] ORDER BY at DESC LIMIT 1`,
      [minor.studentId],
    );
    expect(logged.fields).toEqual(
      expect.arrayContaining(['availableFrom', 'availableTo', 'underEighteen']),
    );

    await admin.post(`/api/rounds/${round.id}/run`).expect(202);
    await eventually(async () => {
      const res = await admin.get(`/api/rounds/${round.id}`).expect(200);
      return res.body.status === 'matched' ? res.body : undefined;
    }, 60_000);

    const assignments = await db.query<
      { studentId: string; slotId: string | null; rank: number | null }[]
    >(
      `SELECT student_id AS "studentId", slot_id AS "slotId", student_rank AS rank
         FROM assignments WHERE round_id = $1`,
      [round.id],
    );
    const of = (studentId?: string | null) => assignments.find((a) => a.studentId === studentId);
    // The student's own rank of the slot they got, not a place in a shortened list.
    expect(of(minor.studentId)).toMatchObject({ slotId: backup.id, rank: 2 });
    expect(of(adult.studentId)).toMatchObject({ slotId: wanted.id, rank: 1 });
    // Took part, so the run records them, unplaced.
    expect(of(onlyWanted.studentId)).toMatchObject({ slotId: null, rank: null });
    const [order] = await db.query(
      `SELECT student_ids FROM slot_orders WHERE round_id = $1 AND slot_id = $2`,
      [round.id, wanted.id],
    );
    expect(order.student_ids).toEqual([adult.studentId]);

    // The run is done: marks are fixed.
    await reviewer.delete(mark(minor.studentId!)).expect(409);
    await admin.post(`/api/rounds/${round.id}/publish`).expect(200);
    const explanation = await as(app, minor.token)
      .get(`/api/rounds/${round.id}/explanation`)
      .expect(200);
    expect(explanation.body.assigned).toMatchObject({ slotId: backup.id, rank: 2 });
    expect(explanation.body.missed).toEqual([
      expect.objectContaining({
        slotId: wanted.id,
        reason: 'not_acceptable',
        yourPosition: null,
        message: 'This slot could not take you in this round',
      }),
    ]);
    const unplaced = await as(app, onlyWanted.token)
      .get(`/api/rounds/${round.id}/explanation`)
      .expect(200);
    expect(unplaced.body.assigned).toBeNull();
    expect(unplaced.body.missed).toEqual([
      expect.objectContaining({ slotId: wanted.id, reason: 'not_acceptable' }),
    ]);
    expect(JSON.stringify([explanation.body, unplaced.body])).not.toMatch(
      /accept your|rejected|refused/i,
    );
  });

  describe('refusals: 4xx, and nothing changes', () => {
    let roundId: string;
    let slotId: string;
    let applicant: string;
    let outsider: string;
    let reviewer: Client;
    const url = (student = applicant, slot = slotId, round = roundId) =>
      `/api/rounds/${round}/slots/${slot}/applicants/${student}/not-acceptable`;

    beforeAll(async () => {
      const school = await make.anOrganisation('school');
      const programme = await make.aProgramme(school.id);
      const host = await make.anOrganisation('employer');
      const slot = await make.aSlot(host);
      const round = await make.anOpenRound([{ id: slot.id }]);
      [roundId, slotId] = [round.id, slot.id];
      const student = await make.aStudent(school, programme);
      applicant = student.studentId!;
      outsider = (await make.aStudent(school, programme)).studentId!;
      await as(app, student.token)
        .put(`/api/rounds/${roundId}/preferences`, { slotIds: [slotId] })
        .expect(200);
      reviewer = as(app, (await make.aUser('reviewer', host)).token);
    });

    afterEach(async () => expect(await marks(roundId)).toEqual([]));

    it('refuses ids that are not uuids', async () => {
      for (const path of [url('nope'), url(applicant, 'nope'), url(applicant, slotId, '42')]) {
        const res = await reviewer.put(path).expect(400);
        expect(res.body.message).toMatch(/uuid/i);
        await reviewer.delete(path).expect(400);
      }
    });

    it('refuses a student who did not apply, an unknown slot and an unknown round', async () => {
      await reviewer.put(url(outsider)).expect(404);
      await reviewer.put(url(randomUUID())).expect(404);
      await reviewer.put(url(applicant, randomUUID())).expect(404);
      await reviewer.put(url(applicant, slotId, randomUUID())).expect(404);
    });

    it('refuses another host’s reviewer as if the slot did not exist', async () => {
      const other = as(
        app,
        (await make.aUser('reviewer', await make.anOrganisation('employer'))).token,
      );
      const res = await other.put(url()).expect(404);
      expect(JSON.stringify(res.body)).not.toContain(applicant);
    });

    it('refuses students and coordinators', async () => {
      const school = await make.anOrganisation('school');
      const coordinator = as(app, (await make.aUser('coordinator', school)).token);
      await coordinator.put(url()).expect(403);
      const student = as(
        app,
        (await make.aStudent(school, await make.aProgramme(school.id))).token,
      );
      await student.put(url()).expect(403);
    });

    it('refuses outside the ranking window, with the state', async () => {
      await db.query(`UPDATE rounds SET status = 'matching' WHERE id = $1`, [roundId]);
      try {
        const res = await reviewer.put(url()).expect(409);
        expect(res.body.message).toMatch(/matching/);
      } finally {
        await db.query(`UPDATE rounds SET status = 'open' WHERE id = $1`, [roundId]);
      }
    });

    it('is held by the database too: marks and rankings are written only in the ranking states', async () => {
      const written = async (status: RoundStatus): Promise<boolean> => {
        await db.query(`UPDATE rounds SET status = $2 WHERE id = $1`, [roundId, status]);
        try {
          await db.transaction(async (tx) => {
            await tx.query(
              `INSERT INTO not_acceptable_applicants (round_id, slot_id, student_id) VALUES ($1, $2, $3)`,
              [roundId, slotId, applicant],
            );
            await tx.query(
              `INSERT INTO rankings (round_id, slot_id, student_id, rank) VALUES ($1, $2, $3, 1)`,
              [roundId, slotId, applicant],
            );
            throw new Error('rolled back');
          });
        } catch (error) {
          if ((error as Error).message === 'rolled back') return true;
          expect((error as Error).message).toMatch(/only while it is open or closed/);
          return false;
        }
        throw new Error('unreachable');
      };
      try {
        for (const status of ROUND_STATUSES) {
          expect({ status, written: await written(status) }).toEqual({
            status,
            written: RANKABLE.includes(status),
          });
        }
      } finally {
        await db.query(`UPDATE rounds SET status = 'open' WHERE id = $1`, [roundId]);
      }
    });
  });
});

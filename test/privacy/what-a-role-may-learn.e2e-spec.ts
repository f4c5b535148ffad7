import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

/**
 * What docs/PRIVACY.md says a role may not learn, tried the way an outsider would: repeated
 * edits, calls before publication, counts beside a list of names, the lottery seed while
 * students rank, and address conflicts.
 */
describe('what a role may learn', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    worker = await startWorker();
    make = new Factories(app);
    db = app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await app.close();
  });

  async function market(students = 1) {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const admin = await make.aUser('admin');
    const slot = await make.aSlot(host, { minAge: 16, startsOn: '2027-03-01', capacity: 2 });
    const people = [];
    for (let i = 0; i < students; i++) {
      people.push(await make.aStudent(school, programme, { birthDate: '2010-11-20' }));
    }
    return { school, programme, host, reviewer, admin, slot, students: people };
  }

  async function runToMatched(roundId: string, admin: { token: string }) {
    const asAdmin = as(app, admin.token);
    const round = await asAdmin.get(`/api/rounds/${roundId}`).expect(200);
    if (round.body.status === 'open')
      await asAdmin.post(`/api/rounds/${roundId}/close`).expect(200);
    await asAdmin.post(`/api/rounds/${roundId}/run`).expect(202);
    await eventually(async () => {
      const now = await asAdmin.get(`/api/rounds/${roundId}`).expect(200);
      return now.body.status === 'matched' ? true : undefined;
    });
  }

  describe("an applicant's birth date", () => {
    it('cannot be narrowed down by editing the slot: the age check is fixed when the round opens', async () => {
      const m = await market();
      const [student] = m.students;
      const round = await make.anOpenRound([{ id: m.slot.id, seats: 2 }]);
      await as(app, student.token)
        .put(`/api/rounds/${round.id}/preferences`, { slotIds: [m.slot.id] })
        .expect(200);
      const reviewer = as(app, m.reviewer.token);
      const applicants = `/api/rounds/${round.id}/slots/${m.slot.id}/applicants`;
      const answer = async () =>
        (await reviewer.get(applicants).expect(200)).body.items[0].meetsMinimumAge as boolean;
      expect(await answer()).toBe(true); // 16 on 2027-03-01

      // While the round has not made its offers, the age terms cannot be edited at all…
      for (const change of [{ startsOn: '2026-12-01' }, { minAge: 17 }, { minAge: null }]) {
        const refused = await reviewer.patch(`/api/slots/${m.slot.id}`, change).expect(409);
        expect(refused.body.message).toMatch(/minAge and startsOn cannot change/);
      }
      await reviewer.patch(`/api/slots/${m.slot.id}`, { title: 'Ny titel' }).expect(200);
      await expect(
        db.query(`UPDATE slots SET starts_on = '2026-12-01' WHERE id = $1`, [m.slot.id]),
      ).rejects.toThrow(/minimum age and first day are fixed/);
      await expect(
        db.query(`UPDATE round_slots SET min_age = 18 WHERE round_id = $1`, [round.id]),
      ).rejects.toThrow(/age terms .* are fixed/);

      // …and after the offers, edits apply to later rounds only: a binary search over the first
      // day learns nothing new from this round's answer.
      await runToMatched(round.id, m.admin);
      await as(app, m.admin.token).post(`/api/rounds/${round.id}/publish`).expect(200);
      const seen = new Set<boolean>();
      let low = new Date('2026-11-20').getTime();
      let high = new Date('2027-11-20').getTime();
      for (let edit = 0; edit < 14; edit++) {
        const middle = new Date((low + high) / 2).toISOString().slice(0, 10);
        await reviewer
          .patch(`/api/slots/${m.slot.id}`, { startsOn: middle, minAge: 17, endsOn: '2028-04-30' })
          .expect(200);
        const meets = await answer();
        seen.add(meets);
        if (meets) high = new Date(middle).getTime();
        else low = new Date(middle).getTime();
      }
      expect([...seen]).toEqual([true]);
    }, 60_000);
  });

  describe("a student's ranks and the results", () => {
    it('are not shown to reviewers, and the results wait for publication', async () => {
      const m = await market(2);
      const other = await make.aSlot(m.host, { capacity: 1 });
      const round = await make.anOpenRound([{ id: m.slot.id, seats: 2 }, { id: other.id }]);
      const [first, second] = m.students;
      await as(app, first.token)
        .put(`/api/rounds/${round.id}/preferences`, { slotIds: [other.id, m.slot.id] })
        .expect(200);
      await as(app, second.token)
        .put(`/api/rounds/${round.id}/preferences`, { slotIds: [m.slot.id] })
        .expect(200);
      await runToMatched(round.id, m.admin);

      const coordinator = await make.aUser('coordinator', m.school);
      const admin = as(app, m.admin.token);
      // Matched, not published: the admins alone see the results.
      for (const user of [m.reviewer, coordinator, first]) {
        await as(app, user.token).get(`/api/rounds/${round.id}/results`).expect(409);
      }
      await as(app, first.token).get(`/api/rounds/${round.id}/explanation`).expect(409);
      const report = await as(app, coordinator.token)
        .get(`/api/reports/placements?groupBy=school&roundId=${round.id}`)
        .expect(200);
      expect(report.body.items[0]).toMatchObject({
        students: 2,
        ranked: 2,
        waiting: 2,
        matched: 0,
        unplaced: 0,
      });
      const early = await admin.get(`/api/rounds/${round.id}/results?pageSize=100`).expect(200);
      expect(early.body.items).toContainEqual({
        studentId: first.studentId,
        slotId: other.id,
        studentRank: 1,
      });

      await admin.post(`/api/rounds/${round.id}/publish`).expect(200);
      const hosts = await as(app, m.reviewer.token)
        .get(`/api/rounds/${round.id}/results?pageSize=100`)
        .expect(200);
      expect(hosts.body.items).toHaveLength(2);
      for (const item of hosts.body.items) expect(item).not.toHaveProperty('studentRank');
      const school = await as(app, coordinator.token)
        .get(`/api/rounds/${round.id}/results?pageSize=100`)
        .expect(200);
      for (const item of school.body.items) expect(item).not.toHaveProperty('studentRank');
      const own = await as(app, first.token).get(`/api/rounds/${round.id}/results`).expect(200);
      expect(own.body.items).toEqual([
        { studentId: first.studentId, slotId: other.id, studentRank: 1 },
      ]);
      await as(app, first.token).get(`/api/rounds/${round.id}/explanation`).expect(200);
    }, 60_000);

    it('cannot be read from the demand beside the applicant list, however often one looks', async () => {
      const m = await market(10);
      const second = await make.aSlot(m.host, { title: 'B' });
      const round = await make.anOpenRound([{ id: m.slot.id, seats: 2 }, { id: second.id }]);
      const reviewer = as(app, m.reviewer.token);
      const demandOf = async () =>
        (await reviewer.get(`/api/rounds/${round.id}/demand`).expect(200)).body.items.find(
          (d: { slotId: string }) => d.slotId === m.slot.id,
        );

      // While students rank, a newcomer to the list moves no figure but the head count, and
      // that only from five on.
      const seen: unknown[] = [];
      for (const [i, student] of m.students.entries()) {
        const slotIds = i % 2 === 0 ? [m.slot.id] : [second.id, m.slot.id];
        await as(app, student.token)
          .put(`/api/rounds/${round.id}/preferences`, { slotIds })
          .expect(200);
        const demand = await demandOf();
        expect(demand.byRank).toBeNull();
        seen.push(demand.applicants);
      }
      expect(seen).toEqual([null, null, null, null, 5, 6, 7, 8, 9, 10]);

      // After closing, the ranks as they stood then, small cells withheld.
      await as(app, m.admin.token).post(`/api/rounds/${round.id}/close`).expect(200);
      const atClose = [5, 5, ...Array(8).fill(null)];
      expect(await demandOf()).toMatchObject({ applicants: 10, byRank: atClose, suppressed: true });
      // An erasure after closing changes the list of names, never the counts beside it.
      await as(app, m.admin.token).delete(`/api/students/${m.students[0].studentId}`).expect(204);
      expect(await demandOf()).toMatchObject({ applicants: 9, byRank: atClose });
      const live = await as(app, m.admin.token).get(`/api/rounds/${round.id}/demand`).expect(200);
      expect(live.body.items.find((d: { slotId: string }) => d.slotId === m.slot.id)).toMatchObject(
        { applicants: 9, byRank: [4, 5, 0, 0, 0, 0, 0, 0, 0, 0], suppressed: false },
      );
    }, 60_000);

    it('withholds the one cell that would name every applicant', async () => {
      const m = await market(6);
      const round = await make.anOpenRound([{ id: m.slot.id, seats: 2 }]);
      for (const student of m.students) {
        await as(app, student.token)
          .put(`/api/rounds/${round.id}/preferences`, { slotIds: [m.slot.id] })
          .expect(200);
      }
      await as(app, m.admin.token).post(`/api/rounds/${round.id}/close`).expect(200);
      const demand = await as(app, m.reviewer.token).get(`/api/rounds/${round.id}/demand`);
      expect(demand.body.items[0]).toMatchObject({
        applicants: 6,
        byRank: Array(10).fill(null),
        suppressed: true,
      });
    }, 60_000);
  });

  describe('the lottery seed', () => {
    it('is committed to from the start, hidden from everyone until the run, then checkable', async () => {
      const m = await market(1);
      const admin = as(app, m.admin.token);
      await admin
        .post('/api/rounds', {
          name: 'Chosen seed',
          preferencesCloseAt: new Date(Date.now() + 3600_000),
          seed: 'my-lucky-number',
        })
        .expect(400);
      const created = await admin
        .post('/api/rounds', {
          name: 'Committed',
          preferencesCloseAt: new Date(Date.now() + 3600_000),
        })
        .expect(201);
      const roundId = created.body.id as string;
      const commitment = created.body.seedCommitment as string;
      expect(commitment).toMatch(/^[0-9a-f]{64}$/);
      expect(created.body.seed).toBeNull();
      await admin.post(`/api/rounds/${roundId}/open`).expect(200);
      await as(app, m.students[0].token)
        .put(`/api/rounds/${roundId}/preferences`, { slotIds: [m.slot.id] })
        .expect(200);

      for (const user of [m.admin, m.reviewer, m.students[0]]) {
        const seen = await as(app, user.token).get(`/api/rounds/${roundId}`).expect(200);
        expect(seen.body).toMatchObject({ seed: null, seedCommitment: commitment });
        const listed = await as(app, user.token).get('/api/rounds?pageSize=100').expect(200);
        const mine = listed.body.items.find((r: { id: string }) => r.id === roundId);
        expect(mine).toMatchObject({ seed: null, seedCommitment: commitment });
      }
      const before = await admin.get(`/api/rounds/${roundId}/instance`).expect(200);
      expect(before.body.lottery).toEqual({ seedCommitment: commitment, seed: null });

      // Fixed in the database: no script can swap it after seeing the preferences.
      await expect(
        db.query(`UPDATE rounds SET seed = 'chosen later' WHERE id = $1`, [roundId]),
      ).rejects.toThrow(/lottery seed of round .* is fixed/);
      await expect(
        db.query(`UPDATE rounds SET seed_commitment = 'x' WHERE id = $1`, [roundId]),
      ).rejects.toThrow(/can only be updated to DEFAULT/);

      await runToMatched(roundId, m.admin);
      const after = await as(app, m.reviewer.token).get(`/api/rounds/${roundId}`).expect(200);
      const seed = after.body.seed as string;
      expect(createHash('sha256').update(seed, 'utf8').digest('hex')).toBe(commitment);
      const instance = await admin.get(`/api/rounds/${roundId}/instance`).expect(200);
      expect(instance.body.lottery).toEqual({ seedCommitment: commitment, seed });
      const [run] = await db.query(
        `SELECT seed, seed_commitment FROM round_runs WHERE round_id = $1`,
        [roundId],
      );
      expect(run).toEqual({ seed, seed_commitment: commitment });
      await expect(
        db.query(`UPDATE round_runs SET seed = 'another' WHERE round_id = $1`, [roundId]),
      ).rejects.toThrow(/must use the round's seed/);
    }, 60_000);
  });

  describe('an address conflict', () => {
    it('tells a coordinator only that the address cannot be used, never whose it is', async () => {
      const m = await market(1);
      const coordinatorUser = await make.aUser('coordinator', m.school);
      const coordinator = as(app, coordinatorUser.token);
      const elsewhere = await make.anOrganisation('school');
      const strangers = [
        m.reviewer.email, // staff of a host
        (await make.aUser('admin')).email,
        (await make.aStudent(elsewhere, await make.aProgramme(elsewhere.id))).email,
        m.students[0].email, // the coordinator's own school
      ];
      const body = (email: string) => ({
        email,
        fullName: 'Ny Elev',
        programmeId: m.programme.id,
        birthDate: '2009-01-01',
        availableFrom: '2027-02-01',
        availableTo: '2027-06-30',
      });
      const answers = new Set<string>();
      for (const email of strangers) {
        const response = await coordinator.post('/api/students', body(email)).expect(409);
        const text = JSON.stringify(response.body);
        answers.add(text);
        for (const secret of [email, m.host.name, elsewhere.name, 'reviewer', 'admin', 'school'])
          expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
      }
      expect(answers.size).toBe(1);
      expect(JSON.parse([...answers][0]).message).toMatch(/this e-mail address cannot be used/);

      const [{ code }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [
        m.programme.id,
      ]);
      const csv = [
        'name,email,programme,birthDate,availableFrom,availableTo',
        ...strangers.map(
          (email, i) => `Elev ${i},${email},${code},2009-01-01,2027-02-01,2027-06-30`,
        ),
      ].join('\n');
      const imported = await request(app.getHttpServer())
        .post('/api/students/import')
        .set('Authorization', `Bearer ${coordinatorUser.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(400);
      const messages = new Set(
        imported.body.errors.map(
          (e: { field: string; message: string }) => `${e.field}:${e.message}`,
        ),
      );
      expect([...messages]).toEqual([
        'email:this e-mail address cannot be used; please use another',
      ]);
    }, 60_000);
  });
});

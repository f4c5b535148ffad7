import { AccessLogService } from '@app/access-log';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { asOwner } from '../support/owner-connection';
import { startApi } from '../support/test-app';
import { startWorker } from '../support/test-worker';

interface LogItem {
  at: string;
  studentId: string;
  actor: { id: string | null; role: string; organisation: { id: string } | null };
  action: string;
  purpose: string;
  fields: string[];
}

describe('the access log', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
    admin = as(app, (await make.aUser('admin')).token);
  });

  afterAll(() => app.close());

  async function aSchoolWithStudents(count: number) {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const coordinator = await make.aUser('coordinator', school);
    const students = [];
    for (let i = 0; i < count; i++) students.push(await make.aStudent(school, programme));
    return { school, programme, coordinator, students };
  }

  const logOf = async (student: { token: string }) =>
    (await as(app, student.token).get('/api/me/access-log?pageSize=100').expect(200)).body as {
      items: LogItem[];
      total: number;
    };

  it('shows a student who else read their profile, and not their own reads', async () => {
    const { coordinator, students, school } = await aSchoolWithStudents(1);
    const [student] = students;
    await as(app, student.token).get(`/api/students/${student.studentId}`).expect(200);
    await as(app, student.token).get('/api/me').expect(200);
    expect((await logOf(student)).total).toBe(0);

    await as(app, coordinator.token).get(`/api/students/${student.studentId}`).expect(200);
    await as(app, coordinator.token)
      .patch(`/api/students/${student.studentId}`, { motivation: 'Rettet af skolen' })
      .expect(200);
    const log = await logOf(student);
    expect(log.items).toEqual([
      // The change answers with the whole profile: a read as well.
      expect.objectContaining({
        action: 'read',
        purpose: 'PATCH /api/students/:id',
        fields: expect.arrayContaining(['fullName', 'birthDate', 'email']),
      }),
      expect.objectContaining({
        action: 'change',
        purpose: 'PATCH /api/students/:id',
        fields: ['motivation'],
        actor: {
          id: coordinator.id,
          role: 'coordinator',
          organisation: expect.objectContaining({ id: school.id }),
        },
      }),
      expect.objectContaining({
        action: 'read',
        purpose: 'GET /api/students/:id',
        fields: expect.arrayContaining(['fullName', 'birthDate', 'email']),
      }),
    ]);
  });

  it('records a list as one row naming every student shown', async () => {
    const { coordinator, students } = await aSchoolWithStudents(3);
    const page = await as(app, coordinator.token).get('/api/students?pageSize=2').expect(200);
    const rows: { student_ids: string[]; fields: string[] }[] = await db.query(
      `SELECT student_ids, fields FROM access_log WHERE actor_id = $1 AND purpose = 'GET /api/students'`,
      [coordinator.id],
    );
    expect(rows).toHaveLength(1);
    const shown = page.body.items.map((item: { id: string }) => item.id);
    expect([...rows[0].student_ids].sort()).toEqual([...shown].sort());
    expect(students.map((s) => s.studentId)).toEqual(expect.arrayContaining(rows[0].student_ids));
    // Each student sees the read in their own log, and nobody else's name with it.
    const [first] = (await logOf(students.find((s) => s.studentId === shown[0])!)).items;
    expect(first).toMatchObject({ studentId: shown[0], purpose: 'GET /api/students' });
  });

  it('gives admins one entry per student a row names, and refuses a row naming nobody real', async () => {
    const { coordinator } = await aSchoolWithStudents(3);
    await as(app, coordinator.token).get('/api/students?pageSize=3').expect(200);
    const search = await admin.get(`/api/admin/access-log?actorId=${coordinator.id}`).expect(200);
    expect(search.body.total).toBe(3);
    const named = search.body.items.map((item: LogItem) => item.studentId);
    expect(new Set(named).size).toBe(3);
    await expect(
      db.query(
        `INSERT INTO access_log (actor_id, actor_role, student_ids, action, purpose, fields)
         VALUES (gen_random_uuid(), 'admin', ARRAY[gen_random_uuid()], 'read', 'test', '{x}')`,
      ),
    ).rejects.toThrow(/does not exist/);
    await expect(
      db.query(
        `INSERT INTO access_log (actor_id, actor_role, student_ids, action, purpose, fields)
         VALUES (gen_random_uuid(), 'admin', '{}', 'read', 'test', '{x}')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('writes reads logged at the same moment in one statement, and fails only a bad one', async () => {
    const { coordinator, students } = await aSchoolWithStudents(2);
    const accessLog = app.get(AccessLogService);
    const [first, second] = students.map((student) => student.studentId!);
    const read = (studentId: string, purpose: string) =>
      accessLog.recordList(coordinator, purpose, [studentId], ['fullName']);
    const together = `batch ${Date.now()}`;
    await Promise.all(Array.from({ length: 20 }, () => read(first, together)));
    const rows: { at: Date }[] = await db.query(`SELECT at FROM access_log WHERE purpose = $1`, [
      together,
    ]);
    expect(rows).toHaveLength(20);
    // now() is the statement's moment: the first read went alone, the other nineteen with it.
    expect(new Set(rows.map((row) => row.at.getTime())).size).toBeLessThanOrEqual(2);

    const mixed = `mixed ${Date.now()}`;
    const results = await Promise.allSettled([
      read(first, mixed),
      read(second, mixed),
      read('00000000-0000-4000-8000-000000000000', mixed),
      read(second, mixed),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const written = await db.query(`SELECT 1 FROM access_log WHERE purpose = $1`, [mixed]);
    expect(written).toHaveLength(3);
  });

  it("logs a reviewer's applicant list with the fields it shows, for every applicant", async () => {
    const { students } = await aSchoolWithStudents(3);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host);
    const round = await admin
      .post('/api/rounds', { name: 'Log', preferencesCloseAt: new Date(Date.now() + 3600_000) })
      .expect(201);
    await admin.post(`/api/rounds/${round.body.id}/open`).expect(200);
    for (const student of students) {
      await as(app, student.token)
        .put(`/api/rounds/${round.body.id}/preferences`, { slotIds: [slot.id] })
        .expect(200);
    }
    await as(app, reviewer.token)
      .get(`/api/rounds/${round.body.id}/slots/${slot.id}/applicants`)
      .expect(200);
    for (const student of students) {
      const [entry] = (await logOf(student)).items;
      expect(entry).toMatchObject({
        action: 'read',
        purpose: 'GET /api/rounds/:id/slots/:slotId/applicants',
        actor: { id: reviewer.id, role: 'reviewer' },
      });
      expect(entry.fields).toContain('motivation');
      expect(entry.fields).not.toContain('birthDate');
    }
    // One round is open at a time: the next test opens its own.
    await admin.post(`/api/rounds/${round.body.id}/close`).expect(200);
  });

  it("records a round run's reads by the worker, for every student, with the job id", async () => {
    const worker = await startWorker();
    try {
      const { students } = await aSchoolWithStudents(2);
      const host = await make.anOrganisation('employer');
      const slot = await make.aSlot(host);
      const round = await admin
        .post('/api/rounds', {
          name: 'Run log',
          preferencesCloseAt: new Date(Date.now() + 3600_000),
        })
        .expect(201);
      const roundId: string = round.body.id;
      await admin.post(`/api/rounds/${roundId}/open`).expect(200);
      for (const student of students) {
        await as(app, student.token)
          .put(`/api/rounds/${roundId}/preferences`, { slotIds: [slot.id] })
          .expect(200);
      }
      await admin.post(`/api/rounds/${roundId}/close`).expect(200);
      await admin.post(`/api/rounds/${roundId}/run`).expect(202);
      await eventually(async () =>
        (await admin.get(`/api/rounds/${roundId}`)).body.status === 'matched' ? true : undefined,
      );
      for (const student of students) {
        const entries = (await logOf(student)).items;
        expect(entries).toContainEqual(
          expect.objectContaining({
            action: 'read',
            purpose: `job run-round round-run-${roundId}-1`,
            actor: { id: null, role: 'worker', organisation: null },
            fields: expect.arrayContaining(['skills', 'programme']),
          }),
        );
      }
    } finally {
      await worker.close();
    }
  }, 30_000);

  it('lets admins search by student, actor and period, newest first and paginated', async () => {
    const { coordinator, students } = await aSchoolWithStudents(1);
    const [student] = students;
    const before = new Date();
    for (let i = 0; i < 3; i++) {
      await as(app, coordinator.token).get(`/api/students/${student.studentId}`).expect(200);
    }
    const page = await admin
      .get(
        `/api/admin/access-log?studentId=${student.studentId}&actorId=${coordinator.id}&from=${before.toISOString()}&pageSize=2`,
      )
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    const times = page.body.items.map((item: LogItem) => Date.parse(item.at));
    expect(times[0]).toBeGreaterThanOrEqual(times[1]);
    const later = await admin
      .get(`/api/admin/access-log?studentId=${student.studentId}&to=${before.toISOString()}`)
      .expect(200);
    expect(later.body.total).toBe(0);
    await admin.get('/api/admin/access-log?from=yesterday').expect(400);
    await as(app, coordinator.token).get('/api/admin/access-log').expect(403);
    await as(app, coordinator.token).get('/api/me/access-log').expect(403);
  });

  it('cannot be rewritten, deleted or truncated, not even by the database owner', async () => {
    const { coordinator, students } = await aSchoolWithStudents(1);
    await as(app, coordinator.token).get(`/api/students/${students[0].studentId}`).expect(200);
    // The api's own connection (the runtime role) lacks the privilege...
    for (const statement of [
      `UPDATE access_log SET purpose = 'nothing'`,
      `DELETE FROM access_log`,
      `TRUNCATE access_log`,
    ]) {
      await expect(db.query(statement)).rejects.toThrow(/permission denied for table access_log/);
    }
    // ...and the owner, who has it, meets the append-only triggers.
    await asOwner(async (owner) => {
      await expect(owner.query(`UPDATE access_log SET purpose = 'nothing'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE access_log`)).rejects.toThrow(/append-only/);
    });
    await expect(
      db.query(`DELETE FROM students WHERE id = $1`, [students[0].studentId]),
    ).rejects.toThrow(/access_log/);
  });
});

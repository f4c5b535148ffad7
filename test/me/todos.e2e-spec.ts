import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StatementCounter } from '../reliability/harness/statement-counter';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

interface Todo {
  kind: string;
  count: number;
  dueAt: string | null;
  round: { id: string; name: string } | null;
  link: string;
}

describe("each role's start page: GET /api/me/todos", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  const todos = async (token: string): Promise<Todo[]> =>
    (await as(app, token).get('/api/me/todos').expect(200)).body.items;

  const rank = (roundId: string, studentId: string, slotId: string) =>
    db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
      [roundId, studentId, slotId],
    );

  /** A school with `size` students, a host with a slot, and a round open for ranking. */
  async function aRound(size: number) {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const students = [];
    for (let i = 0; i < size; i++) students.push(await make.aStudent(school, programme));
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 3 });
    // One round's window is open at a time: the one of an earlier case closes.
    await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
    const round = await make.anOpenRound([{ id: slot.id, seats: 3 }]);
    return { school, programme, students, host, slot, round };
  }

  it('tells a coordinator how many students have not ranked, and whose guardian must consent', async () => {
    const { school, students, slot, round } = await aRound(3);
    const coordinator = await make.aUser('coordinator', school);
    await rank(round.id, students[0].studentId!, slot.id);
    const placement = await make.aPlacement(students[1].studentId!, slot.id);
    await db.query(
      `UPDATE placements SET status = 'awaiting_guardian', needs_guardian_consent = true WHERE id = $1`,
      [placement.id],
    );
    const items = await todos(coordinator.token);
    expect(items).toContainEqual({
      kind: 'studentsNotRanked',
      count: 2,
      dueAt: expect.any(String),
      round: { id: round.id, name: round.name },
      link: '/students',
    });
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'guardianConsents', count: 1, link: '/students' }),
    );
    // The same count as the round's list of who has not ranked.
    const list = await as(app, coordinator.token)
      .get(`/api/rounds/${round.id}/students?status=notRanked`)
      .expect(200);
    expect(list.body.total).toBe(2);
  });

  it('tells a reviewer of slots with applicants to rank and interns to confirm, and forgets them once done', async () => {
    const { students, host, slot, round } = await aRound(2);
    const reviewer = await make.aUser('reviewer', host);
    expect(await todos(reviewer.token)).toEqual([]);
    await rank(round.id, students[0].studentId!, slot.id);
    await rank(round.id, students[1].studentId!, slot.id);
    await make.aPlacement(students[1].studentId!, await make.aSlot(host).then((s) => s.id));
    expect(await todos(reviewer.token)).toEqual([
      expect.objectContaining({
        kind: 'rankApplicants',
        count: 1,
        round: { id: round.id, name: round.name },
        link: '/applicants',
      }),
      expect.objectContaining({ kind: 'confirmInterns', count: 1, link: '/interns' }),
    ]);
    await as(app, reviewer.token)
      .put(`/api/rounds/${round.id}/slots/${slot.id}/ranking`, {
        studentIds: [students[1].studentId, students[0].studentId],
      })
      .expect(200);
    expect((await todos(reviewer.token)).map((t) => t.kind)).toEqual(['confirmInterns']);
  });

  it('tells a student to rank before the window closes and to answer an offer before its deadline', async () => {
    const { students, slot, round } = await aRound(1);
    const [student] = students;
    const [{ closesAt }] = await db.query(
      `SELECT preferences_close_at AS "closesAt" FROM rounds WHERE id = $1`,
      [round.id],
    );
    expect(await todos(student.token)).toContainEqual({
      kind: 'rankSlots',
      count: 1,
      dueAt: closesAt.toISOString(),
      round: { id: round.id, name: round.name },
      link: '/ranking',
    });
    await rank(round.id, student.studentId!, slot.id);
    const forRound = (items: Todo[]) => items.filter((t) => t.round?.id === round.id);
    expect(forRound(await todos(student.token))).toEqual([]);

    const placement = await make.aPlacement(student.studentId!, slot.id);
    await db.query(`UPDATE placements SET status = 'offered', answered_at = NULL WHERE id = $1`, [
      placement.id,
    ]);
    const [{ deadline }] = await db.query(
      `SELECT deadline_at AS deadline FROM placements WHERE id = $1`,
      [placement.id],
    );
    expect(await todos(student.token)).toContainEqual(
      expect.objectContaining({
        kind: 'answerOffer',
        count: 1,
        dueAt: deadline.toISOString(),
        link: '/overview',
      }),
    );
  });

  it('tells an admin which rounds wait for their run or their offers, and of failed notifications', async () => {
    const admin = await make.aUser('admin');
    const { round } = await aRound(0);
    await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [round.id]);
    const matched = await aRound(0);
    await db.query(`UPDATE rounds SET status = 'matched' WHERE id = $1`, [matched.round.id]);
    await db.query(
      `INSERT INTO outbox (event, channel, recipient_user_id, dedupe_key, status, attempts, last_error)
       VALUES ('round.opened', 'email', $1, $2, 'failed', 5, '550 mailbox unavailable')`,
      [admin.id, `todos ${admin.id}`],
    );
    const items = await todos(admin.token);
    expect(items).toContainEqual(
      expect.objectContaining({ kind: 'runRound', round: { id: round.id, name: round.name } }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'publishRound',
        round: { id: matched.round.id, name: matched.round.name },
        link: '/rounds',
      }),
    );
    const failed = items.find((t) => t.kind === 'failedNotifications');
    const { body } = await as(app, admin.token).get('/api/admin/notifications/failed').expect(200);
    expect(failed).toMatchObject({ count: body.total, link: '/failed-notifications' });
    expect(body.total).toBeGreaterThan(0);
  });

  it('counts in the same statements for 2 students as for 20', async () => {
    const counter = new StatementCounter(db);
    try {
      const measure = async (size: number) => {
        const { school } = await aRound(size);
        const coordinator = await make.aUser('coordinator', school);
        await todos(coordinator.token);
        let items: Todo[] = [];
        const statements = await counter.during(async () => {
          items = await todos(coordinator.token);
        });
        return { statements, count: items[0]?.count };
      };
      const small = await measure(2);
      const large = await measure(20);
      expect(small.count).toBe(2);
      expect(large.count).toBe(20);
      expect(large.statements).toBe(small.statements);
      expect(small.statements).toBeLessThanOrEqual(3);
    } finally {
      counter.restore();
    }
  });
});

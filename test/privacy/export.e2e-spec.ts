import { EXPORT_SECTIONS } from '@app/privacy';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

describe('exporting a student’s data', () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  it('declares a section for every table that refers to a student or a user', async () => {
    const tables: { name: string }[] = await db.query(
      `SELECT c.conrelid::regclass::text AS name FROM pg_constraint c
       WHERE c.contype = 'f' AND c.confrelid IN ('students'::regclass, 'users'::regclass)
       UNION
       SELECT table_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN ('student_id', 'student_ids', 'user_id', 'recipient_user_id')
       UNION SELECT 'students' UNION SELECT 'users'`,
    );
    const missing = tables.map((t) => t.name).filter((name) => !(name in EXPORT_SECTIONS));
    expect(missing).toEqual([]);
  });

  it('gives the student everything held about them, without secrets, and logs an admin’s export', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const student = await make.aStudent(school, programme, { fullName: 'Ea Eksport' });
    await db.query(
      `INSERT INTO invitations (user_id, token_hash, expires_at)
       VALUES ($1, repeat('ab', 32), now() + interval '1 day')`,
      [student.id],
    );
    const coordinator = await make.aUser('coordinator', school);
    await as(app, coordinator.token).get(`/api/students/${student.studentId}`).expect(200);

    const own = await as(app, student.token)
      .get(`/api/students/${student.studentId}/export`)
      .expect(200);
    const sections = own.body.sections;
    expect(Object.keys(sections).sort()).toEqual(
      Object.values(EXPORT_SECTIONS)
        .map((s) => s.section)
        .sort(),
    );
    expect(sections.profile).toMatchObject({ fullName: 'Ea Eksport', birthDate: '2004-05-17' });
    expect(sections.account).toMatchObject({ email: student.email, role: 'student' });
    expect(sections.invitations).toHaveLength(1);
    expect(sections.accessLog).toEqual([
      expect.objectContaining({ actorRole: 'coordinator', action: 'read' }),
    ]);
    const text = JSON.stringify(own.body);
    expect(text).not.toMatch(/argon2|abababab|passwordHash|tokenHash/i);

    const admin = await make.aUser('admin');
    await as(app, admin.token).get(`/api/students/${student.studentId}/export`).expect(200);
    const [logged] = await db.query(
      `SELECT action, fields FROM access_log WHERE student_ids @> ARRAY[$1::uuid] AND actor_id = $2`,
      [student.studentId, admin.id],
    );
    expect(logged).toMatchObject({ action: 'export', fields: expect.arrayContaining(['profile']) });
  });

  it('lists the hosts’ not-acceptable marks, naming the host and not the reviewer', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const student = await make.aStudent(school, programme);
    const host = await make.anOrganisation('employer');
    const reviewer = await make.aUser('reviewer', host);
    const slot = await make.aSlot(host, { title: 'Markeret plads' });
    const round = await make.anOpenRound([{ id: slot.id }]);
    await as(app, student.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slot.id] })
      .expect(200);
    await as(app, reviewer.token)
      .put(
        `/api/rounds/${round.id}/slots/${slot.id}/applicants/${student.studentId}/not-acceptable`,
      )
      .expect(200);
    const own = await as(app, student.token)
      .get(`/api/students/${student.studentId}/export`)
      .expect(200);
    expect(own.body.sections.notAcceptable).toEqual([
      {
        roundId: round.id,
        slotId: slot.id,
        slotTitle: 'Markeret plads',
        host: host.name,
        markedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(own.body.sections.notAcceptable)).not.toContain(reviewer.email);
  });

  it('is for the student and admins only', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const student = await make.aStudent(school, programme);
    const other = await make.aStudent(school, programme);
    const coordinator = await make.aUser('coordinator', school);
    await as(app, other.token).get(`/api/students/${student.studentId}/export`).expect(404);
    await as(app, coordinator.token).get(`/api/students/${student.studentId}/export`).expect(403);
  });
});

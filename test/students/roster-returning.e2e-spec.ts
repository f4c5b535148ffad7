import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { startApi } from '../support/test-app';

const HEADER =
  'name,email,programme,birthDate,availableFrom,availableTo,languages,expectedCompletion';

/**
 * Next year's roster: rows of students the school already has (by e-mail) update them, a
 * preview says what the import would do without writing, and the file is still all or nothing.
 */
describe("next year's roster with returning students", () => {
  let app: INestApplication;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    db = app.get(DataSource);
  });

  afterAll(() => app.close());

  async function aSchool() {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id, `Laborant ${Date.now()}`);
    const next = await make.aProgramme(school.id, `Procesoperatør ${Date.now()}`);
    const [{ code }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [programme.id]);
    const [{ code: nextCode }] = await db.query(`SELECT code FROM programmes WHERE id = $1`, [
      next.id,
    ]);
    const coordinator = await make.aUser('coordinator', school);
    return { school, programme, next, code, nextCode, coordinator };
  }

  const upload = (token: string, url: string, csv: string) =>
    as(app, token)
      .post(url)
      .attach('file', Buffer.from([HEADER, ...csv.split('\n')].join('\n')), 'roster.csv');

  /** What the database holds: the school's students, their profiles and the invitations. */
  const snapshot = async (schoolId: string) =>
    db.query(
      `SELECT s.id, s.full_name, s.programme_id, s.birth_date::text, s.languages,
              s.available_from::text, s.available_to::text, s.expected_completion_year,
              s.updated_at, (SELECT count(*)::int FROM invitations i WHERE i.user_id = s.user_id)
                AS invitations
         FROM students s WHERE s.school_id = $1 ORDER BY s.id`,
      [schoolId],
    );

  it('previews new, changed and unchanged rows without writing, then imports them', async () => {
    const { school, programme, next, code, nextCode, coordinator } = await aSchool();
    const stays = await make.aStudent(school, programme, {
      fullName: 'Sofie Same',
      birthDate: '2006-01-02',
      availableFrom: '2027-02-01',
      availableTo: '2027-06-30',
      expectedCompletion: '2028-06',
    });
    const moves = await make.aStudent(school, programme, {
      fullName: 'Mads Moves',
      birthDate: '2006-03-04',
      availableFrom: '2026-02-01',
      availableTo: '2026-06-30',
    });
    const stamp = Date.now();
    const csv = [
      `Sofie Same,${stays.email.toUpperCase()},${code},2006-01-02,2027-02-01,2027-06-30,,`,
      `Mads Moves,${moves.email},${nextCode},2006-03-04,2027-08-01,2027-12-20,da,2029-01`,
      `Nora New,nora-${stamp}@test.example,${code},2007-05-06,2027-02-01,2027-06-30,da;en,`,
    ].join('\n');
    const before = await snapshot(school.id);

    const preview = await upload(coordinator.token, '/api/students/import/preview', csv).expect(
      200,
    );
    expect(preview.body).toEqual({
      created: [{ row: 3, email: `nora-${stamp}@test.example`, fullName: 'Nora New' }],
      updated: [
        {
          row: 2,
          email: moves.email,
          fullName: 'Mads Moves',
          studentId: moves.studentId,
          fields: [
            'programmeId',
            'languages',
            'availableFrom',
            'availableTo',
            'expectedCompletion',
          ],
        },
      ],
      unchanged: [
        { row: 1, email: stays.email, fullName: 'Sofie Same', studentId: stays.studentId },
      ],
    });
    expect(await snapshot(school.id)).toEqual(before);
    const [{ logged }] = await db.query(
      `SELECT count(*)::int AS logged FROM access_log
        WHERE purpose = 'POST /api/students/import/preview' AND actor_id = $1
          AND $2 = ANY(student_ids) AND $3 = ANY(student_ids)`,
      [coordinator.id, moves.studentId, stays.studentId],
    );
    expect(logged).toBe(1);

    const imported = await upload(coordinator.token, '/api/students/import', csv).expect(201);
    expect(imported.body.created).toEqual([
      expect.objectContaining({ fullName: 'Nora New', invitationToken: expect.any(String) }),
    ]);
    expect(imported.body.updated).toEqual([
      expect.objectContaining({
        id: moves.studentId,
        programme: { id: next.id, name: next.name },
        availableFrom: '2027-08-01',
        availableTo: '2027-12-20',
        expectedCompletion: '2029-01',
        languages: ['da'],
      }),
    ]);
    expect(imported.body.unchanged).toBe(1);
    const after = await snapshot(school.id);
    expect(after).toHaveLength(3);
    // Empty cells (languages, expected completion) leave the profile as it was.
    const staysAfter = after.find((row: { id: string }) => row.id === stays.studentId);
    expect(staysAfter).toEqual(before.find((row: { id: string }) => row.id === stays.studentId));
    // Returning students keep their account: no new invitation.
    const movesAfter = after.find((row: { id: string }) => row.id === moves.studentId);
    expect(movesAfter.invitations).toBe(0);
  });

  it('refuses the whole file for one bad row, and for an e-mail of another school', async () => {
    const { school, programme, code, coordinator } = await aSchool();
    const returning = await make.aStudent(school, programme, { fullName: 'Rasmus Returning' });
    const other = await aSchool();
    const elsewhere = await make.aStudent(other.school, other.programme);
    const staff = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const stamp = Date.now();
    const before = await snapshot(school.id);

    const badRow = [
      `Rasmus Renamed,${returning.email},${code},2004-05-17,2027-02-01,2027-06-30,,`,
      `Bad Dates,bad-${stamp}@test.example,${code},2007-05-06,2027-06-30,2027-02-01,,`,
    ].join('\n');
    for (const url of ['/api/students/import/preview', '/api/students/import']) {
      const refused = await upload(coordinator.token, url, badRow).expect(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ row: 2, field: 'availableTo' }),
      ]);
    }

    const foreign = [
      `Rasmus Renamed,${returning.email},${code},2004-05-17,2027-02-01,2027-06-30,,`,
      `Elsewhere,${elsewhere.email},${code},2007-05-06,2027-02-01,2027-06-30,,`,
      `Staff,${staff.email},${code},2007-05-06,2027-02-01,2027-06-30,,`,
    ].join('\n');
    for (const url of ['/api/students/import/preview', '/api/students/import']) {
      const refused = await upload(coordinator.token, url, foreign).expect(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ row: 2, field: 'email', code: 'account.email_taken' }),
        expect.objectContaining({ row: 3, field: 'email', code: 'account.email_taken' }),
      ]);
    }
    expect(await snapshot(school.id)).toEqual(before);
    expect(await snapshot(other.school.id)).toHaveLength(1);
  });

  it('lets an admin preview a school’s roster and refuses students and reviewers', async () => {
    const { school, code } = await aSchool();
    const admin = await make.aUser('admin');
    const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const csv = `Alma Admin,alma-${Date.now()}@test.example,${code},2007-05-06,2027-02-01,2027-06-30,,`;
    const preview = await upload(
      admin.token,
      `/api/students/import/preview?schoolId=${school.id}`,
      csv,
    ).expect(200);
    expect(preview.body.created).toHaveLength(1);
    await upload(reviewer.token, '/api/students/import/preview', csv).expect(403);
    expect(await snapshot(school.id)).toEqual([]);
  });
});

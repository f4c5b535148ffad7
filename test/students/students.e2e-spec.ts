import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

let sequence = 0;
const aStudentBody = (programmeId: string, fields: Record<string, unknown> = {}) => ({
  email: `new-${Date.now()}-${sequence++}@test.example`,
  fullName: 'Freja Nielsen',
  programmeId,
  birthDate: '2008-05-17',
  languages: ['da', 'en'],
  availableFrom: '2027-02-01',
  availableTo: '2027-06-30',
  ...fields,
});

describe('students', () => {
  let app: INestApplication;
  let make: Factories;
  let school: { id: string; kind: string };
  let programme: { id: string; name: string };
  let coordinator: { token: string };
  let admin: { token: string };

  const http = () => request(app.getHttpServer());
  const studentsOf = async (schoolId: string) =>
    Number(
      (
        await app
          .get(DataSource)
          .query(`SELECT count(*) AS n FROM users WHERE organisation_id = $1`, [schoolId])
      )[0].n,
    );

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    school = await make.anOrganisation('school');
    programme = await make.aProgramme(school.id);
    coordinator = await make.aUser('coordinator', school);
    admin = await make.aUser('admin');
  });

  afterAll(() => app.close());

  it('creates a student in the coordinator’s school, whose invitation sets a password', async () => {
    const body = aStudentBody(programme.id, { email: `Freja-${sequence++}@Test.example` });
    const created = await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({
      email: body.email.toLowerCase(),
      fullName: 'Freja Nielsen',
      school: { id: school.id },
      programme: { id: programme.id },
      activated: false,
    });
    expect(created.body.invitationToken).toEqual(expect.any(String));

    await http()
      .post('/api/auth/accept-invitation')
      .send({ token: created.body.invitationToken, password: 'short' })
      .expect(400);
    await http()
      .post('/api/auth/accept-invitation')
      .send({ token: created.body.invitationToken, password: 'a good long password' })
      .expect(204);
    const reused = await http()
      .post('/api/auth/accept-invitation')
      .send({ token: created.body.invitationToken, password: 'a good long password' })
      .expect(400);
    const unknown = await http()
      .post('/api/auth/accept-invitation')
      .send({ token: 'nonsense', password: 'a good long password' })
      .expect(400);
    expect(unknown.body.message).toBe(reused.body.message);

    const login = await http()
      .post('/api/auth/login')
      .send({ email: body.email, password: 'a good long password' })
      .expect(200);
    const me = await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body.student).toMatchObject({ id: created.body.id, birthDate: '2008-05-17' });
  });

  it('refuses an expired invitation with the same message', async () => {
    const created = await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .send(aStudentBody(programme.id))
      .expect(201);
    await app.get(DataSource).query(
      `UPDATE invitations SET created_at = now() - interval '20 days', expires_at = now() - interval '1 day'
          WHERE user_id = $1`,
      [created.body.userId],
    );
    const response = await http()
      .post('/api/auth/accept-invitation')
      .send({ token: created.body.invitationToken, password: 'a good long password' })
      .expect(400);
    expect(response.body.message).toMatch(/invalid, already used or expired/);
  });

  it('answers 409 for an e-mail that is taken and stores nothing', async () => {
    const existing = await make.aStudent(school, programme);
    const before = await studentsOf(school.id);
    await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .send(aStudentBody(programme.id, { email: existing.email }))
      .expect(409);
    expect(await studentsOf(school.id)).toBe(before);
  });

  it('makes an admin name a school and takes the school of a coordinator from the token', async () => {
    await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${admin.token}`)
      .send(aStudentBody(programme.id))
      .expect(400);
    await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${admin.token}`)
      .send(aStudentBody(programme.id, { schoolId: school.id }))
      .expect(201);
    const response = await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .send(aStudentBody(programme.id, { schoolId: school.id }))
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(/property schoolId should not exist/);
  });

  it.each([
    ['a programme of another school', 'otherProgramme', /programmeId must be a programme/],
    ['a missing e-mail', { email: undefined }, /email must be an email/],
    ['a malformed e-mail', { email: 'not-an-email' }, /email must be an email/],
    ['a name of 201 characters', { fullName: 'x'.repeat(201) }, /fullName must be/],
    ['an impossible birth date', { birthDate: '2008-02-30' }, /birthDate must be a date/],
    [
      'a birth date in the future',
      { birthDate: '2030-01-01' },
      /birthDate must be a date in the past/,
    ],
    ['a period that ends first', { availableTo: '2027-01-01' }, /availableTo must be after/],
    ['an unknown language', { languages: ['fr'] }, /each value in languages must be one of/],
    ['languages as text', { languages: 'da' }, /languages must be an array/],
    ['an unknown field', { role: 'admin' }, /property role should not exist/],
    ['a motivation of 2001 characters', { motivation: 'x'.repeat(2001) }, /motivation must be/],
  ])('rejects %s with 400 and stores nothing', async (_case, fields, message) => {
    const other = await make.anOrganisation('school');
    const otherProgramme = await make.aProgramme(other.id);
    const overrides = fields === 'otherProgramme' ? { programmeId: otherProgramme.id } : fields;
    const before = await studentsOf(school.id);
    const response = await http()
      .post('/api/students')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .send(aStudentBody(programme.id, overrides as Record<string, unknown>))
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
    expect(await studentsOf(school.id)).toBe(before);
  });

  it('lists only the coordinator’s own school, filtered by programme and text', async () => {
    const other = await make.anOrganisation('school');
    const otherStudent = await make.aStudent(other, await make.aProgramme(other.id));
    const second = await make.aProgramme(school.id);
    const mine = await make.aStudent(school, second, { fullName: 'Zacharias Unique' });
    const response = await http()
      .get(`/api/students?programmeId=${second.id}&q=zachar&pageSize=100`)
      .set('Authorization', `Bearer ${coordinator.token}`)
      .expect(200);
    expect(response.body.items.map((s: { id: string }) => s.id)).toEqual([mine.studentId]);
    const all = await http()
      .get('/api/students?pageSize=100')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .expect(200);
    const ids = all.body.items.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(otherStudent.studentId);
    expect(all.body.items.every((s: { school: { id: string } }) => s.school.id === school.id)).toBe(
      true,
    );
  });

  describe('PATCH', () => {
    it('lets a student change their own profile but not the school’s facts', async () => {
      const student = await make.aStudent(school, programme, { fullName: 'Original Name' });
      const auth = `Bearer ${student.token}`;
      const url = `/api/students/${student.studentId}`;
      const changed = await http()
        .patch(url)
        .set('Authorization', auth)
        .send({
          skills: ['PCR'],
          interests: ['green-transition'],
          language: 'en',
          motivation: 'Hej',
        })
        .expect(200);
      expect(changed.body).toMatchObject({
        skills: ['PCR'],
        interests: ['green-transition'],
        language: 'en',
        motivation: 'Hej',
      });
      for (const body of [
        { fullName: 'Other' },
        { schoolId: school.id },
        { birthDate: '2000-01-01' },
        { interests: ['mining'] },
        { availableFrom: '2027-07-01' },
      ]) {
        await http().patch(url).set('Authorization', auth).send(body).expect(400);
      }
      const after = await http().get(url).set('Authorization', auth).expect(200);
      expect(after.body).toMatchObject({
        fullName: 'Original Name',
        birthDate: '2004-05-17',
        availableFrom: '2027-02-01',
        interests: ['green-transition'],
      });
    });

    it('lets the coordinator change name and programme within the school only', async () => {
      const student = await make.aStudent(school, programme);
      const url = `/api/students/${student.studentId}`;
      const auth = `Bearer ${coordinator.token}`;
      const other = await make.anOrganisation('school');
      const foreign = await make.aProgramme(other.id);
      const refused = await http()
        .patch(url)
        .set('Authorization', auth)
        .send({ programmeId: foreign.id, fullName: 'Renamed' })
        .expect(400);
      expect(refused.body.message).toMatch(/programmeId/);
      const second = await make.aProgramme(school.id);
      const changed = await http()
        .patch(url)
        .set('Authorization', auth)
        .send({ programmeId: second.id, fullName: 'Renamed' })
        .expect(200);
      expect(changed.body).toMatchObject({ fullName: 'Renamed', programme: { id: second.id } });
    });
  });

  it.each([
    ['a non-uuid id', 'get', '/api/students/42'],
    ['a non-uuid id on PATCH', 'patch', '/api/students/42'],
    ['a page size of 101', 'get', '/api/students?pageSize=101'],
    ['a page of 0', 'get', '/api/students?page=0'],
    ['an unknown parameter', 'get', '/api/students?sort=name'],
    ['a non-uuid programme filter', 'get', '/api/students?programmeId=x'],
  ] as const)('rejects %s with 400', async (_case, method, url) => {
    await http()[method](url).set('Authorization', `Bearer ${coordinator.token}`).expect(400);
  });

  it('erases a student once; a second DELETE finds nothing (details in test/privacy)', async () => {
    const student = await make.aStudent(school, programme);
    for (const status of [204, 404]) {
      await http()
        .delete(`/api/students/${student.studentId}`)
        .set('Authorization', `Bearer ${admin.token}`)
        .expect(status);
    }
  });

  describe('roster import', () => {
    const header = 'name,email,programme,birthDate,languages,availableFrom,availableTo';
    const line = (name: string, email: string, programmeCell: string, extra = '') =>
      `${name},${email},${programmeCell},2008-05-17,da;en,2027-02-01,2027-06-30${extra}`;

    it('creates every student of a valid file, each with an invitation', async () => {
      const roster = await make.anOrganisation('school');
      const rosterCoordinator = await make.aUser('coordinator', roster);
      const rosterProgramme = await make.aProgramme(roster.id, 'Laborant');
      const stamp = Date.now();
      const csv = [
        header,
        line('Anna Holm', `anna-${stamp}@test.example`, 'laborant'),
        line('"Bo Jensen, jr."', `bo-${stamp}@test.example`, 'LABORANT'),
      ].join('\r\n');
      const response = await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${rosterCoordinator.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(201);
      expect(response.body.created).toHaveLength(2);
      expect(response.body.created[1]).toMatchObject({
        fullName: 'Bo Jensen, jr.',
        programme: { id: rosterProgramme.id },
        languages: ['da', 'en'],
        invitationToken: expect.any(String),
      });
      expect(await studentsOf(roster.id)).toBe(3);
    });

    it('creates nothing from a file with two bad rows and reports each row and field', async () => {
      // A student of another school: their e-mail is taken (this school's own would be updated).
      const elsewhere = await make.anOrganisation('school');
      const existing = await make.aStudent(elsewhere, await make.aProgramme(elsewhere.id));
      const before = await studentsOf(school.id);
      const [{ code }] = await app
        .get(DataSource)
        .query(`SELECT code FROM programmes WHERE id = $1`, [programme.id]);
      const stamp = Date.now();
      const csv = [
        header,
        line('Good One', `good-${stamp}@test.example`, code),
        line('Taken', existing.email, code),
        line('Good Two', `good2-${stamp}@test.example`, code),
        `Bad Row,bad-${stamp}@test.example,no-such-programme,2008-13-01,da,2027-02-01,2027-06-30`,
      ].join('\n');
      const response = await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${coordinator.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ row: 2, field: 'email' }),
        expect.objectContaining({ row: 4, field: 'programme' }),
        expect.objectContaining({ row: 4, field: 'birthDate' }),
      ]);
      expect(await studentsOf(school.id)).toBe(before);
    });

    it('reads a roster as Danish Excel saves it: semicolons, Windows-1252, quoted lists', async () => {
      const roster = await make.anOrganisation('school');
      const rosterCoordinator = await make.aUser('coordinator', roster);
      const programmeName = `Laboratorie- og fødevareteknolog ${Date.now()}`;
      await make.aProgramme(roster.id, programmeName);
      const stamp = Date.now();
      const csv = [
        header.replaceAll(',', ';'),
        `Søren Ærø;soeren-${stamp}@test.example;${programmeName};2008-05-17;"da;en";2027-02-01;2027-06-30`,
      ].join('\r\n');
      // Windows-1252: ø, Æ and æ are one byte each, not valid UTF-8.
      const windows1252 = Buffer.from([...csv].map((char) => char.charCodeAt(0)));
      expect(windows1252.toString('utf8')).not.toBe(csv);
      const response = await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${rosterCoordinator.token}`)
        .attach('file', windows1252, 'elever.csv')
        .expect(201);
      expect(response.body.created).toEqual([
        expect.objectContaining({ fullName: 'Søren Ærø', languages: ['da', 'en'] }),
      ]);

      // UTF-8 with a byte order mark, as Excel's "CSV UTF-8", comma-separated.
      const withBom = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          [header, line('Åse Øster', `aase-${stamp}@test.example`, programmeName)].join('\n'),
        ),
      ]);
      const utf8 = await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${rosterCoordinator.token}`)
        .attach('file', withBom, 'elever.csv')
        .expect(201);
      expect(utf8.body.created).toEqual([expect.objectContaining({ fullName: 'Åse Øster' })]);
    });

    it('reports an e-mail repeated within the file', async () => {
      const stamp = Date.now();
      const csv = [
        header,
        line('A', `twice-${stamp}@test.example`, 'x'),
        line('B', `TWICE-${stamp}@test.example`, 'x'),
      ].join('\n');
      const response = await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${coordinator.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(400);
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({
          row: 2,
          line: 3,
          field: 'email',
          code: 'import.repeated_value',
          params: { value: `twice-${stamp}@test.example`, line: 2 },
          message: expect.stringMatching(/line 2/),
        }),
      );
    });

    it('makes an admin name the school in ?schoolId=', async () => {
      const csv = [header, line('A', `admin-${Date.now()}@test.example`, 'x')].join('\n');
      await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(400);
      await http()
        .post('/api/students/import?schoolId=nope')
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('file', Buffer.from(csv), 'roster.csv')
        .expect(400);
    });

    it('refuses more than 5000 rows', async () => {
      const rows = Array.from({ length: 5001 }, (_, i) => line('N', `r${i}@t.example`, 'x'));
      const response = await http()
        .post('/api/students/import')
        .set('Authorization', `Bearer ${coordinator.token}`)
        .attach('file', Buffer.from([header, ...rows].join('\n')), 'roster.csv')
        .expect(400);
      expect(response.body.message).toMatch(/more than 5000 rows/);
    });
  });
});

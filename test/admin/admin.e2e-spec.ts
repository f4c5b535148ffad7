import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

const unique = () => randomUUID().slice(0, 8);

describe('admin: organisations and accounts', () => {
  let app: INestApplication;
  let make: Factories;
  let auth: string;

  const http = () => request(app.getHttpServer());
  /** Rows this test tried to create; other test files run alongside, so never count a table. */
  const stored = async (
    table: 'users' | 'organisations',
    column: 'email' | 'slug',
    value: string,
  ) =>
    Number(
      (
        await app
          .get(DataSource)
          .query(`SELECT count(*) AS n FROM ${table} WHERE ${column} = $1`, [value])
      )[0].n,
    );

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
    auth = `Bearer ${(await make.aUser('admin')).token}`;
  });

  afterAll(() => app.close());

  describe('organisations', () => {
    it('creates, lists and changes an organisation', async () => {
      const slug = `helix-${unique()}`;
      const created = await http()
        .post('/api/admin/organisations')
        .set('Authorization', auth)
        .send({ name: `Helix Lab ${slug}`, kind: 'public', slug, description: 'Lab' })
        .expect(201);
      expect(created.body).toMatchObject({ kind: 'public', slug, description: 'Lab' });
      const changed = await http()
        .patch(`/api/admin/organisations/${created.body.id}`)
        .set('Authorization', auth)
        .send({ description: 'Living lab', kind: 'employer' })
        .expect(200);
      expect(changed.body).toMatchObject({ description: 'Living lab', kind: 'employer' });
      const list = await http()
        .get('/api/admin/organisations?kind=employer&pageSize=100')
        .set('Authorization', auth)
        .expect(200);
      expect(list.body.total).toBeGreaterThan(0);
    });

    it('answers 409 for a taken slug and for a kind change of an organisation in use', async () => {
      const school = await make.anOrganisation('school');
      await make.aUser('coordinator', school);
      const [{ slug }] = await app
        .get(DataSource)
        .query(`SELECT slug FROM organisations WHERE id = $1`, [school.id]);
      await http()
        .post('/api/admin/organisations')
        .set('Authorization', auth)
        .send({ name: `Other ${unique()}`, kind: 'school', slug })
        .expect(409);
      await http()
        .patch(`/api/admin/organisations/${school.id}`)
        .set('Authorization', auth)
        .send({ kind: 'employer' })
        .expect(409);
    });

    it.each([
      ['a bad slug', { slug: 'Not A Slug' }, /slug must be/],
      ['an unknown kind', { kind: 'university' }, /kind must be one of/],
      ['a name of 201 characters', { name: 'x'.repeat(201) }, /name must be/],
      ['an unknown field', { id: randomUUID() }, /property id should not exist/],
    ])('rejects %s with 400 and stores nothing', async (_case, fields, message) => {
      const body = { name: `N ${unique()}`, kind: 'employer', slug: `n-${unique()}`, ...fields };
      const response = await http()
        .post('/api/admin/organisations')
        .set('Authorization', auth)
        .send(body)
        .expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(message);
      expect(await stored('organisations', 'slug', body.slug)).toBe(0);
    });
  });

  describe('users', () => {
    it('creates a reviewer with an invitation and moves them to another host', async () => {
      const host = await make.anOrganisation('employer');
      const next = await make.anOrganisation('public');
      const email = `reviewer-${unique()}@test.example`;
      const created = await http()
        .post('/api/admin/users')
        .set('Authorization', auth)
        .send({ email, displayName: 'Rikke', role: 'reviewer', organisationId: host.id })
        .expect(201);
      expect(created.body).toMatchObject({
        user: { email, role: 'reviewer', organisation: { id: host.id }, activated: false },
        invitationToken: expect.any(String),
      });
      const moved = await http()
        .patch(`/api/admin/users/${created.body.user.id}`)
        .set('Authorization', auth)
        .send({ organisationId: next.id })
        .expect(200);
      expect(moved.body.organisation).toMatchObject({ id: next.id, kind: 'public' });
      const promoted = await http()
        .patch(`/api/admin/users/${created.body.user.id}`)
        .set('Authorization', auth)
        .send({ role: 'admin', organisationId: null })
        .expect(200);
      expect(promoted.body).toMatchObject({ role: 'admin', organisation: null });
    });

    it('explains the role and organisation rule before the database refuses', async () => {
      const school = await make.anOrganisation('school');
      const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
      const [first, second] = [`x-${unique()}@test.example`, `y-${unique()}@test.example`];
      const asSchool = await http()
        .post('/api/admin/users')
        .set('Authorization', auth)
        .send({
          email: first,
          displayName: 'X',
          role: 'reviewer',
          organisationId: school.id,
        })
        .expect(400);
      expect(asSchool.body.message).toMatch(/role reviewer needs .* employer or public/);
      const adminWithOrganisation = await http()
        .post('/api/admin/users')
        .set('Authorization', auth)
        .send({
          email: second,
          displayName: 'Y',
          role: 'admin',
          organisationId: school.id,
        })
        .expect(400);
      expect(adminWithOrganisation.body.message).toMatch(/role admin takes no organisation/);
      await http()
        .patch(`/api/admin/users/${reviewer.id}`)
        .set('Authorization', auth)
        .send({ role: 'coordinator' })
        .expect(400);
      expect(await stored('users', 'email', first)).toBe(0);
      expect(await stored('users', 'email', second)).toBe(0);
      const [{ role }] = await app
        .get(DataSource)
        .query(`SELECT role FROM users WHERE id = $1`, [reviewer.id]);
      expect(role).toBe('reviewer');
    });

    it('refuses students, taken e-mails and bad input', async () => {
      const school = await make.anOrganisation('school');
      const student = await make.aStudent(school, await make.aProgramme(school.id));
      const [asStudent, withHash] = [`s-${unique()}@test.example`, `p-${unique()}@test.example`];
      const base = { displayName: 'Z', role: 'coordinator', organisationId: school.id };
      await http()
        .post('/api/admin/users')
        .set('Authorization', auth)
        .send({ ...base, email: asStudent, role: 'student' })
        .expect(400);
      await http()
        .post('/api/admin/users')
        .set('Authorization', auth)
        .send({ ...base, email: student.email })
        .expect(409);
      await http()
        .patch(`/api/admin/users/${student.id}`)
        .set('Authorization', auth)
        .send({ role: 'coordinator' })
        .expect(400);
      await http()
        .post('/api/admin/users')
        .set('Authorization', auth)
        .send({ ...base, email: withHash, passwordHash: '$argon2id$x' })
        .expect(400);
      expect(await stored('users', 'email', asStudent)).toBe(0);
      expect(await stored('users', 'email', withHash)).toBe(0);
    });
  });

  it.each([
    ['get', '/api/admin/users?pageSize=101'],
    ['get', '/api/admin/users?role=owner'],
    ['get', '/api/admin/organisations?pageSize=101'],
    ['patch', '/api/admin/users/not-a-uuid'],
    ['patch', '/api/admin/organisations/not-a-uuid'],
  ] as const)('rejects %s %s with 400', async (method, url) => {
    await http()[method](url).set('Authorization', auth).send({}).expect(400);
  });

  it('answers 404 for an unknown user or organisation', async () => {
    await http()
      .patch(`/api/admin/users/${randomUUID()}`)
      .set('Authorization', auth)
      .send({ displayName: 'N' })
      .expect(404);
    await http()
      .patch(`/api/admin/organisations/${randomUUID()}`)
      .set('Authorization', auth)
      .send({ description: 'N' })
      .expect(404);
  });
});

import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { as, eventually } from '../support/http';
import { startApi } from '../support/test-app';

/** Sessions end when the account changes, on every api instance, without asking per request. */
describe('sessions', () => {
  let app: INestApplication;
  let other: INestApplication;
  let make: Factories;

  beforeAll(async () => {
    [app, other] = await Promise.all([startApi(), startApi()]);
    make = new Factories(app);
  });

  afterAll(() => Promise.all([app.close(), other.close()]));

  const signIn = async (email: string, password = TEST_PASSWORD) =>
    (
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password })
        .expect(200)
    ).body.accessToken as string;

  it('signs out this session only, at once', async () => {
    const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const phone = await signIn(reviewer.email);
    const laptop = await signIn(reviewer.email);
    await as(other, phone).get('/api/me').expect(200); // remembered by the other instance
    await as(app, phone).post('/api/auth/logout').expect(204);
    await as(app, phone).get('/api/me').expect(401);
    await eventually(async () =>
      (await as(other, phone).get('/api/me')).status === 401 ? true : undefined,
    );
    await as(app, laptop).get('/api/me').expect(200);
    await as(other, laptop).get('/api/me').expect(200);
    await as(app, phone).post('/api/auth/logout').expect(401);
  });

  it('signs out everywhere', async () => {
    const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const phone = await signIn(reviewer.email);
    const laptop = await signIn(reviewer.email);
    await as(app, laptop).post('/api/auth/logout-all').expect(204);
    await as(app, phone).get('/api/me').expect(401);
    await as(app, laptop).get('/api/me').expect(401);
    await as(app, await signIn(reviewer.email))
      .get('/api/me')
      .expect(200);
  });

  it('changes the password with the current one, ending every other session', async () => {
    const coordinator = await make.aUser('coordinator', await make.anOrganisation('school'));
    const elsewhere = await signIn(coordinator.email);
    const here = await signIn(coordinator.email);
    await as(other, elsewhere).get('/api/me').expect(200);
    const change = (body: object) => as(app, here).post('/api/auth/change-password', body);

    const wrong = await change({
      currentPassword: 'not my password',
      newPassword: 'a new long passphrase',
    }).expect(400);
    expect(wrong.body.message).toMatch(/currentPassword/);
    for (const weak of ['1234567890', 'aaaaaaaaaa', 'passwordpassword', 'aaaaaaaaaaaa']) {
      const refused = await change({ currentPassword: TEST_PASSWORD, newPassword: weak }).expect(
        400,
      );
      expect(refused.body.message).toMatch(/^password: /);
    }
    // Nothing changed by the refused attempts.
    await as(app, elsewhere).get('/api/me').expect(200);
    await signIn(coordinator.email);

    const changed = await change({
      currentPassword: TEST_PASSWORD,
      newPassword: 'a new long passphrase',
    }).expect(200);
    expect(changed.body.user).toMatchObject({ id: coordinator.id });
    await as(app, here).get('/api/me').expect(401);
    await as(app, elsewhere).get('/api/me').expect(401);
    await eventually(async () =>
      (await as(other, elsewhere).get('/api/me')).status === 401 ? true : undefined,
    );
    await as(app, changed.body.accessToken).get('/api/me').expect(200);
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: coordinator.email, password: TEST_PASSWORD })
      .expect(401);
    await signIn(coordinator.email, 'a new long passphrase');
  });

  it('refuses a demoted admin’s earlier token, on this instance and the other', async () => {
    const boss = await make.aUser('admin');
    const demoted = await make.aUser('admin');
    const school = await make.anOrganisation('school');
    const board = await as(app, demoted.token).post('/api/admin/queues/session').expect(204);
    const cookie = String(board.headers['set-cookie']).split(';')[0];
    await request(app.getHttpServer())
      .get('/admin/queues/api/queues')
      .set('Cookie', cookie)
      .expect(200);
    await as(other, demoted.token).get('/api/students').expect(200);

    await as(app, boss.token)
      .patch(`/api/admin/users/${demoted.id}`, { role: 'coordinator', organisationId: school.id })
      .expect(200);

    const newAdmin = {
      email: `new-${randomUUID().slice(0, 8)}@test.example`,
      displayName: 'New admin',
      role: 'admin',
    };
    await as(app, demoted.token).get('/api/students').expect(401);
    await as(app, demoted.token).post('/api/admin/users', newAdmin).expect(401);
    await as(app, demoted.token).post('/api/admin/queues/session').expect(401);
    await request(app.getHttpServer())
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${demoted.token}`)
      .expect(401);
    await request(app.getHttpServer())
      .get('/admin/queues/api/queues')
      .set('Cookie', cookie)
      .expect(401);
    // The other instance hears it from the database.
    await eventually(async () =>
      (await as(other, demoted.token).get('/api/students')).status === 401 ? true : undefined,
    );
    await as(other, demoted.token).post('/api/admin/users', newAdmin).expect(401);
    const [{ count }] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [newAdmin.email]);
    expect(count).toBe(0);
    // Signed in anew, the coordinator sees the school's students only.
    const fresh = await signIn(demoted.email);
    await as(app, fresh).post('/api/admin/users', newAdmin).expect(403);
  });

  it('refuses a moved coordinator’s earlier token', async () => {
    const admin = await make.aUser('admin');
    const oldSchool = await make.anOrganisation('school');
    const newSchool = await make.anOrganisation('school');
    const programme = await make.aProgramme(oldSchool.id);
    const pupil = await make.aStudent(oldSchool, programme);
    const coordinator = await make.aUser('coordinator', oldSchool);
    const before = await as(other, coordinator.token).get('/api/students').expect(200);
    expect(before.body.items.map((s: { id: string }) => s.id)).toContain(pupil.studentId);

    await as(app, admin.token)
      .patch(`/api/admin/users/${coordinator.id}`, { organisationId: newSchool.id })
      .expect(200);

    await as(app, coordinator.token).get('/api/students').expect(401);
    await as(app, coordinator.token).get(`/api/students/${pupil.studentId}`).expect(401);
    await eventually(async () =>
      (await as(other, coordinator.token).get('/api/students')).status === 401 ? true : undefined,
    );
    const fresh = await signIn(coordinator.email);
    const after = await as(app, fresh).get('/api/students').expect(200);
    expect(after.body.items.map((s: { id: string }) => s.id)).not.toContain(pupil.studentId);
  });

  it('refuses an erased student’s token everywhere it read before', async () => {
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    const roundId = randomUUID();
    const reads = [
      '/api/me',
      '/api/me/access-log',
      `/api/rounds/${roundId}/preferences`,
      `/api/rounds/${roundId}/explanation`,
      '/api/placements',
    ];
    for (const path of reads) {
      expect((await as(other, student.token).get(path)).status).not.toBe(401);
    }

    await as(app, student.token).delete(`/api/students/${student.studentId}`).expect(204);

    for (const path of reads) await as(app, student.token).get(path).expect(401);
    await eventually(async () =>
      (await as(other, student.token).get('/api/me')).status === 401 ? true : undefined,
    );
    for (const path of reads) await as(other, student.token).get(path).expect(401);
  });

  it('lets admins deactivate and reactivate staff, ending every session at once', async () => {
    const admin = await make.aUser('admin');
    const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
    await as(other, reviewer.token).get('/api/slots').expect(200);

    const off = await as(app, admin.token)
      .post(`/api/admin/users/${reviewer.id}/deactivate`)
      .expect(200);
    expect(off.body).toMatchObject({ id: reviewer.id, active: false });
    await as(app, reviewer.token).get('/api/slots').expect(401);
    await eventually(async () =>
      (await as(other, reviewer.token).get('/api/slots')).status === 401 ? true : undefined,
    );
    const listed = await as(app, admin.token)
      .get(`/api/admin/users?q=${encodeURIComponent(reviewer.email)}`)
      .expect(200);
    expect(listed.body.items[0]).toMatchObject({ id: reviewer.id, active: false });

    const on = await as(app, admin.token)
      .post(`/api/admin/users/${reviewer.id}/reactivate`)
      .expect(200);
    expect(on.body).toMatchObject({ active: true });
    // The earlier session stays ended; signing in anew works.
    await as(app, reviewer.token).get('/api/slots').expect(401);
    await as(app, await signIn(reviewer.email))
      .get('/api/slots')
      .expect(200);
  });

  it('refuses to deactivate oneself, a student or an unknown account, changing nothing', async () => {
    const admin = await make.aUser('admin');
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    await as(app, admin.token).post(`/api/admin/users/${admin.id}/deactivate`).expect(409);
    await as(app, admin.token).post(`/api/admin/users/${student.id}/deactivate`).expect(400);
    await as(app, admin.token).post(`/api/admin/users/${randomUUID()}/deactivate`).expect(404);
    await as(app, admin.token).post('/api/admin/users/not-a-uuid/deactivate').expect(400);
    await as(app, admin.token).get('/api/me').expect(200);
    await as(app, student.token).get('/api/me').expect(200);
  });

  it('refuses tokens without a session version or for an account that never existed', async () => {
    const jwt = app.get(JwtService);
    const ghost = await jwt.signAsync(
      { sub: randomUUID(), role: 'admin', org: null, sid: null, sv: 0 },
      { jwtid: randomUUID() },
    );
    await as(app, ghost).get('/api/admin/users').expect(401);
    const admin = await make.aUser('admin');
    const old = await jwt.signAsync({ sub: admin.id, role: 'admin', org: null, sid: null });
    await as(app, old).get('/api/admin/users').expect(401);
  });
});

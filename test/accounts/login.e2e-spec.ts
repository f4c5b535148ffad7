import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { startApi } from '../support/test-app';

describe('signing in', () => {
  let app: INestApplication;
  let make: Factories;

  beforeAll(async () => {
    app = await startApi();
    make = new Factories(app);
  });

  afterAll(() => app.close());

  it('gives a token that GET /api/me accepts', async () => {
    const school = await make.anOrganisation('school');
    const coordinator = await make.aUser('coordinator', school);
    const login = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: coordinator.email.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(login.body.user).toMatchObject({
      id: coordinator.id,
      email: coordinator.email,
      role: 'coordinator',
    });
    expect(login.body.user).not.toHaveProperty('passwordHash');

    const me = await request(app.getHttpServer())
      .get('/api/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      id: coordinator.id,
      role: 'coordinator',
      organisation: { id: school.id, kind: 'school' },
    });
  });

  it('answers the same 401 for an unknown e-mail and a wrong password', async () => {
    const admin = await make.aUser('admin');
    const wrongPassword = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: admin.email, password: 'not the password' })
      .expect(401);
    const unknown = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'nobody@test.example', password: 'not the password' })
      .expect(401);
    expect(unknown.body).toEqual(wrongPassword.body);
  });

  it('throttles repeated attempts on one account', async () => {
    const admin = await make.aUser('admin');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await request(app.getHttpServer())
        .post('/api/auth/login')
        .set('X-Forwarded-For', `10.0.0.${attempt}`)
        .send({ email: admin.email, password: 'guess' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Blocked even with the right password now: the account is under attack.
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: admin.email, password: TEST_PASSWORD })
      .expect(429);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not.a.jwt'],
    [
      'a token signed with another key',
      `Bearer ${new JwtService({ secret: 'x'.repeat(40) }).sign({ sub: 'u', role: 'admin' })}`,
    ],
    [
      'an unsigned alg:none token',
      `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"u","role":"admin","iss":"biotekbyen-match"}').toString('base64url')}.`,
    ],
    ['an expired token', 'expired'],
  ])('rejects %s with 401', async (_case, header) => {
    let authorization = header;
    if (header === 'expired') {
      const jwt = app.get(JwtService);
      const token = await jwt.signAsync(
        { sub: 'u', role: 'admin', org: null, sid: null },
        { expiresIn: -10 },
      );
      authorization = `Bearer ${token}`;
    }
    const call = request(app.getHttpServer()).get('/api/me');
    if (authorization) call.set('Authorization', authorization);
    await call.expect(401);
  });

  it.each([
    [{ email: 'not-an-email', password: 'x' }, /email must be an email/],
    [{ email: 'a@b.dk' }, /password must be a string/],
    [{ email: 'a@b.dk', password: 'x', role: 'admin' }, /property role should not exist/],
  ])('rejects a malformed body %j with 400', async (body, message) => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send(body)
      .expect(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
  });
});

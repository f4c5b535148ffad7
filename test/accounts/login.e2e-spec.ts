import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { as, fromAddress } from '../support/http';
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

  it('throttles one address on one account, never the owner signing in from elsewhere', async () => {
    const admin = await make.aUser('admin');
    const attacker = '127.0.0.11';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await fromAddress(app, attacker, 'POST', '/api/auth/login', {
        email: admin.email,
        password: 'guess',
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    // That address is blocked for that account, even with the right password...
    const blocked = await fromAddress(app, attacker, 'POST', '/api/auth/login', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    // ...while the owner, from another address, signs in as usual.
    const owner = await fromAddress(app, '127.0.0.12', 'POST', '/api/auth/login', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(owner.status).toBe(200);
    // Admins see which accounts are being tried, from how many addresses.
    const throttled = await as(app, owner.body.accessToken as string)
      .get('/api/admin/users/throttled')
      .expect(200);
    expect(throttled.body.items).toContainEqual(
      expect.objectContaining({ userId: admin.id, email: admin.email, addresses: 1 }),
    );
    const coordinator = await make.aUser('coordinator', await make.anOrganisation('school'));
    await as(app, coordinator.token).get('/api/admin/users/throttled').expect(403);
  });

  it('slows an address that tries many accounts', async () => {
    const address = '127.0.0.13';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 102; attempt++) {
      const response = await fromAddress(app, address, 'POST', '/api/auth/login', {
        email: `nobody-${attempt}@test.example`,
        password: 'guess',
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 100)).toEqual(Array(100).fill(401));
    expect(statuses.slice(100)).toEqual([429, 429]);
    // Another address is not held back.
    const elsewhere = await fromAddress(app, '127.0.0.14', 'POST', '/api/auth/login', {
      email: 'nobody@test.example',
      password: 'guess',
    });
    expect(elsewhere.status).toBe(401);
  }, 120_000);

  it('refuses a deactivated account with the answer of a wrong password', async () => {
    const admin = await make.aUser('admin');
    const reviewer = await make.aUser('reviewer', await make.anOrganisation('employer'));
    await as(app, admin.token).post(`/api/admin/users/${reviewer.id}/deactivate`).expect(200);
    const deactivated = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: reviewer.email, password: TEST_PASSWORD })
      .expect(401);
    const wrong = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: reviewer.email, password: 'not the password' })
      .expect(401);
    expect(deactivated.body).toEqual(wrong.body);
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
        { sub: 'u', role: 'admin', org: null, sid: null, sv: 0 },
        { expiresIn: -10, jwtid: 'x' },
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

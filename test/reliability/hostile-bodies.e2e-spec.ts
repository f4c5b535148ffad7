import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

/** Inputs the fuzzer once answered with 500, kept as fixed examples. */
describe('hostile inputs found by fuzzing', () => {
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    app = await startApi();
    token = (await new Factories(app).aUser('admin')).token;
  });

  afterAll(() => app.close());

  it.each([
    [
      'an oversized form body',
      'application/x-www-form-urlencoded',
      `a=${'x'.repeat(200_000)}`,
      413,
    ],
    ['an oversized JSON body', 'application/json', `{"a":"${'x'.repeat(1_100_000)}"}`, 413],
    ['a body in an unknown charset', 'application/json; charset=klingon', '{}', 415],
  ])('answers %s with its 4xx, not 500', async (_case, contentType, body, status) => {
    const response = await request(app.getHttpServer())
      .post('/api/slots')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', contentType)
      .send(body)
      .expect(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String) });
  });

  it.each(['-091725-05-11T03:36:24.260Z', '+254464-10-22T13:22:00Z'])(
    'answers 400 for an access-log date PostgreSQL cannot hold (%s)',
    async (from) => {
      await request(app.getHttpServer())
        .get(`/api/admin/access-log?from=${encodeURIComponent(from)}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
    },
  );
});

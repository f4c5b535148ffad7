import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

/** Cases the fuzzer found once, kept as fixed examples. */
describe('bodies the parsers refuse', () => {
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
});

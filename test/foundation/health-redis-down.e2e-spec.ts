import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startApi } from '../support/test-app';

describe('GET /api/health while Redis is unreachable', () => {
  let app: INestApplication;
  const redisUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1'; // nothing listens on port 1
    app = await startApi();
  });

  afterAll(async () => {
    await app.close();
    process.env.REDIS_URL = redisUrl;
  });

  it('answers 503 and names Redis as down', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(503);
    expect(response.body.details.redis.status).toBe('down');
    expect(response.body.details.postgres.status).toBe('up');
  });

  it('keeps serving reads that need only PostgreSQL', async () => {
    await request(app.getHttpServer()).get('/api/organizations').expect(200);
  });
});

import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startApi } from '../support/test-app';
import { describeOnRedis } from '../support/redis-only';

describeOnRedis('GET /api/health while Redis is unreachable', () => {
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

describe('GET /api/health on the postgres queue backend', () => {
  let app: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.QUEUE_BACKEND = 'postgres';
    process.env.REDIS_URL = 'redis://127.0.0.1:1'; // nothing listens on port 1: none is needed
    app = await startApi();
  });

  afterAll(async () => {
    await app.close();
    process.env = saved;
  });

  it('answers 200 with PostgreSQL alone', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.info).toEqual({ postgres: { status: 'up' } });
  });
});

import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startApi } from '../support/test-app';

describe('GET /api/health', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });

  afterAll(() => app.close());

  it('reports PostgreSQL, and Redis when the queues are on it, as up', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info).toEqual(
      process.env.QUEUE_BACKEND === 'redis'
        ? { postgres: { status: 'up' }, redis: { status: 'up' } }
        : { postgres: { status: 'up' } },
    );
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.paths).toHaveProperty('/api/health');
    expect(response.body.paths).toHaveProperty('/api/organizations');
  });
});

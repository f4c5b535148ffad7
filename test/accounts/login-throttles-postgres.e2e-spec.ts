import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PostgresThrottlerStorage } from '../../apps/api/src/auth/postgres-throttler-storage';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { startApi } from '../support/test-app';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sign-in limits on the postgres queue backend, without Redis', () => {
  const saved = { ...process.env };
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    process.env.QUEUE_BACKEND = 'postgres';
    process.env.REDIS_URL = 'redis://127.0.0.1:1'; // nothing listens on port 1
    first = await startApi();
    second = await startApi();
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    process.env = saved;
  });

  it('throttles one account across two api instances, counting in PostgreSQL', async () => {
    const admin = await new Factories(first).aUser('admin');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const api = attempt % 2 === 0 ? first : second;
      const response = await request(api.getHttpServer())
        .post('/api/auth/login')
        .set('X-Forwarded-For', `10.1.0.${attempt}`)
        .send({ email: admin.email, password: 'guess' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    await request(second.getHttpServer())
      .post('/api/auth/login')
      .send({ email: admin.email, password: TEST_PASSWORD })
      .expect(429);
    const [{ blocked }] = await first.get(DataSource).query(
      `SELECT count(*)::int AS blocked FROM login_throttles
         WHERE key LIKE '%:throttle:address-account:%' AND blocked_until > now()`,
    );
    expect(blocked).toBeGreaterThanOrEqual(1);
  });

  it('counts concurrent attempts once each, blocks over the limit and starts afresh after', async () => {
    const storage = new PostgresThrottlerStorage(first.get(DataSource));
    const key = `test:${Date.now()}`;
    const records = await Promise.all(
      Array.from({ length: 20 }, () => storage.increment(key, 60_000, 25, 400, 'burst')),
    );
    expect(records.map((record) => record.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(records.every((record) => !record.isBlocked && record.timeToExpire === 60)).toBe(true);

    const over = [];
    for (let i = 0; i < 6; i++) over.push(await storage.increment(key, 60_000, 25, 400, 'burst'));
    expect(over.map((record) => record.isBlocked)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(over[5]).toMatchObject({ totalHits: 26, timeToBlockExpire: 1 });

    await wait(600);
    expect(await storage.increment(key, 60_000, 25, 400, 'burst')).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('opens a new window once the last one ended', async () => {
    const storage = new PostgresThrottlerStorage(first.get(DataSource));
    const key = `test-window:${Date.now()}`;
    await storage.increment(key, 300, 5, 1000, 'short');
    expect((await storage.increment(key, 300, 5, 1000, 'short')).totalHits).toBe(2);
    await wait(500);
    expect((await storage.increment(key, 300, 5, 1000, 'short')).totalHits).toBe(1);
  });
});

import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { loadConfig, RUNTIME_ROLE, withUser } from '@app/config';
import { prepareDatabase } from '@app/database';
import { eventually } from '../support/http';
import { startApi } from '../support/test-app';
import { between, LoadRecorder } from './harness/load-recorder';
import { PrivatePostgres } from './harness/private-postgres';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL restarting under load', () => {
  let cluster: PrivatePostgres | undefined;
  let app: INestApplication | undefined;
  const saved = { ...process.env };

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    cluster?.destroy();
    process.env = saved;
  });

  it('answers 503 while the database is down and recovers without a restart', async () => {
    cluster = await PrivatePostgres.create();
    // The cluster's superuser sets up the two roles; the api connects as the runtime role.
    process.env.DATABASE_URL = withUser(cluster.url('biotekbyen_restart'), RUNTIME_ROLE);
    process.env.DATABASE_ADMIN_URL = cluster.url('postgres');
    await prepareDatabase(loadConfig(), { create: true, migrate: true });
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    await app
      .get(DataSource)
      .query(
        `INSERT INTO organisations (name, kind, slug) VALUES ('Restart school', 'school', 'restart-school')`,
      );
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const load = new LoadRecorder(port, { method: 'GET', url: '/api/organizations?kind=school' });

    await pause(1500);
    const stopping = Date.now();
    cluster.stop('fast');
    const stopped = Date.now();
    await pause(3000);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    const starting = Date.now();
    cluster.start();
    const recoveredAt = await eventually(
      async () => (load.samples.at(-1)?.status === 200 ? Date.now() : undefined),
      20_000,
      50,
    );
    await pause(1000);
    const samples = await load.stop();

    expect(health.status).toBe(503);
    expect(between(samples, 0, stopping).every((s) => s.status === 200)).toBe(true);
    const down = between(samples, stopped, starting);
    expect(down.length).toBeGreaterThan(10);
    expect(new Set(down.map((s) => s.status))).toEqual(new Set([503]));
    expect(new Set(samples.map((s) => s.status))).toEqual(new Set([200, 503]));
    expect(between(samples, recoveredAt, Date.now()).every((s) => s.status === 200)).toBe(true);
    expect(Math.max(...samples.map((s) => s.ms))).toBeLessThan(10_000);
  }, 60_000);
});

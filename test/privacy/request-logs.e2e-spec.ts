import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { eventually } from '../support/http';
import { RunningProcess, runEntryPoint } from '../support/processes';
import { startApi } from '../support/test-app';
import { freePort } from '../reliability/harness/free-port';

/**
 * The request log of an api running as an operator runs it (LOG_LEVEL=info, request logging
 * on), read from its output: searches by a student's name or a user's e-mail, a sign-in, and
 * an authorised request leave none of their personal data or secrets in it.
 */
describe('request logs', () => {
  let seeding: INestApplication;
  let api: RunningProcess;
  let base: string;

  beforeAll(async () => {
    seeding = await startApi();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = runEntryPoint('apps/api/src/main.ts', [], {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
      MIGRATE_ON_START: 'false',
    });
    await api.waitFor(/API listening/, 120_000);
  }, 150_000);

  afterAll(async () => {
    api?.child.kill('SIGTERM');
    await api?.exited;
    await seeding?.close();
  });

  it('logs paths and query names, never the values, bodies or tokens', async () => {
    const make = new Factories(seeding);
    const school = await make.anOrganisation('school');
    const coordinator = await make.aUser('coordinator', school);
    const name = `Freja${randomBytes(4).toString('hex')}`;
    await make.aStudent(school, await make.aProgramme(school.id), { fullName: `${name} Holm` });
    const admin = await make.aUser('admin');
    const get = (path: string, token: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

    const search = await get(`/api/students?q=${encodeURIComponent(name)}`, coordinator.token);
    expect(search.status).toBe(200);
    expect(JSON.stringify(await search.json())).toContain(name);
    const users = await get(`/api/admin/users?q=${encodeURIComponent(admin.email)}`, admin.token);
    expect(users.status).toBe(200);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: coordinator.email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBeLessThan(300);

    const lines = await eventually(async () => {
      const logged = api
        .output()
        .split('\n')
        .filter((line) => line.includes('"request completed"'));
      return logged.length >= 3 ? logged : undefined;
    });
    const urls = lines.map((line) => JSON.parse(line).req.url);
    expect(urls).toEqual(
      expect.arrayContaining(['/api/students?q=~', '/api/admin/users?q=~', '/api/auth/login']),
    );
    const output = api.output();
    for (const secret of [
      name,
      admin.email,
      coordinator.email,
      encodeURIComponent(admin.email),
      TEST_PASSWORD,
      coordinator.token,
      admin.token,
    ]) {
      expect(output).not.toContain(secret);
    }
  }, 60_000);
});

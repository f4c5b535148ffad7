import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';

/** Twelve wrong passwords for one account, each said to come from another address. */
async function statusesFromForwardedAddresses(app: INestApplication): Promise<number[]> {
  const { email } = await new Factories(app).aUser('admin');
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 12; attempt++) {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .set('X-Forwarded-For', `203.0.113.${attempt + 1}`)
      .send({ email, password: 'not the password' });
    statuses.push(response.status);
  }
  return statuses;
}

describe('TRUST_PROXY: whose address sign-in throttling counts', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('ignores X-Forwarded-For by default: a client cannot pick a fresh address per attempt', async () => {
    const app = await startApi();
    try {
      const statuses = await statusesFromForwardedAddresses(app);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await app.close();
    }
  });

  it('behind a trusted proxy counts each forwarded caller on its own', async () => {
    process.env.TRUST_PROXY = 'loopback';
    const app = await startApi();
    try {
      expect(await statusesFromForwardedAddresses(app)).toEqual(Array(12).fill(401));
    } finally {
      await app.close();
    }
  });
});

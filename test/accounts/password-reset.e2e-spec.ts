import { hashInvitationToken } from '@app/notifications';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SmtpSink } from '../../scripts/smtp-sink';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { fromAddress } from '../support/http';
import { startApi } from '../support/test-app';
import {
  aStudentUser,
  eventually,
  isolateEnvironment,
  mailsTo,
  startSink,
  startWorker,
} from '../notifications/notifications-harness';

const NEW_PASSWORD = 'a fresh long passphrase';
const RESET_LINK = /reset-password\?token=([A-Za-z0-9_-]{43})/;

// A database of its own, the api and the worker: slow to start on a loaded machine.
jest.setTimeout(90_000);

describe('forgotten password by e-mail', () => {
  let restore: () => Promise<void>;
  let sink: SmtpSink;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    restore = await isolateEnvironment();
    ({ sink } = await startSink());
    api = await startApi();
    worker = await startWorker();
    make = new Factories(api);
    db = api.get(DataSource);
  }, 90_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await restore?.();
  });

  const forgot = (email: string) =>
    request(api.getHttpServer()).post('/api/auth/forgot-password').send({ email });
  const reset = (token: string, password = NEW_PASSWORD) =>
    request(api.getHttpServer()).post('/api/auth/reset-password').send({ token, password });

  async function resetLinkFor(email: string, nth = 1): Promise<string> {
    const mails = await eventually(async () => {
      const found = await mailsTo(sink, email);
      return found.length >= nth && found;
    }, 30_000);
    const token = RESET_LINK.exec(mails[nth - 1].text ?? '')?.[1];
    if (!token) throw new Error(`no reset link in: ${mails[nth - 1].text}`);
    return token;
  }

  it('answers alike for a known and an unknown address, and mails only the known one', async () => {
    const student = await aStudentUser(make);
    const known = await forgot(student.email.toUpperCase()).expect(202);
    const unknown = await forgot(`nobody-${Date.now()}@test.example`).expect(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.headers['content-length']).toBe(known.headers['content-length']);

    const token = await resetLinkFor(student.email);
    const [mail] = await mailsTo(sink, student.email);
    expect(mail.subject).toBe('Vælg en ny adgangskode til Biotekbyen Match');
    expect(mail.text).toContain('Linket virker én gang');
    // Only the token's hash is stored, and the outbox never held the token.
    const [row] = await db.query(
      `SELECT r.token_hash, o.payload::text AS payload,
              r.expires_at - r.created_at <= interval '1 hour' AS short_lived
         FROM password_resets r JOIN outbox o ON o.payload->>'passwordResetId' = r.id::text
        WHERE r.user_id = $1`,
      [student.id],
    );
    expect(row.token_hash).toBe(hashInvitationToken(token));
    expect(row.payload).not.toContain(token);
    expect(row.short_lived).toBe(true);
    const [{ outbox }] = await db.query(
      `SELECT count(*)::int AS outbox FROM outbox WHERE event = 'password.reset'
          AND recipient_user_id IS NULL`,
    );
    expect(outbox).toBe(0);
  });

  it('sets the new password once, ends every sign-in, and refuses the link a second time', async () => {
    const student = await aStudentUser(make);
    await forgot(student.email).expect(202);
    const token = await resetLinkFor(student.email);
    const server = api.getHttpServer();

    await reset(token).expect(204);
    await request(server)
      .get('/api/me')
      .set('Authorization', `Bearer ${student.token}`)
      .expect(401);
    await request(server)
      .post('/api/auth/login')
      .send({ email: student.email, password: TEST_PASSWORD })
      .expect(401);
    await request(server)
      .post('/api/auth/login')
      .send({ email: student.email, password: NEW_PASSWORD })
      .expect(200);

    const reused = await reset(token, 'yet another long passphrase').expect(400);
    const forged = await reset('B'.repeat(43)).expect(400);
    expect(reused.body).toEqual(forged.body);
    expect(reused.body).toMatchObject({ code: 'auth.invalid_reset_token', field: 'token' });
    await request(server)
      .post('/api/auth/login')
      .send({ email: student.email, password: NEW_PASSWORD })
      .expect(200);
  });

  it('refuses an expired link like an unknown one', async () => {
    const student = await aStudentUser(make);
    await forgot(student.email).expect(202);
    const token = await resetLinkFor(student.email);
    await db.query(
      `UPDATE password_resets SET created_at = now() - interval '2 hours',
                                  expires_at = now() - interval '1 hour'
        WHERE user_id = $1`,
      [student.id],
    );
    const expired = await reset(token).expect(400);
    expect(expired.body).toMatchObject({ code: 'auth.invalid_reset_token' });
    await request(api.getHttpServer())
      .post('/api/auth/login')
      .send({ email: student.email, password: TEST_PASSWORD })
      .expect(200);
  });

  it('refuses a weak password with its code and leaves the link usable', async () => {
    const student = await aStudentUser(make);
    await forgot(student.email).expect(202);
    const token = await resetLinkFor(student.email);
    const weak = await reset(token, '123456789012').expect(400);
    expect(weak.body).toMatchObject({ code: 'password.common', field: 'password' });
    await reset(token).expect(204);
  });

  it('sends at most three e-mails an hour per account, answering alike', async () => {
    const student = await aStudentUser(make);
    for (let i = 0; i < 5; i++) await forgot(student.email).expect(202);
    await resetLinkFor(student.email, 3);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // nothing more arrives
    expect(await mailsTo(sink, student.email)).toHaveLength(3);
    const [{ requests }] = await db.query(
      `SELECT count(*)::int AS requests FROM password_resets WHERE user_id = $1`,
      [student.id],
    );
    expect(requests).toBe(3);
  });

  it('is throttled like sign-in, with a code the web app words', async () => {
    const address = '127.0.0.23';
    const email = `throttled-${Date.now()}@test.example`;
    const statuses: number[] = [];
    let last: { status: number; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 11; i++) {
      last = await fromAddress(api, address, 'POST', '/api/auth/forgot-password', { email });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(last).toMatchObject({ status: 429, body: { code: 'auth.too_many_attempts' } });
  });

  it('counts reset attempts per link, so one school network does not share one small budget', async () => {
    const forged = (n: number) => `forged-${n}-${Date.now()}`.padEnd(43, 'x');
    const attempt = (address: string, token: string) =>
      fromAddress(api, address, 'POST', '/api/auth/reset-password', {
        token,
        password: 'a new long passphrase',
      });
    const distinct: number[] = [];
    for (let i = 0; i < 12; i++) distinct.push((await attempt('127.0.0.24', forged(i))).status);
    expect(distinct).toEqual(Array(12).fill(400));
    const same: number[] = [];
    const oneLink = forged(99);
    for (let i = 0; i < 11; i++) same.push((await attempt('127.0.0.25', oneLink)).status);
    expect(same.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(same[10]).toBe(429);
  });
});

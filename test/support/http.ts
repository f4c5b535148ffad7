import { INestApplication } from '@nestjs/common';
import request from 'supertest';

/** A supertest client that signs every request with a token. */
export function as(app: INestApplication, token: string) {
  const server = app.getHttpServer();
  const auth = { Authorization: `Bearer ${token}` };
  return {
    get: (url: string) => request(server).get(url).set(auth),
    post: (url: string, body?: object) => request(server).post(url).set(auth).send(body),
    put: (url: string, body?: object) => request(server).put(url).set(auth).send(body),
    patch: (url: string, body?: object) => request(server).patch(url).set(auth).send(body),
    delete: (url: string) => request(server).delete(url).set(auth),
  };
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

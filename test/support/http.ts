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

/**
 * A JSON request to the app from a given loopback address (127.0.0.x), as a client elsewhere
 * would make it: the api sees that address as the caller's, without trusting any header.
 */
export async function fromAddress(
  app: INestApplication,
  localAddress: string,
  method: string,
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const server = app.getHttpServer() as import('node:http').Server;
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as import('node:net').AddressInfo;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const { request: send } = await import('node:http');
  return new Promise((resolve, reject) => {
    const call = send(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method,
        path,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} }),
        );
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}

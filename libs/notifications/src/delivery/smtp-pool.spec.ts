import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';
import { SmtpPool } from './smtp-pool';

/** A real SMTP server on loopback that counts connections and keeps what it receives. */
interface TestServer {
  port: number;
  connections: number;
  received: string[];
  close: () => Promise<void>;
}

async function startServer(
  options: SMTPServerOptions = {},
  port = 0,
  refuse?: (to: string) => boolean,
): Promise<TestServer> {
  const state = { connections: 0, received: [] as string[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (refuse?.(address.address)) {
        const error = Object.assign(new Error('No such mailbox'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        state.received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    get connections() {
      return state.connections;
    },
    received: state.received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const message = (n: number) =>
  Buffer.from(`Subject: Besked ${n}\r\nMessage-ID: <${n}@test>\r\n\r\nHej ${n}\r\n`);
const envelope = (to = 'elev@example.dk') => ({ from: 'no-reply@biotekbyen.dk', to });

describe('SmtpPool', () => {
  let server: TestServer | undefined;
  let pool: SmtpPool | undefined;

  afterEach(async () => {
    pool?.close();
    await server?.close();
    pool = undefined;
    server = undefined;
  });

  it('sends many messages at once over no more connections than allowed, each once', async () => {
    server = await startServer();
    pool = new SmtpPool({ host: '127.0.0.1', port: server.port, maxConnections: 3 });
    await Promise.all(Array.from({ length: 40 }, (_, n) => pool!.send(envelope(), message(n))));
    expect(server.received).toHaveLength(40);
    expect(new Set(server.received.map((raw) => raw.match(/Message-ID: (.*)/)![1])).size).toBe(40);
    expect(server.connections).toBeLessThanOrEqual(3);
    expect(pool.size).toBeLessThanOrEqual(3);
  });

  it("rejects a refused recipient with the server's code and goes on sending", async () => {
    server = await startServer({}, 0, (to) => to.startsWith('unknown'));
    pool = new SmtpPool({ host: '127.0.0.1', port: server.port, maxConnections: 1 });
    await expect(pool.send(envelope('unknown@example.dk'), message(1))).rejects.toMatchObject({
      responseCode: 550,
    });
    await pool.send(envelope(), message(2));
    expect(server.received).toHaveLength(1);
  });

  it('fails while the server is down and sends once it is up again', async () => {
    const probe = await startServer();
    const port = probe.port;
    await probe.close();
    pool = new SmtpPool({ host: '127.0.0.1', port, maxConnections: 2 });
    await expect(pool.send(envelope(), message(1))).rejects.toThrow(/ECONNREFUSED/);
    expect(pool.size).toBe(0);
    server = await startServer({}, port);
    await pool.send(envelope(), message(2));
    expect(server.received).toHaveLength(1);
  });

  it('replaces a connection the server closed while it was idle', async () => {
    server = await startServer({ socketTimeout: 200 });
    pool = new SmtpPool({ host: '127.0.0.1', port: server.port, maxConnections: 1 });
    await pool.send(envelope(), message(1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pool.size).toBe(0);
    await pool.send(envelope(), message(2));
    expect(server.received).toHaveLength(2);
    expect(server.connections).toBe(2);
  });

  it('signs in when the server asks for it, and fails with wrong credentials', async () => {
    server = await startServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'worker' && auth.password === 'secret') {
          return callback(null, { user: auth.username });
        }
        callback(new Error('Invalid credentials'));
      },
    });
    pool = new SmtpPool({
      host: '127.0.0.1',
      port: server.port,
      maxConnections: 1,
      auth: { user: 'worker', pass: 'secret' },
    });
    await pool.send(envelope(), message(1));
    const wrong = new SmtpPool({
      host: '127.0.0.1',
      port: server.port,
      maxConnections: 1,
      auth: { user: 'worker', pass: 'guess' },
    });
    await expect(wrong.send(envelope(), message(2))).rejects.toMatchObject({ code: 'EAUTH' });
    wrong.close();
    expect(server.received).toHaveLength(1);
  });

  it('refuses to send once closed, also to senders still waiting', async () => {
    server = await startServer();
    pool = new SmtpPool({ host: '127.0.0.1', port: server.port, maxConnections: 1 });
    const sending = pool.send(envelope(), message(1));
    const waiting = pool.send(envelope(), message(2));
    pool.close();
    await expect(waiting).rejects.toThrow('SMTP pool closed');
    // The message already on its way still goes out; its connection closes after it.
    await expect(sending).resolves.toMatchObject({ accepted: ['elev@example.dk'] });
    expect(server!.received).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.size).toBe(0);
    await expect(pool.send(envelope(), message(3))).rejects.toThrow('SMTP pool closed');
  });
});

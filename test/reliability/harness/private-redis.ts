import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port';

/**
 * A redis-server of the calling test alone, on a free loopback port and without persistence,
 * so the test can stop and start it; the machine's shared Redis is never touched. Started again
 * on the same port it comes back empty, as after losing an unpersisted Redis.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    if (this.child) throw new Error('redis-server is already running');
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await this.waitUntilAnswering();
  }

  /** Kills the server at once, as a crash would. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private async waitUntilAnswering(): Promise<void> {
    const client = new Redis({
      port: this.port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      for (let attempt = 0; attempt < 100; attempt++) {
        if (
          await client.connect().then(
            () => client.ping(),
            () => undefined,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`redis-server on port ${this.port} did not answer`);
    } finally {
      client.disconnect();
    }
  }
}

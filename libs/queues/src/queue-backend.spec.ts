import { queueConnection, queueSchema, settleQueueBackend } from './queue-backend';

describe('queueSchema', () => {
  it('names the schema after the prefix, as a plain identifier', () => {
    expect(queueSchema('biotekbyen')).toBe('biotekbyen_queues');
    expect(queueSchema('Site-B{1}')).toBe('site_b_1__queues');
    expect(queueSchema('1st')).toBe('q_1st_queues');
  });

  it('keeps long prefixes apart within PostgreSQL’s 63 characters', () => {
    const a = queueSchema(`biotekbyen-test-12345_abcdef12-n1a2b3-crash-${'x'.repeat(30)}-a`);
    const b = queueSchema(`biotekbyen-test-12345_abcdef12-n1a2b3-crash-${'x'.repeat(30)}-b`);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^[a-z_][a-z0-9_]*_queues$/);
    expect(a).not.toBe(b);
  });
});

describe('settleQueueBackend', () => {
  it('keeps a backend that is set, and takes redis when REDIS_URL is set', async () => {
    expect(await settleQueueBackend({ QUEUE_BACKEND: 'postgres', REDIS_URL: 'redis://x' })).toBe(
      'postgres',
    );
    const env: Record<string, string | undefined> = { REDIS_URL: 'redis://127.0.0.1:1' };
    expect(await settleQueueBackend(env)).toBe('redis');
    expect(env.QUEUE_BACKEND).toBe('redis');
  });
});

describe('queueConnection', () => {
  const config = {
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'site',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/biotekbyen',
  };

  it('gives pool options in the prefix’s schema on postgres', () => {
    expect(queueConnection({ ...config, QUEUE_BACKEND: 'postgres' }, 'worker')).toMatchObject({
      connectionString: config.DATABASE_URL,
      schema: 'site_queues',
    });
  });

  it('gives Redis options on redis, failing fast for producers only', () => {
    expect(queueConnection({ ...config, QUEUE_BACKEND: 'redis' }, 'producer')).toMatchObject({
      host: '127.0.0.1',
      enableOfflineQueue: false,
    });
    expect(queueConnection({ ...config, QUEUE_BACKEND: 'redis' }, 'worker')).toMatchObject({
      maxRetriesPerRequest: null,
    });
  });
});

import { runEntryPoint } from '../support/processes';

const UNREACHABLE_POSTGRES = 'postgres://postgres@127.0.0.1:1/biotekbyen';
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

describe('entry points', () => {
  it('the worker starts, reports ready, and closes everything on SIGTERM', async () => {
    const worker = runEntryPoint('apps/worker/src/main.ts', [], { LOG_LEVEL: 'info' });
    await worker.waitFor(/worker ready/);
    worker.child.kill('SIGTERM');
    await worker.waitFor(/worker stopped/);
    // Nest re-raises the signal once every module has shut down.
    await expect(worker.exited).resolves.toEqual({ code: null, signal: 'SIGTERM' });
  }, 60_000);

  it.each([
    ['api', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
    ['cli', 'apps/cli/src/main.ts'],
  ])(
    'the %s stops with one line naming PostgreSQL when it is unreachable',
    async (_name, entry) => {
      const run = runEntryPoint(entry, entry.includes('cli') ? ['migrate'] : [], {
        DATABASE_URL: UNREACHABLE_POSTGRES,
      });
      await expect(run.exited).resolves.toEqual({ code: 1, signal: null });
      expect(run.output().trim()).toBe(
        `PostgreSQL is not reachable at ${UNREACHABLE_POSTGRES} (ECONNREFUSED). ` +
          'Start it (for example `docker compose up -d postgres`) or set DATABASE_URL.',
      );
    },
    60_000,
  );

  it.each([
    ['api', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
  ])(
    'the %s stops with one line naming Redis when it is unreachable',
    async (_name, entry) => {
      const run = runEntryPoint(entry, [], { REDIS_URL: UNREACHABLE_REDIS });
      await expect(run.exited).resolves.toEqual({ code: 1, signal: null });
      expect(run.output().trim()).toBe(
        `Redis is not reachable at ${UNREACHABLE_REDIS} (ECONNREFUSED). ` +
          'Start it (for example `docker compose up -d redis`) or set REDIS_URL.',
      );
    },
    60_000,
  );
});

/**
 * `npm run bench:round`: seeds 100k students and 20k slots with 10 preferences each into a fresh
 * database, runs the round through the real (built) worker, publishes the offers, and prints the
 * time of each phase. Usage: npm run bench:round [-- --students N --slots N --preferences N];
 * QUEUE_BACKEND=postgres measures the queues on PostgreSQL (default: redis).
 */
import { NODE_FLAGS } from '../scripts/node-flags';
import { loadConfig } from '@app/config';
import { asOneRole, dataSourceOptions, dropDatabase, prepareDatabase } from '@app/database';
import { PlacementsModule, PlacementsService } from '@app/placements';
import { migrateQueueSchema, QueuesModule } from '@app/queues';
import { RoundsModule, RoundsService } from '@app/rounds';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@app/config';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { seedMarket } from './round/seed-market';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '100000' },
    slots: { type: 'string', default: '20000' },
    preferences: { type: 'string', default: '10' },
  },
});
const size = {
  students: Number(values.students),
  slots: Number(values.slots),
  preferences: Number(values.preferences),
};

const runId = randomBytes(4).toString('hex');
const server = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/x').replace(
  /\/[^/]*$/,
  '',
);
Object.assign(process.env, {
  DATABASE_URL: `${server}/biotekbyen_bench_${runId}`,
  REDIS_PREFIX: `biotekbyen-bench-${runId}`,
  LOG_LEVEL: 'info',
  MIGRATE_ON_START: 'false',
  QUEUE_BACKEND: process.env.QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis',
});

@Module({
  imports: [
    ConfigModule,
    TypeOrmModule.forRoot(dataSourceOptions(process.env.DATABASE_URL!)),
    QueuesModule.forRole('producer'),
    RoundsModule,
    PlacementsModule,
  ],
})
class BenchModule {}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(asOneRole(config.DATABASE_URL), { create: true, migrate: true });
  if (config.QUEUE_BACKEND === 'postgres') {
    await migrateQueueSchema({ ...config, DATABASE_OWNER_URL: config.DATABASE_URL });
  }
  const app = await NestFactory.createApplicationContext(BenchModule, {
    logger: ['error', 'warn'],
  });
  const worker = startWorker();
  try {
    let t = performance.now();
    const roundId = await seedMarket(app.get(DataSource), size);
    console.log(
      `Seeded ${size.students} students, ${size.slots} slots, ${size.preferences} preferences each in ${seconds(performance.now() - t)}`,
    );
    await worker.ready;

    const rounds = app.get(RoundsService);
    const started = performance.now();
    await rounds.requestRun(roundId);
    const runLog = await worker.roundRun;
    const matchedAt = performance.now();
    t = performance.now();
    await app.get(PlacementsService).publish(roundId);
    const publishMs = performance.now() - t;
    const total = performance.now() - started;
    const [run] = await app
      .get(DataSource)
      .query(`SELECT matched, students, proposals FROM round_runs WHERE round_id = $1`, [roundId]);

    console.log(
      `\nRound through the worker, queues on ${config.QUEUE_BACKEND} (${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version})`,
    );
    console.log(
      `  load (read the round from PostgreSQL, order applicants) ${seconds(runLog.loadMs)}`,
    );
    console.log(
      `  match (engine and stability check, worker thread)       ${seconds(runLog.matchMs)}`,
    );
    console.log(
      `  persist (assignments, cutoffs, run record)              ${seconds(runLog.persistMs)}`,
    );
    console.log(
      `  queue wait and pick-up                                  ${seconds(matchedAt - started - runLog.loadMs - runLog.matchMs - runLog.persistMs)}`,
    );
    console.log(`  enqueue offers (publish: placements and expiry job)     ${seconds(publishMs)}`);
    console.log(
      `  total, run request to published offers                  ${seconds(total)}  (target < 30 s)`,
    );
    console.log(`  matched ${run.matched} of ${run.students} students; ${run.proposals} proposals`);
  } finally {
    worker.stop();
    await app.close();
    await dropDatabase(asOneRole(config.DATABASE_URL));
    if (config.QUEUE_BACKEND === 'redis') await deleteKeys(config.REDIS_URL, config.REDIS_PREFIX);
  }
}

interface RunLog {
  loadMs: number;
  matchMs: number;
  persistMs: number;
}

/** The built worker as its own process, as in production. */
function startWorker() {
  const build = spawnSync(process.execPath, ['scripts/ensure-built.js', 'worker'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the worker failed');
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS.worker, 'dist/apps/worker/apps/worker/src/main.js'],
    {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  const lines: ((line: Record<string, unknown>) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    let newline: number;
    while ((newline = output.indexOf('\n')) >= 0) {
      const line = output.slice(0, newline);
      output = output.slice(newline + 1);
      try {
        const parsed = JSON.parse(line);
        lines.forEach((listener) => listener(parsed));
      } catch {
        // not a log line
      }
    }
  });
  const waitFor = <T>(pick: (line: Record<string, unknown>) => T | undefined) =>
    new Promise<T>((resolve, reject) => {
      lines.push((line) => {
        const value = pick(line);
        if (value !== undefined) resolve(value);
      });
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
  return {
    ready: waitFor((line) => (line.msg === 'worker ready' ? true : undefined)),
    roundRun: waitFor((line) =>
      line.msg === 'round run matched' ? (line as unknown as RunLog) : undefined,
    ),
    stop: () => child.kill('SIGTERM'),
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.unlink(...keys);
  redis.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Notification benchmark (`npm run bench:notifications`): e-mails written to the outbox in
 * transactions of 1,000, as services emit them, go through the relay, one built worker process
 * and pooled SMTP to a sink on loopback. Reports throughput and the delay from the event (the
 * outbox row's created_at) to delivery, and checks that every message arrived exactly once.
 * Figures are recorded in docs/BENCHMARKS.md. Target: at least 1,000 deliveries per second on
 * one worker on the redis queue backend; none on postgres (`QUEUE_BACKEND=postgres`).
 */
import { asOneRole, dropDatabase, prepareDatabase } from '@app/database';
import {
  JobName,
  jobIds,
  migrateQueueSchema,
  queueConnection,
  QueueName,
  useQueueBackend,
} from '@app/queues';
import { Queue } from 'bullmq';
import { spawn, spawnSync } from 'node:child_process';
import { NODE_FLAGS } from '../scripts/node-flags';
import { cpus, totalmem } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startSmtpSink } from '../scripts/smtp-sink';

const TOTAL = Number(process.env.BENCH_NOTIFICATIONS ?? 100_000);
/** Events per second; unset: as fast as PostgreSQL takes them (a burst that builds a backlog). */
/** Extra node flags for the worker, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const WORKER_NODE_FLAGS = (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const WORKER_MAIN = 'dist/apps/worker/apps/worker/src/main.js';
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
/** A burst writes transactions of 1,000 rows; a paced run ten transactions a second. */
const PER_TRANSACTION = RATE ? Math.max(1, Math.round(RATE / 10)) : 1_000;
const RECIPIENTS = 1_000;
const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE_URL = `${SERVER}/biotekbyen_bench_notifications`;
const REDIS_PREFIX = `bench-notifications-${process.pid}`;
/** The queue backend measured: QUEUE_BACKEND, redis unless set. */
const QUEUE_BACKEND = process.env.QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = path.resolve(__dirname, '..');

interface Figures {
  delivered: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
}

async function main(): Promise<void> {
  build();
  printMachine();
  await dropDatabase(asOneRole(DATABASE_URL));
  await prepareDatabase(asOneRole(DATABASE_URL), { create: true, migrate: true });
  if (QUEUE_BACKEND === 'postgres')
    await migrateQueueSchema({ DATABASE_URL, DATABASE_OWNER_URL: DATABASE_URL, REDIS_PREFIX });
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const sink = await startSmtpSink({ keep: false });
  useQueueBackend(QUEUE_BACKEND);
  const outbox = new Queue(QueueName.Outbox, {
    connection: queueConnection({ QUEUE_BACKEND, REDIS_URL, REDIS_PREFIX, DATABASE_URL }, 'worker'),
    prefix: REDIS_PREFIX,
  });
  const worker = startWorker(sink.port);
  try {
    await seedRecipients(db);
    await worker.ready;
    const emitted = Date.now();
    await emit(db, outbox);
    console.log(`emitted ${TOTAL} in ${((Date.now() - emitted) / 1000).toFixed(1)} s`);
    const figures = await waitForDeliveries(db);
    report(figures, sink.received());
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await sink.close();
    await outbox.close();
    await db.end();
    await dropDatabase(asOneRole(DATABASE_URL));
  }
}

function build(): void {
  const result = spawnSync(process.execPath, ['scripts/ensure-built.js', 'worker'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('could not build the worker');
}

function printMachine(): void {
  const cpu = cpus();
  const memory = Math.round(totalmem() / 2 ** 30);
  console.log(`${cpu.length} × ${cpu[0]?.model}, ${memory} GiB, Node ${process.version}`);
  const pace = RATE ? `${RATE} per second` : 'as one burst';
  console.log(
    `${TOTAL} e-mails to ${RECIPIENTS} recipients, emitted ${pace}, one worker process, queues on ${QUEUE_BACKEND}`,
  );
}

function startWorker(smtpPort: number) {
  const child = spawn(process.execPath, [...NODE_FLAGS.worker, ...WORKER_NODE_FLAGS, WORKER_MAIN], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL,
      REDIS_PREFIX,
      QUEUE_BACKEND,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      LOG_LEVEL: 'info',
      MIGRATE_ON_START: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the worker exited (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve();
    });
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return { child, ready, exited };
}

async function seedRecipients(db: Client): Promise<void> {
  await db.query(
    `INSERT INTO users (email, display_name, role)
     SELECT 'bench-' || i || '@bench.example', 'Modtager ' || i, 'admin'
     FROM generate_series(1, $1) AS i`,
    [RECIPIENTS],
  );
}

/**
 * Transactions of PER_TRANSACTION rows, back to back or paced to RATE, each followed by the
 * relay request that NotificationsService.emit makes after a commit.
 */
async function emit(db: Client, outbox: Queue): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users ORDER BY email`);
  const recipients = rows.map((row) => row.id);
  const started = Date.now();
  for (let first = 0; first < TOTAL; first += PER_TRANSACTION) {
    if (RATE) {
      const due = started + (first / RATE) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    await db.query(
      `INSERT INTO outbox (event, recipient_user_id, channel, payload, dedupe_key)
       SELECT 'offer.made', r.id, 'email',
              jsonb_build_object('placementId', gen_random_uuid(), 'roundId', gen_random_uuid(),
                                 'slotTitle', 'Laborant', 'organisationName', 'Novo Nordisk',
                                 'deadline', '2026-12-04T11:00:00Z'),
              'offer.made:bench-' || i || ':' || r.id || ':email'
       FROM generate_series($1::int, $2::int) AS i,
            LATERAL (SELECT ($3::uuid[])[1 + i % cardinality($3::uuid[])] AS id) r`,
      [first, Math.min(first + PER_TRANSACTION, TOTAL) - 1, recipients],
    );
    await outbox.add(
      JobName.RelayOutbox,
      {},
      { jobId: jobIds.outboxRelay(), removeOnComplete: true, removeOnFail: true },
    );
  }
}

async function waitForDeliveries(db: Client): Promise<Figures> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const [row] = (
      await db.query<{ done: number }>(
        `SELECT count(*)::int AS done FROM outbox WHERE status IN ('delivered', 'failed')`,
      )
    ).rows;
    if (row.done >= TOTAL) break;
    if (Date.now() > deadline) throw new Error(`only ${row.done} of ${TOTAL} done in 15 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { rows } = await db.query<Figures>(
    `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            extract(epoch FROM max(delivered_at) - min(created_at))::float AS seconds,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at))::float AS p99,
            max(extract(epoch FROM delivered_at - created_at))::float AS max
     FROM outbox`,
  );
  return rows[0];
}

function report(figures: Figures, received: number): void {
  const rate = figures.delivered / figures.seconds;
  console.log('');
  console.log(
    '| e-mails | delivered | failed | received by the sink | wall time | per second | delay p50 | delay p99 | delay max |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(
    `| ${TOTAL} | ${figures.delivered} | ${figures.failed} | ${received} | ` +
      `${figures.seconds.toFixed(1)} s | ${Math.round(rate)} | ${figures.p50.toFixed(2)} s | ` +
      `${figures.p99.toFixed(2)} s | ${figures.max.toFixed(2)} s |`,
  );
  if (received !== figures.delivered)
    console.log('MISMATCH: the sink did not get one message per row');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

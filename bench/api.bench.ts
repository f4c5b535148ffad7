/**
 * `npm run bench:api`: requests per second and latency of the main authenticated reads, against
 * the built api as its own process on a throwaway database (one school of 10k students), next to
 * a bare Nest app's hello-world route as the ceiling. 100 connections, 10 s each, loopback only.
 * Targets: each read at >= 50% of the ceiling's requests per second, p99 <= 50 ms.
 */
import { loadConfig, RUNTIME_ROLE, withUser } from '@app/config';
import { dataSourceOptions, dropDatabase, prepareDatabase } from '@app/database';
import { hashPassword } from '@app/accounts';
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { BenchWorld, seedSchool } from './api/seed-school';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = 10;
const WARM_UP_S = 2;
const STUDENTS = 10_000;
const SLOTS = 1_000;
const PASSWORD = 'bench-password-not-secret';
const API_PORT = 3901;
const HELLO_PORT = 3902;

/** `BENCH_ROUTES=student,coordinator` measures only the targets whose name holds one of these. */
const ROUTES = (process.env.BENCH_ROUTES ?? '').split(',').filter(Boolean);
/** Extra node flags for the api process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
const API_NODE_FLAGS = (process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean);

const runId = randomBytes(4).toString('hex');
const server = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/x').replace(
  /\/[^/]*$/,
  '',
);
const env = {
  ...process.env,
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(24).toString('hex'),
  // As in production: the api connects as the runtime role, which the server's superuser sets up.
  DATABASE_URL: withUser(`${server}/biotekbyen_bench_api_${runId}`, RUNTIME_ROLE),
  DATABASE_ADMIN_URL: `${server}/postgres`,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `biotekbyen-bench-api-${runId}`,
  MIGRATE_ON_START: 'false',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};

interface Target {
  name: string;
  url: string;
  token?: string;
  /** The process serving the route, whose CPU time per request is reported. */
  pid: number;
}

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU milliseconds per request: the serving process, and all PostgreSQL processes. */
  serverCpuMs: number;
  postgresCpuMs: number;
}

async function main(): Promise<void> {
  await prepareDatabase(loadConfig(env), { create: true, migrate: true });
  const children: ChildProcess[] = [];
  try {
    const world = await seed();
    children.push(
      await startProcess(
        [...API_NODE_FLAGS, 'dist/apps/api/apps/api/src/main.js'],
        API_PORT,
        /listening/,
      ),
    );
    children.push(
      await startProcess(
        ['-r', '@swc-node/register', 'bench/api/hello-app.ts'],
        HELLO_PORT,
        /listening/,
      ),
    );
    const targets = await targetsFor(world, children[0].pid!, children[1].pid!);
    const results: Measured[] = [];
    const chosen = targets.filter(
      (t, i) => i === 0 || ROUTES.length === 0 || ROUTES.some((r) => t.name.includes(r)),
    );
    for (const target of chosen) results.push(await measure(target));
    report(results);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await dropDatabase(loadConfig(env));
    await deleteKeys();
  }
}

async function seed(): Promise<BenchWorld> {
  const db = new DataSource({ ...dataSourceOptions(env.DATABASE_URL), logging: false });
  await db.initialize();
  try {
    const started = Date.now();
    const world = await seedSchool(db, {
      students: STUDENTS,
      slots: SLOTS,
      passwordHash: await hashPassword(PASSWORD),
    });
    await db.query('ANALYZE');
    console.log(`Seeded ${STUDENTS} students, ${SLOTS} slots in ${Date.now() - started} ms`);
    return world;
  } finally {
    await db.destroy();
  }
}

function startProcess(args: string[], port: number, ready: RegExp): Promise<ChildProcess> {
  if (args.some((arg) => arg.startsWith('dist/apps/api'))) {
    const build = spawnSync(process.execPath, ['scripts/ensure-built.js', 'api'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('building the api failed');
  }
  const child = spawn(process.execPath, args, {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)),
    );
  });
}

async function targetsFor(world: BenchWorld, apiPid: number, helloPid: number): Promise<Target[]> {
  const token = async (email: string) => {
    const response = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const api = `http://127.0.0.1:${API_PORT}/api`;
  return [
    {
      name: 'ceiling: bare Nest GET /hello',
      url: `http://127.0.0.1:${HELLO_PORT}/hello`,
      pid: helloPid,
    },
    {
      name: "student's GET /api/slots",
      url: `${api}/slots`,
      pid: apiPid,
      token: await token(world.emails.student),
    },
    {
      name: "reviewer's GET .../applicants",
      url: `${api}/rounds/${world.roundId}/slots/${world.slotId}/applicants`,
      pid: apiPid,
      token: await token(world.emails.reviewer),
    },
    {
      name: "coordinator's GET /api/students",
      url: `${api}/students`,
      pid: apiPid,
      token: await token(world.emails.coordinator),
    },
  ];
}

async function measure(target: Target): Promise<Measured> {
  const headers = target.token ? { authorization: `Bearer ${target.token}` } : undefined;
  await autocannon({ url: target.url, connections: CONNECTIONS, duration: WARM_UP_S, headers });
  const before = { server: cpuTicks([target.pid]), postgres: cpuTicks(postgresPids()) };
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
  });
  const perRequest = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND / result.requests.total;
  return {
    serverCpuMs: perRequest(cpuTicks([target.pid]) - before.server),
    postgresCpuMs: perRequest(cpuTicks(postgresPids()) - before.postgres),
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

/** Linux's clock ticks (USER_HZ), in which /proc reports CPU time. */
const TICKS_PER_SECOND = 100;

/** User and system CPU time of these processes so far, in clock ticks (Linux /proc). */
function cpuTicks(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading: its time is gone from both readings.
    }
  }
  return total;
}

/** The PostgreSQL backends serving the benchmark's database (their title names it). */
function postgresPids(): number[] {
  const database = new URL(env.DATABASE_URL).pathname.slice(1);
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return title.startsWith('postgres:') && title.includes(` ${database} `);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function report(results: Measured[]): void {
  const ceiling = results[0].rps;
  console.log(
    `\nAPI reads, ${CONNECTIONS} connections, ${DURATION_S} s each (${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}, LOG_LEVEL=${env.LOG_LEVEL})`,
  );
  console.log(
    '| route | req/s | % of ceiling | p50 | p99 | errors | CPU ms/request: server, PostgreSQL | target met |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [i, r] of results.entries()) {
    const share = (100 * r.rps) / ceiling;
    const met = i === 0 ? '–' : share >= 50 && r.p99 <= 50 && r.non2xx === 0 ? 'yes' : 'no';
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${share.toFixed(0)}% | ${r.p50} ms | ${r.p99} ms | ${r.non2xx} | ${r.serverCpuMs.toFixed(2)}, ${r.postgresCpuMs.toFixed(2)} | ${met} |`,
    );
  }
}

async function deleteKeys(): Promise<void> {
  const redis = new Redis(env.REDIS_URL);
  try {
    const keys = await redis.keys(`${env.REDIS_PREFIX}*`);
    if (keys.length > 0) await redis.unlink(...keys);
  } finally {
    redis.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

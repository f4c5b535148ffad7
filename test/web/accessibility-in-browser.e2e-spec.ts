import { INestApplication } from '@nestjs/common';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { pageWidth, seriousViolations } from './accessibility';
import { newContext, signedIn, startWebApp } from './browser';

const WIDTHS = [1280, 375];

/** Every screen of each role, as its menu and header reach them. */
const SCREENS = {
  student: [
    '/overview',
    '/slots',
    '/ranking',
    '/outcomes',
    '/profile',
    '/enrolments',
    '/notifications',
    '/account',
  ],
  coordinator: [
    '/students',
    // One student's page (the student who ranked in the open round and has placements).
    '/students/student?id=:student',
    '/students/import',
    '/school-report',
    '/outcomes',
    '/supply-demand',
    '/notifications',
    '/account',
  ],
  reviewer: [
    '/my-slots',
    '/applicants',
    '/interns',
    '/outcomes',
    '/hiring-needs',
    '/supply-demand',
    '/notifications',
    '/account',
  ],
  admin: [
    '/rounds',
    '/reports',
    '/students',
    '/students/student?id=:student',
    '/outcomes',
    '/supply-demand',
    '/hiring-needs',
    '/organisations',
    '/accounts',
    '/failed-notifications',
    '/notifications',
    '/account',
  ],
} as const;

/**
 * Every screen of every role, at a desktop and a phone width, checked by axe-core against
 * WCAG 2.1 AA (no serious or critical violation) and for a page no wider than the window.
 */
describe('every screen, by axe-core, at 1280 and 375 px', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;
  let studentId = '';
  const tokens: Record<keyof typeof SCREENS, string> = {
    student: '',
    coordinator: '',
    reviewer: '',
    admin: '',
  };

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
    const make = new Factories(app);
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Gymnasium ${stamp}`);
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer', `Vært ${stamp}`);
    const slots = [
      await make.aSlot(host, { title: `Laboratoriet ${stamp}`, programmeIds: [programme.id] }),
      await make.aSlot(host, { title: `Pilotanlægget ${stamp}`, capacity: 2 }),
      await make.aSlot(host, { title: `Kun for andre ${stamp}`, minAge: 30 }),
    ];
    const round = await make.anOpenRound(slots.map((slot) => ({ id: slot.id, seats: 1 })));
    const student = await make.aStudent(school, programme, { fullName: `Freja ${stamp}` });
    await as(app, student.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slots[0].id, slots[1].id] })
      .expect(200);
    // Two placements that have ended: one with an outcome the student objected to, one the
    // host has yet to record, so the outcome screens show their forms.
    const ended = { startsOn: '2025-01-06', endsOn: '2025-03-28' };
    const done = await make.aPlacement(
      student.studentId!,
      (await make.aSlot(host, { title: `Sidste år ${stamp}`, ...ended })).id,
      'confirmed',
    );
    const reviewer = await make.aUser('reviewer', host);
    await as(app, reviewer.token)
      .put(`/api/placements/${done.id}/outcome`, { completed: true, jobOffer: 'offered' })
      .expect(200);
    await as(app, student.token)
      .post(`/api/placements/${done.id}/outcome/contest`, { reason: 'Jeg sagde ja tak' })
      .expect(200);
    const intern = await make.aStudent(school, programme, { fullName: `Karl ${stamp}` });
    await make.aPlacement(
      intern.studentId!,
      (await make.aSlot(host, { title: `Forrige år ${stamp}`, ...ended })).id,
      'confirmed',
    );
    // Another school asks the student to enrol, so "my schools" shows its question.
    const next = await make.anOrganisation('school', `NEXT ${stamp}`);
    const nextProgramme = await make.aProgramme(next.id, 'Laboratorietekniker');
    await as(app, (await make.aUser('coordinator', next)).token)
      .post('/api/students/enrolments', { email: student.email, programmeId: nextProgramme.id })
      .expect(202);
    tokens.student = student.token;
    studentId = student.studentId!;
    tokens.coordinator = (await make.aUser('coordinator', school)).token;
    tokens.reviewer = reviewer.token;
    // An applicant under 18, marked not acceptable: the reviewer's screen shows both.
    const minor = await make.aStudent(school, programme, { birthDate: '2010-03-01' });
    await as(app, minor.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slots[1].id, slots[0].id] })
      .expect(200);
    await as(app, tokens.reviewer)
      .put(
        `/api/rounds/${round.id}/slots/${slots[0].id}/applicants/${minor.studentId}/not-acceptable`,
      )
      .expect(200);
    tokens.admin = (await make.aUser('admin')).token;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Opens the screen and waits until it has loaded what it shows. */
  async function settle(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.locator('h1').first().waitFor({ state: 'visible', timeout: 20_000 });
    // Polled from here: the app's Content-Security-Policy forbids the page-side eval that
    // waitForFunction with a string would need.
    const deadline = Date.now() + 20_000;
    while ((await page.locator('.loading').count()) > 0) {
      if (Date.now() > deadline) throw new Error(`${path} is still loading`);
      await page.waitForTimeout(100);
    }
  }

  async function check(context: BrowserContext, paths: readonly string[], width: number) {
    const problems: string[] = [];
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    for (const screen of paths) {
      const path = screen.replace(':student', studentId);
      await settle(page, path);
      for (const v of await seriousViolations(page)) {
        problems.push(
          `${path} @${width}: ${v.impact} ${v.rule} (${v.help}) ${v.targets.join(', ')}`,
        );
      }
      const size = await pageWidth(page);
      if (size.scroll > size.window) {
        problems.push(`${path} @${width}: ${size.scroll} px wide (${size.tooWide.join(', ')})`);
      }
    }
    await page.close();
    return problems;
  }

  it.each(WIDTHS)(
    'has no serious violation and fits the window before sign-in, at %i px',
    async (width) => {
      const context = await newContext(browser, baseURL);
      const problems = await check(context, ['/sign-in', '/invitation?token=x'], width);
      await context.close();
      expect(problems).toEqual([]);
    },
    60_000,
  );

  describe.each(Object.keys(SCREENS) as (keyof typeof SCREENS)[])('the %s', (role) => {
    it.each(WIDTHS)(
      'has no serious violation on any screen and fits the window, at %i px',
      async (width) => {
        const context = await signedIn(browser, baseURL, tokens[role]);
        const problems = await check(context, SCREENS[role], width);
        await context.close();
        expect(problems).toEqual([]);
      },
      120_000,
    );
  });
});

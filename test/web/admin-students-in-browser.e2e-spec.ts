import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { pageWidth, seriousViolations } from './accessibility';
import { signedIn, startWebApp } from './browser';

const focusedName = (page: Page) =>
  page.evaluate(
    '(document.activeElement.getAttribute("aria-label") || document.activeElement.textContent || "").trim()',
  ) as Promise<string>;

/** Presses Tab until the control named `name` has the focus (at most 60 times). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** No serious WCAG 2.1 AA violation, and no wider than the window. */
async function checked(page: Page): Promise<string[]> {
  const problems = (await seriousViolations(page)).map(
    (v) => `${v.impact} ${v.rule} (${v.help}) ${v.targets.join(', ')}`,
  );
  const size = await pageWidth(page);
  if (size.scroll > size.window) problems.push(`${size.scroll} px wide (${size.tooWide})`);
  return problems;
}

/**
 * An admin at a phone's width, by keyboard alone: finds a student by name from the menu and
 * opens the page the student's coordinator has (standing, ranked slots, the invitation).
 */
describe("an admin's students in the web app", () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a student by name and opens their page by keyboard, logged, at 375 px', async () => {
    const make = new Factories(app);
    const db = app.get(DataSource);
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Maskinmesterskolen ${stamp}`);
    const programme = await make.aProgramme(school.id, `Maskinmester ${stamp}`);
    const student = await make.aStudent(school, programme, { fullName: `Astrid ${stamp}` });
    const host = await make.anOrganisation('employer', `Kalundborg Forsyning ${stamp}`);
    const slot = await make.aSlot(host, { title: `Varmeværket ${stamp}` });
    await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
    const round = await make.anOpenRound([slot], `Efterår ${stamp}`);
    await as(app, student.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slot.id] })
      .expect(200);
    const admin = await make.aUser('admin');

    const context = await signedIn(browser, baseURL, admin.token);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/rounds');
    await page.getByRole('heading', { level: 1, name: 'Matchrunder' }).waitFor();

    await tabTo(page, 'Elever og studerende');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Elever og studerende' }).waitFor();
    await tabTo(page, '');
    expect(await page.evaluate('document.activeElement.getAttribute("type")')).toBe('search');
    await page.keyboard.type(`Astrid ${stamp}`);
    await page.keyboard.press('Enter');
    await page.getByText('1 fundet.').waitFor();
    expect(await checked(page)).toEqual([]);

    await tabTo(page, `Astrid ${stamp}`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Astrid ${stamp}` }).waitFor();
    await page.getByRole('heading', { name: `Efterår ${stamp}` }).waitFor();
    // Admins see which slots were ranked, not only how many.
    await page
      .getByRole('list', { name: 'Prioriterede praktikpladser' })
      .getByText(`Varmeværket ${stamp}`)
      .waitFor();
    expect(await checked(page)).toEqual([]);

    const logged: { purpose: string }[] = await db.query(
      `SELECT purpose FROM access_log WHERE actor_id = $1 AND $2 = ANY(student_ids)`,
      [admin.id, student.studentId],
    );
    // One row per read: the page asks once (the search page asked once too).
    expect(logged.map((row) => row.purpose).sort()).toEqual([
      'GET /api/students',
      'GET /api/students/:id/overview',
    ]);

    // Back to the search, which is as the admin left it.
    await tabTo(page, 'Tilbage til listen');
    await page.keyboard.press('Enter');
    await page.getByText('1 fundet.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
    await db.query(`UPDATE rounds SET status = 'closed' WHERE id = $1`, [round.id]);
  }, 120_000);
});

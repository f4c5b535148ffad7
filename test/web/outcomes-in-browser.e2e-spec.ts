import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { signedIn, startWebApp } from './browser';

const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A placement's outcome in the web app, at a phone's width and by keyboard alone: the host's
 * reviewer records it, the student reads it and objects, the coordinator sees both.
 */
describe('outcomes of placements in the web app', () => {
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

  async function phone(token: string): Promise<{ page: Page; errors: string[] }> {
    const context = await signedIn(browser, baseURL, token);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 375, height: 800 });
    return { page, errors };
  }

  /** What has the focus: its tag, type and name (a string: the app's CSP forbids eval). */
  const focused = (page: Page) =>
    page.evaluate(
      '[document.activeElement.tagName, document.activeElement.type, (document.activeElement.getAttribute("aria-label") || document.activeElement.textContent).trim()].join(" ")',
    ) as Promise<string>;

  /** Tabs forward until the focused element's description starts so, as a keyboard user would. */
  async function tabTo(page: Page, start: string, limit = 80) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if ((await focused(page)).startsWith(start)) return;
    }
    throw new Error(`never reached ${start} by Tab`);
  }

  it('lets the host record, the student object and the coordinator see both', async () => {
    const make = new Factories(app);
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Absalon ${stamp}`);
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer', `Novo ${stamp}`);
    const reviewer = await make.aUser('reviewer', host);
    const coordinator = await make.aUser('coordinator', school);
    const student = await make.aStudent(school, programme, { fullName: `Ida ${stamp}` });
    const slot = await make.aSlot(host, {
      title: `Fermentering ${stamp}`,
      startsOn: daysFromNow(-90),
      endsOn: daysFromNow(-2),
    });
    const placement = await make.aPlacement(student.studentId!, slot.id, 'confirmed');

    const host375 = await phone(reviewer.token);
    await host375.page.goto('/outcomes');
    const form = host375.page.getByRole('form', { name: `Udfald for Ida ${stamp}` });
    await form.waitFor({ state: 'visible' });
    await tabTo(host375.page, 'INPUT radio');
    await host375.page.keyboard.press('Space');
    await host375.page.keyboard.press('Tab');
    expect(await focused(host375.page)).toMatch(/^SELECT/);
    await form.getByLabel('Jobtilbud').selectOption('offered');
    await host375.page.keyboard.press('Tab');
    expect(await focused(host375.page)).toBe('BUTTON submit Gem udfald');
    await host375.page.keyboard.press('Enter');
    await host375.page.getByText('Udfaldet er gemt.').waitFor({ state: 'visible' });
    const db = app.get(DataSource);
    const [recorded] = await db.query(
      `SELECT completed, job_offer FROM placement_outcomes WHERE placement_id = $1`,
      [placement.id],
    );
    expect(recorded).toEqual({ completed: true, job_offer: 'offered' });
    expect(host375.errors).toEqual([]);

    const student375 = await phone(student.token);
    await student375.page.goto('/outcomes');
    const card = student375.page.getByRole('article', { name: `Fermentering ${stamp}` });
    await card.getByText('Gennemført · jobtilbud, ikke besvaret endnu').waitFor();
    await card.getByLabel('Hvad er forkert?').focus();
    await student375.page.keyboard.type('Jeg har sagt ja til jobbet');
    await student375.page.keyboard.press('Tab');
    await student375.page.keyboard.press('Enter');
    await student375.page.getByText('Din indsigelse er sendt.', { exact: false }).waitFor();
    expect(student375.errors).toEqual([]);

    const coordinator375 = await phone(coordinator.token);
    await coordinator375.page.goto('/outcomes');
    const seen = coordinator375.page.getByRole('article', { name: `Ida ${stamp}` });
    await seen.getByText('Jeg har sagt ja til jobbet').waitFor();
    await expect(seen.textContent()).resolves.toContain('jobtilbud, ikke besvaret endnu');
    const wide = await coordinator375.page.evaluate(
      'document.documentElement.scrollWidth > window.innerWidth',
    );
    expect(wide).toBe(false);
    expect(coordinator375.errors).toEqual([]);
  }, 120_000);
});

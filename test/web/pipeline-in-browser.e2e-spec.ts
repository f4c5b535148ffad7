import { INestApplication } from '@nestjs/common';
import { Browser, Locator } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { pageWidth, seriousViolations } from './accessibility';
import { signedIn, startWebApp } from './browser';

jest.setTimeout(120_000);

/** The pipeline dashboard of each role: the funnel table, small counts as <5, the help. */
describe('the pipeline dashboard in the web app', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows each role its funnel table at 375 px, withholding small counts, with the benchmarks in help', async () => {
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const host = await make.anOrganisation('employer');
    const cohort = new Date().getFullYear() - 1;
    const programme = await make.aProgramme(school.id);
    for (let i = 0; i < 3; i++) {
      await make.aStudent(school, programme, { expectedCompletion: `${cohort}-06` });
    }
    for (const user of [
      await make.aUser('admin'),
      await make.aUser('coordinator', school),
      await make.aUser('reviewer', host),
    ]) {
      const context = await signedIn(browser, baseURL, user.token);
      const page = await context.newPage();
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto('/pipeline');
      await page
        .getByRole('heading', { name: 'Fødekæden: fra skole til job i Kalundborg' })
        .waitFor({ state: 'visible' });
      const table = page.getByRole('table', {
        name: `Fødekæden for årgang ${cohort}`,
        exact: true,
      });
      await table.waitFor({ state: 'visible' });
      if (user.role === 'coordinator') {
        const row = table.getByRole('row', { name: new RegExp(school.name) });
        await expect(row.getByRole('cell').first().textContent()).resolves.toBe('<5');
      }
      await page.getByText('Sådan læses tallene').click();
      await page.getByText('ca. 55 %', { exact: false }).waitFor({ state: 'visible' });
      expect(await seriousViolations(page)).toEqual([]);
      expect((await pageWidth(page)).tooWide).toEqual([]);
      await context.close();
    }
  });

  it('draws the funnel and supply and demand as charts, small counts as <5, at both widths and in English', async () => {
    const make = new Factories(app);
    const cohort = new Date().getFullYear() - 2;
    // One school with eight students of the cohort (shown), one with three (withheld).
    const big = await make.anOrganisation('school');
    const small = await make.anOrganisation('school');
    const bigProgramme = await make.aProgramme(big.id);
    const smallProgramme = await make.aProgramme(small.id);
    const finishing = { expectedCompletion: `${cohort}-06` };
    for (let i = 0; i < 8; i++) await make.aStudent(big, bigProgramme, finishing);
    for (let i = 0; i < 3; i++) await make.aStudent(small, smallProgramme, finishing);
    const [bigName, smallName] = await Promise.all(
      [big, small].map(async (school) => {
        const [row] = await app
          .get(DataSource)
          .query(`SELECT name FROM organisations WHERE id = $1`, [school.id]);
        return row.name as string;
      }),
    );
    const admin = await make.aUser('admin');
    const context = await signedIn(browser, baseURL, admin.token);
    const page = await context.newPage();
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/pipeline');
      await page.getByRole('combobox').first().selectOption(String(cohort));
      const funnel = page.getByRole('figure', {
        name: `Fødekæden for årgang ${cohort}, trin for trin`,
      });
      await funnel.waitFor({ state: 'visible' });
      await expectWithheldDrawn(funnel, bigName, smallName, 0);
      await expectWithheldInTable(
        page.getByRole('table', { name: `Fødekæden for årgang ${cohort}`, exact: true }),
        smallName,
        0,
      );
      await page
        .getByRole('button', { name: 'Hent CSV', exact: true })
        .waitFor({ state: 'visible' });
      expect(await seriousViolations(page)).toEqual([]);
      expect((await pageWidth(page)).tooWide).toEqual([]);

      await page.goto('/supply-demand');
      await page.getByRole('combobox').first().selectOption(String(cohort));
      const supply = page.getByRole('figure', {
        name: `Udbud og efterspørgsel ${cohort} pr. uddannelse`,
      });
      await supply.waitFor({ state: 'visible' });
      await expectWithheldDrawn(supply, bigName, smallName, 1);
      await expectWithheldInTable(
        page.getByRole('table', { name: `Udbud og efterspørgsel ${cohort}`, exact: true }),
        smallName,
        1,
      );
      expect(await seriousViolations(page)).toEqual([]);
      expect((await pageWidth(page)).tooWide).toEqual([]);
    }
    await page.goto('/pipeline');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('combobox').first().selectOption(String(cohort));
    await page
      .getByRole('figure', { name: `The pipeline of cohort ${cohort}, step by step` })
      .waitFor({ state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

/**
 * In a chart, the bar of the students (the series at `bar`): the big school's says 8, the small
 * school's is the hatched band written "<5", and no bar anywhere is written as 1 to 4.
 */
async function expectWithheldDrawn(
  chart: Locator,
  bigName: string,
  smallName: string,
  bar: number,
): Promise<void> {
  const group = (name: string) => chart.locator('.chart-group').filter({ hasText: name });
  await expect(group(bigName).locator('.bar-value').nth(bar).textContent()).resolves.toMatch(
    /^8\b/,
  );
  const small = group(smallName);
  await expect(small.locator('.bar-value').nth(bar).textContent()).resolves.toBe('<5');
  await expect(small.locator('.bar').nth(bar).getAttribute('class')).resolves.toMatch(/withheld/);
  const values = await chart.locator('.bar-value').allTextContents();
  expect(values.filter((value) => /^[1-4](\D|$)/.test(value))).toEqual([]);
}

/**
 * The table beside the chart, its text alternative, withholds the same cell; the column's total,
 * withheld so the small cell cannot be worked out, reads "skjult", never "<5" (it may be large).
 */
async function expectWithheldInTable(table: Locator, smallName: string, cell: number) {
  const row = table.getByRole('row', { name: new RegExp(smallName) });
  await expect(row.getByRole('cell').nth(cell).textContent()).resolves.toBe('<5');
  const total = table.getByRole('row', { name: /^I alt/ });
  await expect(total.getByRole('cell').nth(cell).textContent()).resolves.toMatch(/^skjult/);
}

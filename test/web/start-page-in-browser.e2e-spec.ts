import { INestApplication } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { pageWidth, seriousViolations } from './accessibility';
import { signedIn, startWebApp } from './browser';

jest.setTimeout(120_000);

/** The to-dos on each role's first screen, and the files of a report, in the browser. */
describe("the start page's to-dos and the downloads in the web app", () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;
  let make: Factories;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
    make = new Factories(app);
    db = app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a student and a reviewer their to-dos at 375 px, each a link followed by keyboard', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const student = await make.aStudent(school, programme);
    const intern = await make.aStudent(school, programme);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 2 });
    const round = await make.anOpenRound([{ id: slot.id, seats: 2 }]);
    await make.aPlacement(intern.studentId!, slot.id);
    const reviewer = await make.aUser('reviewer', host);

    const cases = [
      {
        token: student.token,
        link: `Prioritér praktikpladser i ${round.name}`,
        lands: /\/ranking$/,
      },
      {
        token: reviewer.token,
        link: '1 praktikant venter på jeres bekræftelse',
        lands: /\/interns$/,
      },
    ];
    for (const { token, link, lands } of cases) {
      const context = await signedIn(browser, baseURL, token);
      const page = await context.newPage();
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto('/');
      await page.getByRole('heading', { name: 'Det venter på dig' }).waitFor({ state: 'visible' });
      const item = page.getByRole('link', { name: link });
      await item.waitFor({ state: 'visible' });
      expect(await seriousViolations(page)).toEqual([]);
      expect((await pageWidth(page)).tooWide).toEqual([]);
      await item.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(lands);
      await context.close();
    }
    // Once ranked, the student's to-do is gone.
    await db.query(
      `INSERT INTO preferences (round_id, student_id, slot_id, rank) VALUES ($1, $2, $3, 1)`,
      [round.id, student.studentId, slot.id],
    );
    const context = await signedIn(browser, baseURL, student.token);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Det venter på dig' }).waitFor({ state: 'visible' });
    await page.getByRole('list').first().waitFor({ state: 'attached' });
    expect(await page.getByRole('link', { name: new RegExp(round.name) }).count()).toBe(0);
    await context.close();
  });

  it('downloads the supply-demand report as an Excel file with the figures of the screen', async () => {
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id, 'Laborant');
    const year = new Date().getFullYear();
    for (let i = 0; i < 2; i++) {
      await make.aStudent(school, programme, { expectedCompletion: `${year}-06` });
    }
    const coordinator = await make.aUser('coordinator', school);
    const context = await signedIn(browser, baseURL, coordinator.token);
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/supply-demand');
    const excel = page.getByRole('button', { name: 'Hent Excel' });
    await page.getByRole('button', { name: 'Hent CSV' }).waitFor({ state: 'visible' });
    // Enabled once the report is in.
    await page.locator('.downloads button:enabled', { hasText: 'Hent Excel' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    expect(download.suggestedFilename()).toBe(`supply-demand-${year}.xlsx`);
    const workbook = new Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      'year',
      'school',
      'programme',
      'hiringNeeds',
      'finishing',
      'placed',
      'gap',
    ]);
    // 2 finishers withheld; nobody placed is a zero, shown.
    expect(rows[1]).toEqual([year, school.name, 'Laborant', 0, '<5', 0]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

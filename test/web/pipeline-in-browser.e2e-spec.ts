import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Browser } from 'playwright-core';
import { Factories } from '../support/factories';
import { startApi } from '../support/test-app';
import { pageWidth, seriousViolations } from './accessibility';
import { ensureWebBuilt, launchChromium, signedIn } from './browser';

jest.setTimeout(120_000);

/** The pipeline dashboard of each role: the funnel table, small counts as <5, the help. */
describe('the pipeline dashboard in the web app', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    ensureWebBuilt();
    app = await startApi();
    await app.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
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
      await page
        .getByRole('table', { name: `Fødekæden for årgang ${cohort}` })
        .waitFor({ state: 'visible' });
      if (user.role === 'coordinator') {
        const row = page.getByRole('row', { name: new RegExp(school.name) });
        await expect(row.getByRole('cell').first().textContent()).resolves.toBe('<5');
      }
      await page.getByText('Sådan læses tallene').click();
      await page.getByText('ca. 55 %', { exact: false }).waitFor({ state: 'visible' });
      expect(await seriousViolations(page)).toEqual([]);
      expect((await pageWidth(page)).tooWide).toEqual([]);
      await context.close();
    }
  });
});

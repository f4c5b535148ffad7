import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { seriousViolations } from './accessibility';
import { signedIn, startWebApp } from './browser';

const focused = (page: Page) =>
  page.evaluate(`(() => {
    const e = document.activeElement;
    const label = e.closest('label');
    return { tag: e.tagName.toLowerCase(), type: e.getAttribute('type') || '',
             text: ((label ? label.textContent : e.textContent) || '').trim() };
  })()`) as Promise<{ tag: string; type: string; text: string }>;

/** Presses Tab until the focused element's text starts with `text`; fails after 60 presses. */
async function tabTo(page: Page, text: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).text.startsWith(text)) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

/** A student chooses which e-mails they get, with the keyboard only. */
describe('e-mail settings by keyboard', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;
  let make: Factories;

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
    make = new Factories(app);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('turns off reminders, keeps it after a reload, and never lets offers or deadlines go', async () => {
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    const page = await (await signedIn(browser, baseURL, student.token)).newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Min konto' }).waitFor({ timeout: 20_000 });

    await tabTo(page, 'Min konto');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Min konto' }).waitFor({ timeout: 20_000 });
    const reminders = page.getByRole('checkbox', { name: /^Påmindelser/ });
    await reminders.waitFor({ timeout: 20_000 });
    expect(await reminders.isChecked()).toBe(true);

    await tabTo(page, 'Påmindelser');
    await page.keyboard.press('Space');
    expect(await reminders.isChecked()).toBe(false);
    await tabTo(page, 'Gem e-mail-indstillinger');
    await page.keyboard.press('Enter');
    await page.getByText('Dine e-mail-indstillinger er gemt.').waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await reminders.waitFor({ timeout: 20_000 });
    expect(await reminders.isChecked()).toBe(false);
    const stored = await as(app, student.token).get('/api/me/email-settings').expect(200);
    expect(stored.body.topics).toContainEqual({ topic: 'reminders', email: false, optional: true });

    // Offers and deadlines are always sent: checked, and out of the keyboard's reach.
    for (const name of [/^Tilbud og svar på tilbud/, /^Svarfrister, der nærmer sig/]) {
      const box = page.getByRole('checkbox', { name });
      expect(await box.isChecked()).toBe(true);
      expect(await box.isDisabled()).toBe(true);
    }
    const reached: string[] = [];
    await page.getByRole('heading', { level: 1, name: 'Min konto' }).click();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.push((await focused(page)).text);
    }
    expect(reached.some((text) => text.startsWith('Påmindelser'))).toBe(true);
    expect(reached.some((text) => text.startsWith('Tilbud og svar'))).toBe(false);
    expect(reached.some((text) => text.startsWith('Svarfrister'))).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});

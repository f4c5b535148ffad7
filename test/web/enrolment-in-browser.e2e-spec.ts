import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { signedIn, startWebApp } from './browser';

/**
 * One person across schools in the web app, at a phone's width: NEXT's coordinator asks a
 * gymnasium student to enrol, the student confirms by keyboard and keeps their history.
 */
describe('enrolling an existing person in the web app', () => {
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

  it('asks, confirms and keeps the earlier placement with the person', async () => {
    const make = new Factories(app);
    const stamp = Date.now();
    const gymnasium = await make.anOrganisation('school', `Kalundborg Gymnasium ${stamp}`);
    const student = await make.aStudent(gymnasium, await make.aProgramme(gymnasium.id), {
      fullName: `Asta ${stamp}`,
    });
    const host = await make.anOrganisation('employer', `Novozymes ${stamp}`);
    const slot = await make.aSlot(host, {
      title: `Brobygning ${stamp}`,
      startsOn: '2025-03-03',
      endsOn: '2025-03-07',
    });
    await make.aPlacement(student.studentId!, slot.id, 'confirmed');
    const next = await make.anOrganisation('school', `NEXT ${stamp}`);
    await make.aProgramme(next.id, `Laboratorietekniker ${stamp}`);
    const coordinator = await make.aUser('coordinator', next);

    const staff = await phone(coordinator.token);
    await staff.page.goto('/students/import');
    const form = staff.page.getByRole('form', { name: 'Skriv en ind, der allerede har en konto' });
    await form.getByLabel('Personens e-mail').fill(student.email);
    await form
      .getByLabel('Uddannelse hos jer')
      .selectOption({ label: `Laboratorietekniker ${stamp}` });
    await form.getByRole('button', { name: 'Send forespørgsel' }).click();
    await staff.page.getByText('Sendt.', { exact: false }).waitFor();
    expect(staff.errors).toEqual([]);

    const person = await phone(student.token);
    await person.page.goto('/enrolments');
    const yes = person.page.getByRole('button', { name: `Ja, skriv mig ind på NEXT ${stamp}` });
    await yes.focus();
    await person.page.keyboard.press('Enter');
    await person.page.getByText(`Du er nu skrevet ind på NEXT ${stamp}.`).waitFor();
    await person.page.locator('.who').getByText(`· NEXT ${stamp}`, { exact: false }).waitFor();
    await person.page.getByText(`Kalundborg Gymnasium ${stamp}`).first().waitFor();

    // By the menu: a reload would bring back the signed-in window's first (now ended) token.
    await person.page.getByRole('link', { name: 'Udfald' }).click();
    await person.page.getByRole('article', { name: `Brobygning ${stamp}` }).waitFor();
    expect(person.errors).toEqual([]);
    const [row] = await app
      .get(DataSource)
      .query(`SELECT school_id AS "schoolId" FROM students WHERE user_id = $1`, [student.id]);
    expect(row.schoolId).toBe(next.id);
  }, 120_000);
});

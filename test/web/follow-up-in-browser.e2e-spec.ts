import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { pageWidth, seriousViolations } from './accessibility';
import { newContext, signedIn, startWebApp } from './browser';

jest.setTimeout(120_000);

/** A former intern answers their follow-up from the e-mail's link, without signing in. */
describe('the follow-up form in the web app', () => {
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

  /** A consenting student's follow-up with a link whose token the test knows. */
  async function aFollowUpLink(): Promise<{ token: string; studentId: string }> {
    const make = new Factories(app);
    const db = app.get(DataSource);
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id), {
      expectedCompletion: '2026-06',
    });
    await db.query(`INSERT INTO follow_up_consents (student_id, consented) VALUES ($1, true)`, [
      student.studentId,
    ]);
    // The worker draws the token when it sends the e-mail; here the test does.
    const token = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO follow_ups (student_id, months, due_on, expires_on, token_hash)
       VALUES ($1, 6, current_date, current_date + 90, $2)`,
      [student.studentId, createHash('sha256').update(token).digest()],
    );
    return { token, studentId: student.studentId! };
  }

  it('asks a student whose placement ended, on their profile at 375 px; yes and a withdrawal', async () => {
    const make = new Factories(app);
    const school = await make.anOrganisation('school');
    const host = await make.anOrganisation('employer');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    const day = (days: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const slot = await make.aSlot(host, { startsOn: day(-70), endsOn: day(-10) });
    await make.aPlacement(student.studentId!, slot.id, 'confirmed');
    const context = await signedIn(browser, baseURL, student.token);
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/profile');
    await page
      .getByRole('heading', { name: 'Hvad laver du om et par år?' })
      .waitFor({ state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);
    expect((await pageWidth(page)).tooWide).toEqual([]);
    await page.getByRole('button', { name: 'Ja, gerne' }).click();
    await page.getByText('Du har sagt ja.', { exact: false }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Træk mit ja tilbage og slet mine svar' }).click();
    await page.getByText('Du har sagt nej tak.').waitFor({ state: 'visible' });
    const [row] = await app
      .get(DataSource)
      .query(`SELECT consented FROM follow_up_consents WHERE student_id = $1`, [student.studentId]);
    expect(row).toEqual({ consented: false });
    await context.close();
  });

  it('takes one answer by keyboard at 375 px in Danish, passes axe, and refuses the link after', async () => {
    const host = await new Factories(app).anOrganisation('employer');
    const { token, studentId } = await aFollowUpLink();
    const errors: string[] = [];
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/follow-up#token=${token}`);
    await page.getByRole('heading', { name: 'Hvad laver du nu?' }).waitFor({ state: 'visible' });
    await page.getByText('Det er 6 måneder siden', { exact: false }).waitFor({ state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);
    const width = await pageWidth(page);
    expect(width.tooWide).toEqual([]);

    await page.getByLabel('Jeg arbejder hos en virksomhed eller institution i alliancen').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Hvor arbejder du?').selectOption(host.id);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send svar' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Tak for dit svar.').waitFor({ state: 'visible' });
    const [row] = await app
      .get(DataSource)
      .query(`SELECT situation, organisation_id FROM follow_ups WHERE student_id = $1`, [
        studentId,
      ]);
    expect(row).toEqual({ situation: 'alliance_member', organisation_id: host.id });

    await page.reload();
    await page
      .getByText('Linket kan ikke bruges længere', { exact: false })
      .waitFor({ state: 'visible' });
    await page.goto('/follow-up#token=forkert');
    await page.reload();
    await page
      .getByText('Linket virker ikke. Brug hele linket fra din e-mail.')
      .waitFor({ state: 'visible' });
    expect(errors).toEqual([]);
    await context.close();
  });
});

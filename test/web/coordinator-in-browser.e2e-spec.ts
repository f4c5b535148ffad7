import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as } from '../support/http';
import { signedIn, startWebApp } from './browser';

/**
 * A coordinator at a phone's width: one student's page (standing, profile corrected), the
 * school-wide messages asked once more, and next year's roster previewed before it is imported.
 */
describe("a coordinator's students in the web app", () => {
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

  it('follows a student, sends the messages and imports a roster after its preview', async () => {
    const make = new Factories(app);
    const db = app.get(DataSource);
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Absalon ${stamp}`);
    const programme = await make.aProgramme(school.id, `Bioanalytiker ${stamp}`);
    const coordinator = await make.aUser('coordinator', school);
    const returning = await make.aStudent(school, programme, { fullName: `Signe ${stamp}` });
    const invited = await as(app, coordinator.token)
      .post('/api/students', {
        email: `ny-${stamp}@test.example`,
        fullName: `Ny ${stamp}`,
        programmeId: programme.id,
        birthDate: '2006-03-01',
        availableFrom: '2027-02-01',
        availableTo: '2027-06-30',
      })
      .expect(201);
    await db.query(
      `UPDATE invitations SET created_at = created_at - interval '2 hours' WHERE user_id = $1`,
      [invited.body.userId],
    );
    const host = await make.anOrganisation('employer', `Novo ${stamp}`);
    const slot = await make.aSlot(host, { title: `Laboratoriet ${stamp}` });
    await db.query(`UPDATE rounds SET status = 'closed' WHERE status = 'open'`);
    const round = await make.anOpenRound([slot], `Forår ${stamp}`);
    await as(app, returning.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slot.id] })
      .expect(200);

    const { page, errors } = await phone(coordinator.token);
    await page.goto('/students');
    await page.getByRole('link', { name: `Signe ${stamp}` }).click();
    await page.getByRole('heading', { level: 1, name: `Signe ${stamp}` }).waitFor();
    await page.getByRole('heading', { name: `Forår ${stamp}` }).waitFor();
    await page.getByText('Har prioriteret').first().waitFor();
    const profile = page.getByRole('form', { name: 'Oplysninger' });
    await profile.getByLabel('Ledig til').fill('2027-08-31');
    await profile.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Gemt.').waitFor();

    await page.getByRole('link', { name: 'Tilbage til listen' }).click();
    await page.getByRole('button', { name: 'Send invitationer igen (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
    await page.getByText('1 har fået invitationen igen.').waitFor();
    await page.getByRole('button', { name: 'Mind dem, der ikke har prioriteret' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
    await page.getByText('1 har fået en påmindelse.').waitFor();

    await page.goto('/students/import');
    const csv = [
      'name,email,programme,birthDate,availableFrom,availableTo',
      `Signe ${stamp},${returning.email},Bioanalytiker ${stamp},2004-05-17,2027-02-01,2027-12-20`,
      `Theo ${stamp},theo-${stamp}@test.example,Bioanalytiker ${stamp},2007-01-01,2027-02-01,2027-06-30`,
    ].join('\n');
    await page
      .getByLabel('CSV-fil')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Tjek filen' }).click();
    await page.getByText('Nye: 1 · opdateres: 1 · uændrede: 0.', { exact: false }).waitFor();
    await page.getByText('Opdateres: Ledig til').waitFor();
    const [before] = await db.query(
      `SELECT count(*)::int AS n FROM students WHERE school_id = $1`,
      [school.id],
    );
    expect(before.n).toBe(2);
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByText('1 rækker er importeret.').waitFor();
    await page.getByText('Opdateret: 1 · uændrede: 0.').waitFor();
    const [after] = await db.query(
      `SELECT available_to::text AS "availableTo" FROM students WHERE id = $1`,
      [returning.studentId],
    );
    expect(after.availableTo).toBe('2027-12-20');
    expect(errors).toEqual([]);
  }, 120_000);
});

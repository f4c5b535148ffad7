import { hashInvitationToken } from '@app/notifications';
import { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { newContext, startWebApp } from './browser';

/** "Glemt adgangskode?" from the sign-in page to a new password, in a real browser. */
describe('forgotten password in the browser', () => {
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

  it('asks for a link, sets a new password with it, and refuses the link a second time', async () => {
    const student = await new Factories(app).aUser(
      'student',
      await new Factories(app).anOrganisation('school'),
    );
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();

    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Glemt adgangskode?' }).click();
    await page.getByRole('heading', { name: 'Glemt adgangskode' }).waitFor();
    await page.getByLabel('E-mail').fill(student.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByRole('status').getByText(`Hvis ${student.email} hører til en konto`).waitFor();

    // The link of the e-mail (the worker draws its token; the api test follows the mail itself).
    const token = randomBytes(32).toString('base64url');
    await app.get(DataSource).query(
      `INSERT INTO password_resets (id, user_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + interval '1 hour')`,
      [randomUUID(), student.id, hashInvitationToken(token)],
    );
    const choose = async () => {
      await page.goto(`/reset-password?token=${token}`);
      await page.getByRole('heading', { name: 'Vælg en ny adgangskode' }).waitFor();
      await page
        .getByLabel('Ny adgangskode', { exact: true })
        .and(page.locator('input'))
        .fill('et nyt og langt kodeord');
      await page.getByLabel('Gentag adgangskoden').fill('et nyt og langt kodeord');
      await page.getByRole('button', { name: 'Gem adgangskode' }).click();
    };
    await choose();
    await page.getByText('Din nye adgangskode er gemt').waitFor();
    await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: student.email, password: 'et nyt og langt kodeord' })
      .expect(200);

    await choose();
    // The refusal in Danish alone, from the api's code.
    const alert = page.getByRole('alert');
    await alert
      .getByText('Linket er ugyldigt, allerede brugt eller udløbet. Bed om et nyt.')
      .waitFor();
    expect(await alert.textContent()).not.toMatch(/invalid|expired/i);
    await context.close();
  }, 120_000);
});

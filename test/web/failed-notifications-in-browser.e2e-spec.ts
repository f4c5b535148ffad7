import { INestApplication } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { signedIn, startWebApp } from './browser';

/** The admin's screen of failed notifications, in a real browser against the real api. */
describe('failed notifications in the web app', () => {
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

  it('shows an admin what failed and why, downloads it, and sends it again', async () => {
    const make = new Factories(app);
    const admin = await make.aUser('admin');
    const recipient = await make.aUser('reviewer', await make.anOrganisation('employer'));
    const db = app.get(DataSource);
    const [row] = await db.query(
      `INSERT INTO outbox (event, channel, recipient_user_id, dedupe_key, status, attempts, last_error)
       VALUES ('offer.accepted', 'email', $1, gen_random_uuid()::text, 'failed', 1,
               'EENVELOPE 550: No such mailbox')
       RETURNING id`,
      [recipient.id],
    );
    const errors: string[] = [];
    const context = await signedIn(browser, baseURL, admin.token);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/failed-notifications');

    const line = page.getByRole('row').filter({ hasText: recipient.email });
    await line.waitFor({ state: 'visible' });
    await expect(line.textContent()).resolves.toContain('550: No such mailbox');

    // The list as a file: the same rows, through the shared download buttons.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hent CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('failed-notifications.csv');
    const file = await readFile((await download.path())!, 'utf8');
    expect(file.split('\n')[0]).toBe('createdAt,event,channel,recipientEmail,attempts,lastError');
    expect(file).toContain(
      `,offer.accepted,email,${recipient.email},1,EENVELOPE 550: No such mailbox`,
    );

    await page.getByRole('button', { name: `Send igen til ${recipient.email}` }).click();
    await page.getByText('1 beskeder sendes igen.').waitFor({ state: 'visible' });
    await line.waitFor({ state: 'detached' });

    const [after] = await db.query(`SELECT status FROM outbox WHERE id = $1`, [row.id]);
    expect(['pending', 'queued']).toContain(after.status);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

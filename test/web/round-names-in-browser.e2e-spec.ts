import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { startWorker } from '../support/test-worker';
import { seriousViolations } from './accessibility';
import { signedIn, startWebApp } from './browser';

/**
 * Which round a screen speaks of: the student's boxes each name their round (the open one, and
 * the published one whose outcome they tell), a student who did not take part is told no
 * outcome, and the admin's opening dialog names the round that is open already.
 */
describe('rounds named on the screens', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseURL: string;
  let make: Factories;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
    worker = await startWorker();
    make = new Factories(app);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await app?.close();
  });

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.goto(path);
    return page;
  }

  const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

  it('names the round of every box, and tells a newcomer no outcome', async () => {
    const stamp = Date.now();
    const admin = as(app, (await make.aUser('admin')).token);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { capacity: 1 });
    const [first, second] = [
      await make.aStudent(school, programme),
      await make.aStudent(school, programme),
    ];

    // A published round: two ranked the one seat, one got it.
    const pastName = `Forår ${stamp}`;
    const past = (
      await admin
        .post('/api/rounds', { name: pastName, preferencesCloseAt: new Date(stamp + 3600_000) })
        .expect(201)
    ).body.id as string;
    await admin.post(`/api/rounds/${past}/open`).expect(200);
    for (const student of [first, second]) {
      await as(app, student.token)
        .put(`/api/rounds/${past}/preferences`, { slotIds: [slot.id] })
        .expect(200);
    }
    await admin.post(`/api/rounds/${past}/close`).expect(200);
    await admin.post(`/api/rounds/${past}/run`).expect(202);
    await eventually(async () => {
      const round = await admin.get(`/api/rounds/${past}`).expect(200);
      return round.body.status === 'matched' ? true : undefined;
    }, 60_000);
    await admin.post(`/api/rounds/${past}/publish`).expect(200);
    const [{ studentId: winnerId }] = await app
      .get(DataSource)
      .query(`SELECT student_id AS "studentId" FROM placements WHERE round_id = $1`, [past]);
    const unplaced = winnerId === first.studentId ? second : first;
    // Then a newcomer joins the school, and the next round opens.
    const newcomer = await make.aStudent(school, programme);
    const nextName = `Efterår ${stamp}`;
    const next = await make.anOpenRound([{ id: (await make.aSlot(host)).id }], nextName);

    const page = await open(await signedIn(browser, baseURL, unplaced.token), '/');
    await visible(page.getByRole('heading', { level: 2, name: `Matchrunde: ${nextName}` }));
    await visible(page.getByText(`Du fik ikke en praktikplads i ${pastName}.`, { exact: false }));
    await visible(
      page.getByRole('heading', { name: `Hvorfor fik jeg ingen praktikplads i ${pastName}?` }),
    );

    await visible(page.getByRole('link', { name: 'Se dine prioriteringer' }));
    expect(await seriousViolations(page)).toEqual([]);

    // The one holding an offer takes no part in the next round, and is told so.
    const winner = winnerId === first.studentId ? first : second;
    const held = await open(await signedIn(browser, baseURL, winner.token), '/');
    await visible(held.getByRole('heading', { level: 2, name: `Matchrunde: ${nextName}` }));
    await visible(
      held.getByText(`Matchrunden »${nextName}« er åben, men du deltager ikke i den`, {
        exact: false,
      }),
    );
    expect(await held.getByRole('link', { name: 'Se dine prioriteringer' }).count()).toBe(0);

    const newPage = await open(await signedIn(browser, baseURL, newcomer.token), '/');
    await visible(newPage.getByRole('heading', { level: 2, name: `Matchrunde: ${nextName}` }));
    await visible(newPage.getByText('Du har ikke fået et tilbud endnu.'));
    expect(await newPage.getByText(pastName).count()).toBe(0);
    expect(await newPage.getByRole('heading', { name: /^Hvorfor fik jeg/ }).count()).toBe(0);

    await admin.post(`/api/rounds/${next.id}/close`).expect(200);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("names the open round in the admin's opening dialog, and offers no opening", async () => {
    const stamp = Date.now();
    const admin = await make.aUser('admin');
    const openName = `Åben ${stamp}`;
    const opened = await make.anOpenRound(
      [{ id: (await make.aSlot(await make.anOrganisation('employer'))).id }],
      openName,
    );
    const draftName = `Kladde ${stamp}`;
    await as(app, admin.token)
      .post('/api/rounds', { name: draftName, preferencesCloseAt: new Date(stamp + 3600_000) })
      .expect(201);

    const page = await open(await signedIn(browser, baseURL, admin.token), '/rounds');
    await page.getByRole('button', { name: `Åbn: ${draftName}` }).click();
    const dialog = page.getByRole('dialog');
    await visible(
      dialog.getByRole('alert').getByText(`Matchrunden »${openName}« er åben.`, { exact: false }),
    );
    expect(await dialog.getByRole('button', { name: 'Åbn' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await as(app, admin.token).post(`/api/rounds/${opened.id}/close`).expect(200);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

import { INestApplication } from '@nestjs/common';
import { Browser, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { as, eventually } from '../support/http';
import { signedIn, startWebApp } from './browser';

jest.setTimeout(120_000);

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 20_000 });
const focusedName = (page: Page) =>
  page.evaluate(
    '(document.activeElement.getAttribute("aria-label") || document.activeElement.textContent).trim()',
  ) as Promise<string>;

interface StoredApplicant {
  fullName: string;
  hostRank: number | null;
  notAcceptable: boolean;
}

/**
 * What a reviewer does every day with a long list of applicants, by keyboard: sees when each
 * can come and who is under 18, moves one to the top or to a typed number (the focus stays with
 * it), marks one not acceptable and takes it back; every change is saved as it is made. And the
 * interns, per round, with when each starts.
 */
describe("the reviewer's applicants and interns in the browser", () => {
  let app: INestApplication;
  let browser: Browser;
  let baseURL: string;
  let make: Factories;

  beforeAll(async () => {
    ({ app, browser, baseURL } = await startWebApp());
    make = new Factories(app);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('ranks a long list by keyboard, saving as it goes, and marks an applicant not acceptable', async () => {
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Gymnasium ${stamp}`);
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer', `Vært ${stamp}`);
    const title = `Laboratoriet ${stamp}`;
    const slot = await make.aSlot(host, { title, capacity: 2 });
    const round = await make.anOpenRound([{ id: slot.id, seats: 2 }]);
    const names = ['Asta', 'Bertil', 'Carla', 'Dennis', 'Ebba', 'Frode'].map(
      (n) => `${n} ${stamp}`,
    );
    for (const [i, fullName] of names.entries()) {
      const student = await make.aStudent(school, programme, {
        fullName,
        // The first is under 18 on the slot's first day (1 February 2027).
        birthDate: i === 0 ? '2010-03-01' : '2004-05-17',
        availableFrom: '2027-02-01',
        availableTo: '2027-05-31',
      });
      await as(app, student.token)
        .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slot.id] })
        .expect(200);
    }
    const reviewer = await make.aUser('reviewer', host);
    const stored = async () =>
      (
        await as(app, reviewer.token)
          .get(`/api/rounds/${round.id}/slots/${slot.id}/applicants`)
          .expect(200)
      ).body.items as StoredApplicant[];
    const storedRanking = async () =>
      (await stored())
        .filter((a) => a.hostRank !== null && !a.notAcceptable)
        .sort((a, b) => a.hostRank! - b.hostRank!)
        .map((a) => a.fullName);

    const page = await (await signedIn(browser, baseURL, reviewer.token)).newPage();
    await page.goto('/applicants');
    await page.getByLabel('Matchrunde').selectOption({ label: `${round.name} (Åben)` });
    await page.getByRole('combobox', { name: 'Praktikplads' }).selectOption({ label: title });
    const list = page.getByRole('list', { name: 'Jeres rangering af ansøgerne' });
    await visible(list.getByRole('listitem').nth(names.length - 1));
    const shown = async () =>
      (await list.locator('.applicant strong').allTextContents()).map((n) => n.trim());

    // What the reviewer may see: the period and the under-18 flag, never the birth date.
    const minor = list.getByRole('listitem').filter({ hasText: names[0] });
    await visible(
      minor.getByText('Under 18 år ved start: en forælder eller værge skal give samtykke'),
    );
    await visible(minor.getByText('1. februar 2027 – 31. maj 2027'));
    expect(await page.locator('main').textContent()).not.toContain('2010');
    const adult = list.getByRole('listitem').filter({ hasText: names[1] });
    expect(await adult.getByText('Under 18 år', { exact: false }).count()).toBe(0);

    // Move to the top, by keyboard: the focus stays with the moved applicant.
    const before = await shown();
    const last = before.at(-1)!;
    await page.getByRole('button', { name: `Flyt ${last} øverst` }).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => ((await shown())[0] === last ? true : undefined), 30_000);
    expect(await focusedName(page)).toBe(`Nummer for ${last}`);
    await visible(page.getByRole('status').filter({ hasText: 'Gemt' }));
    await eventually(async () => ((await storedRanking())[0] === last ? true : undefined), 30_000);

    // A typed number, then Enter: the applicant goes there and keeps the focus.
    const moving = (await shown())[1];
    const field = page.getByRole('spinbutton', { name: `Nummer for ${moving}` });
    await field.focus();
    await field.fill('5');
    await page.keyboard.press('Enter');
    await eventually(async () => ((await shown())[4] === moving ? true : undefined), 30_000);
    expect(await focusedName(page)).toBe(`Nummer for ${moving}`);
    expect(await page.getByRole('spinbutton', { name: `Nummer for ${moving}` }).inputValue()).toBe(
      '5',
    );
    const onScreen = await shown();
    await eventually(
      async () =>
        JSON.stringify(await storedRanking()) === JSON.stringify(onScreen) ? true : undefined,
      30_000,
    );

    // Not acceptable: out of the ranking, listed apart, and back again on request.
    const unwanted = onScreen[2];
    await page
      .getByRole('button', { name: `Marker ${unwanted} som uegnet til denne praktikplads` })
      .click();
    const apart = page.getByRole('region', { name: 'Uegnede til denne praktikplads (1)' });
    await visible(apart.getByText(unwanted));
    expect(await shown()).not.toContain(unwanted);
    await eventually(async () => {
      const row = (await stored()).find((a) => a.fullName === unwanted);
      return row?.notAcceptable ? true : undefined;
    }, 30_000);
    await apart.getByRole('button', { name: `Tag ${unwanted} med i rangeringen igen` }).click();
    await eventually(async () => ((await shown()).includes(unwanted) ? true : undefined), 30_000);
    expect(await page.getByRole('region', { name: /Uegnede/ }).count()).toBe(0);
    await eventually(async () => {
      const row = (await stored()).find((a) => a.fullName === unwanted);
      return row && !row.notAcceptable ? true : undefined;
    }, 30_000);
    // Nothing was left to save: no button to press, no change lost.
    expect(await page.getByRole('button', { name: 'Gem rangering' }).count()).toBe(0);
  });

  it('filters the interns by round and shows when each starts', async () => {
    const stamp = Date.now();
    const db = app.get(DataSource);
    const school = await make.anOrganisation('school', `Gymnasium ${stamp}`);
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer', `Vært ${stamp}`);
    const spring = await make.aSlot(host, { startsOn: '2027-02-01', endsOn: '2027-04-30' });
    const autumn = await make.aSlot(host, { startsOn: '2027-09-06', endsOn: '2027-11-26' });
    const rounds: { id: string; name: string }[] = [];
    for (const [i, slot] of [spring, autumn].entries()) {
      const name = `Runde ${i + 1} ${stamp}`;
      const [round] = await db.query(
        `INSERT INTO rounds (name, status, preferences_open_at, preferences_close_at, seed,
                             opened_at, published_at)
         VALUES ($1, 'published', now() - interval '3 days', now() - interval '2 days', $1,
                 now() - interval '3 days', now() - interval '1 day')
         RETURNING id`,
        [name],
      );
      const student = await make.aStudent(school, programme, { fullName: `Intern ${i} ${stamp}` });
      await db.query(
        `INSERT INTO placements (round_id, student_id, slot_id, status, deadline_at, answered_at)
         VALUES ($1, $2, $3, 'accepted', now() + interval '7 days', now())`,
        [round.id, student.studentId, slot.id],
      );
      rounds.push({ id: round.id, name });
    }
    const reviewer = await make.aUser('reviewer', host);
    const page = await (await signedIn(browser, baseURL, reviewer.token)).newPage();
    await page.goto('/interns');
    const table = page.getByRole('table');
    await visible(table.getByText(`Intern 0 ${stamp}`));
    await visible(table.getByText(`Intern 1 ${stamp}`));
    await visible(
      table
        .getByRole('row')
        .filter({ hasText: `Intern 1 ${stamp}` })
        .getByText('6. september 2027'),
    );

    await page.getByLabel('Matchrunde').selectOption({ label: `${rounds[0].name} (Tilbud sendt)` });
    await eventually(
      async () => ((await table.getByText(`Intern 1 ${stamp}`).count()) === 0 ? true : undefined),
      30_000,
    );
    await visible(
      table
        .getByRole('row')
        .filter({ hasText: `Intern 0 ${stamp}` })
        .getByText('1. februar 2027'),
    );
    await page.getByLabel('Matchrunde').selectOption({ label: 'Alle matchrunder' });
    await visible(table.getByText(`Intern 1 ${stamp}`));
  });
});

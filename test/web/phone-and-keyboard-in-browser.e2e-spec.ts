import { INestApplication } from '@nestjs/common';
import { Browser, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { as, eventually } from '../support/http';
import { signedIn, startWebApp } from './browser';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 20_000 });
const focusedName = (page: Page) =>
  page.evaluate(
    '(document.activeElement.getAttribute("aria-label") || document.activeElement.textContent).trim()',
  ) as Promise<string>;

/**
 * What a student and a reviewer do by keyboard, by touch on a phone, and when their session
 * expires in the middle of a change: the focus goes somewhere sensible, a finger can reorder
 * the list, and the change is saved after signing in again.
 */
describe('the web app by keyboard, by touch and across an expired session', () => {
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

  /** A host with three slots of an open round, and one slot the student is too young for. */
  async function aRound(stamp: number) {
    const school = await make.anOrganisation('school', `Gymnasium ${stamp}`);
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer', `Vært ${stamp}`);
    const titles = ['Laboratoriet', 'Pilotanlægget', 'Kvalitet'].map((t) => `${t} ${stamp}`);
    const slots = [];
    for (const title of titles) slots.push(await make.aSlot(host, { title, capacity: 2 }));
    const tooYoung = `Kun for voksne ${stamp}`;
    await make.aSlot(host, { title: tooYoung, minAge: 30 });
    const round = await make.anOpenRound(slots.map((s) => ({ id: s.id, seats: 2 })));
    return { school, programme, host, titles, slots, round, tooYoung };
  }

  /** A new sign-in of the user, to read what the server stored. */
  const freshToken = async (email: string) =>
    (
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ email, password: TEST_PASSWORD })
        .expect(200)
    ).body.accessToken as string;

  const storedPreferences = (token: string, roundId: string) =>
    as(app, token)
      .get(`/api/rounds/${roundId}/preferences`)
      .expect(200)
      .then((r) => r.body.items.map((p: { title: string }) => p.title) as string[]);

  it('moves the focus on after adding a slot, lists what can be ranked first and keeps the filters', async () => {
    const stamp = Date.now();
    const { school, programme, host, titles, round, tooYoung } = await aRound(stamp);
    const student = await make.aStudent(school, programme, { fullName: `Freja ${stamp}` });
    const page = await (await signedIn(browser, baseURL, student.token)).newPage();
    await page.goto('/slots');
    await page.getByLabel('Praktiksted').selectOption({ label: host.name });
    const cards = page.locator('ul.cards > li');
    await visible(cards.filter({ hasText: tooYoung }));

    // What the student can rank comes before what they cannot take.
    const order = await cards.locator('h2').allTextContents();
    const position = (title: string) => order.findIndex((h) => h.startsWith(title));
    for (const title of titles) expect(position(title)).toBeLessThan(position(tooYoung));

    // By keyboard: after each "Tilføj", the focus is on the next slot's button, not <body>.
    const [first] = order.filter((h) => titles.some((t) => h.startsWith(t)));
    const firstTitle = titles.find((t) => first.startsWith(t)) as string;
    await page.getByRole('button', { name: `Tilføj ${firstTitle} til prioriteringer` }).focus();
    await page.keyboard.press('Enter');
    await visible(page.getByText(`${firstTitle} er nu nr. 1 på din liste.`));
    const next = await focusedName(page);
    expect(next).toMatch(/^Tilføj .+ til prioriteringer$/);
    expect(next).not.toContain(firstTitle);
    await page.keyboard.press('Enter');
    await visible(page.getByText(/er nu nr\. 2 på din liste\./));
    await page.keyboard.press('Enter');
    await visible(page.getByText(/er nu nr\. 3 på din liste\./));
    expect((await storedPreferences(student.token, round.id)).sort()).toEqual([...titles].sort());
    // With no slot left to add, the focus goes to the notice's link to the list.
    expect(await focusedName(page)).toBe('Se listen');

    // The filters are as the student left them after a visit to the ranking.
    await page.getByLabel('Vis kun praktikpladser, jeg kan søge').check();
    await cards.filter({ hasText: tooYoung }).waitFor({ state: 'detached' });
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await menu.getByRole('link', { name: 'Prioriteringer' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Dine prioriteringer' }));
    // Removing a row by keyboard leaves the focus on the next row's remove button.
    const ranked = page.getByRole('list', { name: 'Din prioriteringsliste' }).getByRole('listitem');
    await visible(ranked.nth(2));
    const [top, second] = (await ranked.locator('strong').allTextContents()).map((t) => t.trim());
    await page.getByRole('button', { name: `Fjern ${top}` }).focus();
    await page.keyboard.press('Enter');
    await visible(page.getByText(`${top} er fjernet.`));
    expect(await focusedName(page)).toBe(`Fjern ${second}`);
    await menu.getByRole('link', { name: 'Praktikpladser' }).click();
    await visible(cards.filter({ hasText: titles[0] }));
    expect(await page.getByLabel('Vis kun praktikpladser, jeg kan søge').isChecked()).toBe(true);
    expect(await page.getByLabel('Praktiksted').inputValue()).toBe(host.id);
    expect(await cards.filter({ hasText: tooYoung }).count()).toBe(0);
  }, 90_000);

  it('reorders the ranking with a finger at 375 px', async () => {
    const stamp = Date.now();
    const { school, programme, titles, slots, round } = await aRound(stamp);
    const student = await make.aStudent(school, programme, { fullName: `Bo ${stamp}` });
    await as(app, student.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: slots.map((s) => s.id) })
      .expect(200);
    const context = await browser.newContext({
      baseURL,
      locale: 'da-DK',
      viewport: { width: 375, height: 800 },
      hasTouch: true,
      isMobile: true,
    });
    await context.addInitScript({
      content: `window.localStorage.setItem('biotekbyen.token', ${JSON.stringify(student.token)});`,
    });
    const page = await context.newPage();
    await page.goto('/ranking');
    const rows = page.getByRole('list', { name: 'Din prioriteringsliste' }).getByRole('listitem');
    await visible(rows.nth(2));

    // The third slot's handle, dragged by a finger onto the first row (both on the screen).
    const top = await rows.nth(0).boundingBox();
    await page.evaluate(`window.scrollBy(0, ${Math.floor(top?.y ?? 0)})`);
    const grip = await rows.nth(2).locator('.grip').boundingBox();
    const target = await rows.nth(0).boundingBox();
    if (!grip || !target) throw new Error('The list is not on the screen');
    const cdp = await context.newCDPSession(page);
    const at = (x: number, y: number) => [{ x: Math.round(x), y: Math.round(y) }];
    const [x, y] = [grip.x + grip.width / 2, grip.y + grip.height / 2];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(x, y) });
    const endY = target.y + target.height / 2;
    for (let step = 1; step <= 8; step++) {
      const touchPoints = at(x, y + ((endY - y) * step) / 8);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });

    await visible(rows.nth(0).getByText(titles[2]));
    await eventually(async () => {
      const stored = await storedPreferences(student.token, round.id);
      return stored[0] === titles[2] ? stored : undefined;
    }, 10_000);
    await context.close();
  }, 90_000);

  it("shows a coordinator's student status and placement on a phone's screen", async () => {
    const stamp = Date.now();
    const { school, programme } = await aRound(stamp);
    await make.aStudent(school, programme, { fullName: `Ida ${stamp}` });
    const coordinator = await make.aUser('coordinator', school);
    const context = await signedIn(browser, baseURL, coordinator.token);
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/students');
    const row = page.getByRole('row', { name: new RegExp(`Ida ${stamp}`) });
    await visible(row);
    for (const cell of await row.getByRole('cell').all()) {
      const box = await cell.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    }
    await context.close();
  }, 60_000);

  it("tells that the session expired and saves the student's move after signing in", async () => {
    const stamp = Date.now();
    const { school, programme, titles, slots, round } = await aRound(stamp);
    const student = await make.aStudent(school, programme, { fullName: `Alma ${stamp}` });
    await as(app, student.token)
      .put(`/api/rounds/${round.id}/preferences`, { slotIds: slots.map((s) => s.id) })
      .expect(200);
    const page = await (await signedIn(browser, baseURL, student.token)).newPage();
    await page.goto('/ranking');
    const rows = page.getByRole('list', { name: 'Din prioriteringsliste' }).getByRole('listitem');
    await visible(rows.nth(2));

    // The session ends on the server (as when it expires), then the student moves a slot.
    await as(app, student.token).post('/api/auth/logout').expect(204);
    await page.getByRole('button', { name: `Flyt ${titles[0]} ned` }).click();
    await visible(
      page.getByText('Du er blevet logget ud, fordi der er gået for lang tid.', { exact: false }),
    );
    await page.getByLabel('E-mail').fill(student.email);
    await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();

    await visible(page.getByRole('heading', { level: 1, name: 'Dine prioriteringer' }));
    await visible(page.getByText('dine ændringer fra før er gemt', { exact: false }));
    const expected = [titles[1], titles[0], titles[2]];
    await visible(rows.nth(0).getByText(titles[1]));
    const token = await freshToken(student.email);
    expect(await storedPreferences(token, round.id)).toEqual(expected);
  }, 90_000);

  it("saves the reviewer's ranking of applicants after signing in again", async () => {
    const stamp = Date.now();
    const { school, programme, host, titles, slots, round } = await aRound(stamp);
    const names = [`Asta ${stamp}`, `Bertil ${stamp}`];
    for (const fullName of names) {
      const student = await make.aStudent(school, programme, { fullName });
      await as(app, student.token)
        .put(`/api/rounds/${round.id}/preferences`, { slotIds: [slots[0].id] })
        .expect(200);
    }
    const reviewer = await make.aUser('reviewer', host);
    const page = await (await signedIn(browser, baseURL, reviewer.token)).newPage();
    await page.goto('/applicants');
    await page.getByLabel('Matchrunde').selectOption({ label: `${round.name} (Åben)` });
    await page.getByRole('combobox', { name: 'Praktikplads' }).selectOption({ label: titles[0] });
    const list = page.getByRole('list', { name: 'Jeres rangering af ansøgerne' });
    await visible(list.getByRole('listitem').nth(1));
    const shown = (await list.locator('.applicant strong').allTextContents()).map((n) => n.trim());

    await as(app, reviewer.token).post('/api/auth/logout').expect(204);
    // The move is saved at once: the expired session asks for a sign-in, then saves it.
    await page.getByRole('button', { name: `Flyt ${shown[0]} ned` }).click();
    await visible(
      page.getByText('Du er blevet logget ud, fordi der er gået for lang tid.', { exact: false }),
    );
    await page.getByLabel('E-mail').fill(reviewer.email);
    await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await visible(page.getByText('dine ændringer fra før er gemt', { exact: false }));

    const token = await freshToken(reviewer.email);
    const stored = await as(app, token)
      .get(`/api/rounds/${round.id}/slots/${slots[0].id}/applicants`)
      .expect(200);
    const ranked = [...stored.body.items]
      .sort((a: { hostRank: number }, b: { hostRank: number }) => a.hostRank - b.hostRank)
      .map((a: { fullName: string; hostRank: number | null }) => [a.fullName, a.hostRank]);
    expect(ranked).toEqual([
      [shown[1], 1],
      [shown[0], 2],
    ]);
  }, 90_000);
});

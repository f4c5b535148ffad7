import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Factories, TEST_PASSWORD } from '../support/factories';
import { as, eventually } from '../support/http';
import { startWorker } from '../support/test-worker';
import { newContext, signedIn, startWebApp } from './browser';

/**
 * The whole job in a real browser, against the real api and worker: a student ranks two slots
 * (by keyboard and by drag and drop), the admin runs and publishes the round, the student
 * accepts the offer, the reviewer confirms the intern and the coordinator sees the placement.
 */
describe('a round in the web app', () => {
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

  /** A page that records every uncaught error of the app. */
  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.goto(path);
    return page;
  }

  const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

  it('takes a student from ranking to a confirmed placement', async () => {
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Skole ${stamp}`);
    const programme = await make.aProgramme(school.id, 'Laborant');
    const host = await make.anOrganisation('employer', `Virksomhed ${stamp}`);
    const reviewer = await make.aUser('reviewer', host);
    const coordinator = await make.aUser('coordinator', school);
    const admin = await make.aUser('admin');
    const lab = { title: `Laboratoriet ${stamp}` };
    const plant = { title: `Pilotanlægget ${stamp}` };
    await make.aSlot(host, { title: lab.title, programmeIds: [programme.id] });
    await make.aSlot(host, { title: plant.title, programmeIds: [programme.id] });
    const student = await make.aStudent(school, programme, { fullName: `Freja ${stamp}` });
    const roundName = `Browserrunde ${stamp}`;
    const created = await as(app, admin.token)
      .post('/api/rounds', { name: roundName, preferencesCloseAt: new Date(stamp + 3600_000) })
      .expect(201);
    const roundId: string = created.body.id;

    // The admin opens it, after a dialog saying what it will take.
    const adminPage = await open(await signedIn(browser, baseURL, admin.token), '/rounds');
    const card = adminPage.locator('li.round', { hasText: roundName });
    await card.getByRole('button', { name: `Åbn: ${roundName}` }).click();
    const openDialog = adminPage.getByRole('dialog');
    await visible(
      openDialog.getByText(
        /^Runden tager \d+ praktikpladser med plads til \d+ praktikanter i alt, og \d+ elever og studerende får besked/,
      ),
    );
    await openDialog.getByRole('button', { name: 'Åbn' }).click();
    await visible(card.locator('.badge', { hasText: 'Åben' }));
    await visible(card.getByText(/lukker \d+\. [a-z]+ \d{4}/));
    const storedOrder = (expected: string[]) =>
      eventually(async () => {
        const stored = await as(app, student.token).get(`/api/rounds/${roundId}/preferences`);
        const titles = stored.body.items.map((p: { title: string }) => p.title);
        return JSON.stringify(titles) === JSON.stringify(expected) ? titles : undefined;
      }, 5_000);

    // The student signs in, in Danish, and adds both slots to their list.
    const page = await open(await newContext(browser, baseURL), '/');
    await page.getByLabel('E-mail').fill(student.email);
    await page.getByLabel('Adgangskode').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Overblik' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await menu.getByRole('link', { name: 'Praktikpladser' }).click();
    for (const title of [lab.title, plant.title]) {
      await page.getByRole('button', { name: `Tilføj ${title} til prioriteringer` }).click();
      await visible(page.getByText(`${title} er nu nr.`));
    }
    await menu.getByRole('link', { name: 'Prioriteringer' }).click();
    const rows = page.getByRole('list', { name: 'Din prioriteringsliste' }).getByRole('listitem');
    await visible(rows.nth(1));
    expect(await rows.count()).toBe(2);

    // By keyboard: the focus stays with the moved row, and the new order is saved.
    await page.getByRole('button', { name: `Flyt ${lab.title} ned` }).focus();
    await page.keyboard.press('Enter');
    await visible(rows.nth(1).getByText(lab.title));
    const focused = await page.evaluate('document.activeElement.getAttribute("aria-label")');
    expect(focused).toBe(`Flyt ${lab.title} op`);
    expect(await page.getByText(`${lab.title} er nu nr. 2.`).count()).toBe(1);
    await visible(page.getByText(/^Gemt kl\. \d\d\.\d\d$/));
    await storedOrder([plant.title, lab.title]);

    // By drag and drop: the lab goes back to the top.
    await rows.nth(1).dragTo(rows.nth(0));
    await visible(rows.nth(0).getByText(lab.title));
    await storedOrder([lab.title, plant.title]);

    // The admin closes the round early (asked first), runs the matching, follows it live,
    // sees its figures and sends the offers.
    await card.getByRole('button', { name: `Luk for prioriteringer: ${roundName}` }).click();
    await visible(adminPage.getByRole('dialog').getByText(/før det planlagte tidspunkt/));
    await adminPage
      .getByRole('dialog')
      .getByRole('button', { name: 'Luk for prioriteringer' })
      .click();
    await visible(card.getByRole('button', { name: `Kør matchning: ${roundName}` }));
    await visible(card.getByText('Lukket for prioriteringer'));
    expect(await card.getByText(/lukker \d/).count()).toBe(0);
    await card.getByRole('button', { name: `Kør matchning: ${roundName}` }).click();
    await adminPage.getByRole('dialog').getByRole('button', { name: 'Kør matchning' }).click();
    await card
      .getByRole('button', { name: `Send tilbud: ${roundName}` })
      .waitFor({ state: 'visible', timeout: 20_000 });
    await visible(card.locator('.badge', { hasText: 'Matchet' }));
    const summary = card.getByRole('region', { name: 'Resultat af matchningen' });
    await visible(summary);
    const figure = async (label: string) =>
      summary
        .locator('div', { has: adminPage.locator('dt', { hasText: label }) })
        .locator('dd')
        .textContent();
    expect(await figure('Deltog')).toBe('1');
    expect(await figure('Matchet')).toBe('1');
    expect(await figure('Uden praktikplads')).toBe('0');
    expect(await figure('Fik 1. prioritet')).toBe('1');
    await visible(summary.getByText('1. prioritet: 1'));
    await card.getByRole('button', { name: `Send tilbud: ${roundName}` }).click();
    await adminPage.getByRole('dialog').getByRole('button', { name: 'Send tilbud' }).click();
    await visible(card.locator('.badge', { hasText: 'Tilbud sendt' }));

    // The student sees the offer with its deadline and accepts it.
    await menu.getByRole('link', { name: 'Overblik' }).click();
    const offer = page.getByRole('article', { name: `Tilbud: ${lab.title} hos ${host.name}` });
    await visible(offer.getByText(/^Svarfrist: \d+\. [a-z]+ \d{4} kl\. \d\d\.\d\d$/));
    await offer.getByRole('button', { name: 'Acceptér' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Acceptér' }).click();
    await visible(offer.getByText('Du har accepteret tilbuddet.'));

    // The reviewer confirms the intern.
    const reviewerPage = await open(await signedIn(browser, baseURL, reviewer.token), '/interns');
    await reviewerPage.getByRole('button', { name: `Bekræft Freja ${stamp}` }).click();
    await visible(reviewerPage.getByText(`Freja ${stamp} er bekræftet.`));

    // The coordinator sees the confirmed placement among the school's students.
    const coordinatorPage = await open(
      await signedIn(browser, baseURL, coordinator.token),
      '/students',
    );
    await coordinatorPage
      .getByLabel('Matchrunde')
      .selectOption({ label: `${roundName} (Tilbud sendt)` });
    const row = coordinatorPage.getByRole('row', { name: new RegExp(`Freja ${stamp}`) });
    await visible(row.getByText('Bekræftet'));
    expect(await row.textContent()).toContain(lab.title);

    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('lets an admin edit a draft and delete it after confirming', async () => {
    const admin = await make.aUser('admin');
    const name = `Kladde ${Date.now()}`;
    await as(app, admin.token)
      .post('/api/rounds', { name, preferencesCloseAt: new Date(Date.now() + 3600_000) })
      .expect(201);
    const page = await open(await signedIn(browser, baseURL, admin.token), '/rounds');
    const card = page.locator('li.round', { hasText: name });
    await card.getByRole('button', { name: `Redigér: ${name}` }).click();
    await card.getByLabel('Navn').fill(`${name} ændret`);
    await card.getByRole('button', { name: 'Gem' }).click();
    await visible(page.getByText(`${name} ændret er gemt.`));
    const renamed = page.locator('li.round', { hasText: `${name} ændret` });
    await renamed.getByRole('button', { name: `Slet kladde: ${name} ændret` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Slet kladde' }).click();
    await visible(page.getByText(`${name} ændret er slettet.`));
    await renamed.waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('lets a reviewer pick programmes, a student add only slots of the round, and a coordinator see who ranked', async () => {
    const stamp = Date.now();
    const school = await make.anOrganisation('school', `Skole ${stamp}`);
    const laborant = await make.aProgramme(school.id, 'Laborant');
    const operator = await make.aProgramme(school.id, 'Procesoperatør');
    // Enough programmes elsewhere that the picker offers its search box.
    const otherSchool = await make.anOrganisation('school', `Andet gymnasium ${stamp}`);
    for (let i = 1; i <= 11; i++) await make.aProgramme(otherSchool.id, `Fag ${i}`);
    const host = await make.anOrganisation('employer', `Virksomhed ${stamp}`);
    const reviewer = await make.aUser('reviewer', host);
    const coordinator = await make.aUser('coordinator', school);
    const freja = await make.aStudent(school, laborant, { fullName: `Freja ${stamp}` });
    await make.aStudent(school, laborant, { fullName: `Bo ${stamp}` });
    const lab = `Laboratoriet ${stamp}`;
    const ownSlots = async () =>
      (await as(app, reviewer.token).get('/api/slots?pageSize=100').expect(200)).body.items as {
        id: string;
        title: string;
        programmes: { id: string }[];
      }[];

    // The reviewer posts a slot for laboratory technicians of one school, by keyboard.
    const reviewerPage = await open(await signedIn(browser, baseURL, reviewer.token), '/my-slots');
    await reviewerPage.getByRole('button', { name: 'Opret praktikplads' }).click();
    await reviewerPage.getByLabel('Titel').fill(lab);
    await reviewerPage.getByLabel('Starter').fill('2027-02-01');
    await reviewerPage.getByLabel('Slutter').fill('2027-04-30');
    await reviewerPage.getByLabel('Antal praktikanter').fill('2');
    const picker = reviewerPage.getByRole('group', {
      name: 'Uddannelser, der kan søge praktikpladsen',
    });
    await visible(picker.getByText('Ingen valgt: praktikpladsen er åben for alle uddannelser.'));
    await picker.getByLabel('Find uddannelse').fill(`Skole ${stamp}`);
    await reviewerPage.keyboard.press('Enter');
    const ownSchool = picker.getByRole('group', { name: `Skole ${stamp}` });
    expect(await picker.getByRole('group').count()).toBe(1);
    await ownSchool.getByRole('checkbox', { name: 'Laborant' }).focus();
    await reviewerPage.keyboard.press('Space');
    await visible(picker.getByText(`Valgt (1): Laborant (Skole ${stamp})`));
    await reviewerPage.getByRole('button', { name: 'Opret', exact: true }).click();
    await visible(reviewerPage.getByText(`${lab} er oprettet.`));
    let [posted] = (await ownSlots()).filter((slot) => slot.title === lab);
    expect(posted.programmes.map((p) => p.id)).toEqual([laborant.id]);

    // Editing shows the choice, and adds process operators.
    await reviewerPage.getByRole('button', { name: `Ret ${lab}` }).click();
    const editPicker = reviewerPage.getByRole('group', {
      name: 'Uddannelser, der kan søge praktikpladsen',
    });
    await editPicker.getByLabel('Find uddannelse').fill(`Skole ${stamp}`);
    const editSchool = editPicker.getByRole('group', { name: `Skole ${stamp}` });
    expect(await editSchool.getByRole('checkbox', { name: 'Laborant' }).isChecked()).toBe(true);
    await editSchool.getByRole('checkbox', { name: 'Procesoperatør' }).check();
    await reviewerPage.getByRole('button', { name: 'Gem' }).click();
    await visible(reviewerPage.getByText(`${lab} er gemt.`));
    [posted] = (await ownSlots()).filter((slot) => slot.title === lab);
    expect(posted.programmes.map((p) => p.id).sort()).toEqual([laborant.id, operator.id].sort());

    // A round opens with the slot; a slot posted afterwards is not part of it. (The round is
    // made directly: opening one through the api would announce it to every student.)
    const roundName = `Runde ${stamp}`;
    await make.anOpenRound([{ id: posted.id, seats: 2 }], roundName);
    const late = `Pilotanlægget ${stamp}`;
    await make.aSlot(host, { title: late, programmeIds: [laborant.id] });
    // One whose only seat is taken by another school's student is not in it either.
    const full = `Fuldt hold ${stamp}`;
    const fullSlot = await make.aSlot(host, { title: full, programmeIds: [laborant.id] });
    const elsewhere = await make.aStudent(otherSchool, await make.aProgramme(otherSchool.id));
    await make.aPlacement(elsewhere.studentId!, fullSlot.id, 'accepted');

    // The student may add the round's slot, and sees why the later one cannot be added.
    const studentPage = await open(await signedIn(browser, baseURL, freja.token), '/slots');
    await studentPage.getByLabel('Praktiksted').selectOption({ label: host.name });
    const labCard = studentPage.getByRole('listitem').filter({ hasText: lab });
    const lateCard = studentPage.getByRole('listitem').filter({ hasText: late });
    await visible(lateCard.getByText(/^Ikke med i /));
    await visible(lateCard.getByText(/oprettet, efter runden åbnede/));
    expect(await lateCard.getByRole('button').count()).toBe(0);
    const fullCard = studentPage.getByRole('listitem').filter({ hasText: full });
    await visible(fullCard.getByText(/^Ikke med i /));
    await visible(
      fullCard.getByText(
        /Alle pladser er optaget af praktikanter, der har sagt ja, eller af åbne tilbud/,
      ),
    );
    expect(await fullCard.getByText(/oprettet/).count()).toBe(0);
    await visible(labCard.getByText('Praktikanter i runden: 2'));
    await labCard.getByRole('button', { name: `Tilføj ${lab} til prioriteringer` }).click();
    await visible(studentPage.getByText(`${lab} er nu nr. 1 på din liste.`));
    await studentPage.getByLabel('Vis kun praktikpladser i den åbne matchrunde').check();
    await lateCard.waitFor({ state: 'detached' });
    await visible(labCard.getByText('På din liste'));

    // The coordinator sees, before the matching, who has ranked and can filter on it.
    const coordinatorPage = await open(
      await signedIn(browser, baseURL, coordinator.token),
      '/students',
    );
    await coordinatorPage.getByLabel('Matchrunde').selectOption({ label: `${roundName} (Åben)` });
    const frejaRow = coordinatorPage.getByRole('row', { name: new RegExp(`Freja ${stamp}`) });
    const boRow = coordinatorPage.getByRole('row', { name: new RegExp(`Bo ${stamp}`) });
    await visible(frejaRow.getByText('Har prioriteret', { exact: true }));
    await visible(frejaRow.getByText('1 på listen'));
    await visible(boRow.getByText('Har ikke prioriteret'));
    await coordinatorPage.getByLabel('Status').selectOption({ label: 'Har prioriteret (1)' });
    await boRow.waitFor({ state: 'detached' });
    await visible(coordinatorPage.getByText('Viser 1 af 2'));

    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('lists every bad row of a roster, and speaks English on request', async () => {
    const school = await make.anOrganisation('school');
    await make.aProgramme(school.id, 'Procesoperatør');
    const coordinator = await make.aUser('coordinator', school);
    const page = await open(
      await signedIn(browser, baseURL, coordinator.token),
      '/students/import',
    );
    const roster = [
      'name,email,programme,birthDate,availableFrom,availableTo,languages',
      'Ida Holm,ida@skole.example,Procesoperatør,2007-03-02,2027-02-01,2027-06-30,da',
      'Bo Lind,ikke-en-mail,Smed,2007-03-02,2027-02-01,2027-06-30,da',
    ].join('\n');
    await page
      .getByLabel('CSV-fil')
      .setInputFiles({ name: 'hold.csv', mimeType: 'text/csv', buffer: Buffer.from(roster) });
    // The file is checked before anything is imported: the bad rows show at the check.
    await page.getByRole('button', { name: 'Tjek filen', exact: true }).click();
    const report = page.getByRole('table', { name: 'Fejl i filen' });
    await visible(report);
    const cells = await report.getByRole('row').allInnerTexts();
    // Lines of the file (the header is line 1), fields and problems in Danish.
    expect(cells.join('\n')).toMatch(/^3\s+E-mail\s+Skal være en e-mailadresse/m);
    expect(cells.join('\n')).toMatch(/^3\s+Uddannelse\s+»Smed« kendes ikke/m);
    expect(cells.join('\n')).not.toMatch(/^2\s/m);

    await page.getByRole('button', { name: 'English' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Import students' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(pageErrors).toEqual([]);
  }, 30_000);
});

import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { newContext, signedIn, startWebApp } from './browser';

/** A minor names their guardian on the offer screen; the guardian consents on their own page. */
describe("a guardian's consent in the web app", () => {
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

  it('lets a student under 18 name a guardian, and the guardian consent without signing in, in Danish', async () => {
    const make = new Factories(app);
    const db = app.get(DataSource);
    const school = await make.anOrganisation('school');
    const programme = await make.aProgramme(school.id);
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, {
      title: 'Procesoperatør-elev',
      startsOn: '2027-02-01',
      endsOn: '2027-04-30',
    });
    const minor = await make.aStudent(school, programme, {
      fullName: 'Ida Ung',
      birthDate: '2010-03-01',
    });
    await db.query(
      `UPDATE slots SET site = 'Hallas Allé 1, 4400 Kalundborg', contact_name = 'Mette Holm',
                        contact_email = 'mette.holm@example.dk', contact_phone = '+45 59 53 00 00'
       WHERE id = $1`,
      [slot.id],
    );
    const round = await make.anOpenRound([{ id: slot.id }]);
    const [placement] = await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, deadline_at, needs_guardian_consent)
       VALUES ($1, $2, $3, now() + interval '3 days', true) RETURNING id`,
      [round.id, minor.studentId, slot.id],
    );
    const errors: string[] = [];

    const studentWindow = await signedIn(browser, baseURL, minor.token);
    const studentPage = await studentWindow.newPage();
    studentPage.on('pageerror', (error) => errors.push(error.message));
    await studentPage.goto('/overview');
    const offer = studentPage.getByRole('article', {
      name: `Tilbud: Procesoperatør-elev hos ${host.name}`,
    });
    // What the student needs to plan by: the period, the place, whom to contact, what is next.
    const offerFacts = offer.locator('dl.facts');
    await offerFacts.getByText('1. februar 2027', { exact: false }).waitFor({ state: 'visible' });
    await offerFacts.getByText('Hallas Allé 1, 4400 Kalundborg').waitFor({ state: 'visible' });
    await offerFacts.getByText('Mette Holm').waitFor({ state: 'visible' });
    expect(
      await offerFacts.getByRole('link', { name: 'mette.holm@example.dk' }).getAttribute('href'),
    ).toBe('mailto:mette.holm@example.dk');
    expect(
      await offerFacts.getByRole('link', { name: '+45 59 53 00 00' }).getAttribute('href'),
    ).toBe('tel:+4559530000');
    await offer.getByRole('heading', { name: 'Hvad sker der nu?' }).waitFor({ state: 'visible' });
    await offer
      .getByText(/forælder eller værge skal give samtykke, før praktikpladsen er din/)
      .waitFor({ state: 'visible' });
    await offer.getByRole('button', { name: 'Acceptér' }).click();
    const dialog = studentPage.getByRole('dialog', { name: 'Vil du acceptere tilbuddet?' });
    const accept = dialog.getByRole('button', { name: 'Acceptér' });
    await expect(accept.isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('Forælders eller værges navn').fill('Hanne Ung');
    await dialog.getByLabel('Forælders eller værges e-mail').fill('hanne.ung@example.dk');
    await accept.click();
    await studentPage
      .getByText('Vi har sendt et link til din forælder eller værge.', { exact: false })
      .waitFor({ state: 'visible' });
    await offer.getByText('Venter på samtykke', { exact: true }).waitFor({ state: 'visible' });
    await offer
      .getByText('Vi venter på samtykke fra Hanne Ung (hanne.ung@example.dk)', { exact: false })
      .waitFor({ state: 'visible' });

    // The worker draws the link's token when it sends the e-mail; here the test knows it.
    const token = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO guardian_consent_links (token_hash, consent_id)
       SELECT $1, id FROM guardian_consents WHERE placement_id = $2`,
      [createHash('sha256').update(token).digest(), placement.id],
    );

    const guardianWindow = await newContext(browser, baseURL);
    const guardianPage = await guardianWindow.newPage();
    guardianPage.on('pageerror', (error) => errors.push(error.message));
    await guardianPage.goto(`/guardian-consent#token=${token}`);
    await guardianPage
      .getByRole('heading', { name: 'Samtykke til en praktikplads' })
      .waitFor({ state: 'visible' });
    const card = guardianPage.getByRole('article', {
      name: `Tilbud til Ida Ung: Procesoperatør-elev hos ${host.name}`,
    });
    await card.getByText('Hej Hanne Ung').waitFor({ state: 'visible' });
    const facts = await card.locator('dl').textContent();
    expect(facts).toContain('Ida Ung');
    expect(facts).toContain(host.name);
    expect(facts).toContain('1. februar 2027');
    await card.getByRole('button', { name: 'Giv samtykke' }).click();
    await guardianPage
      .getByRole('dialog', { name: 'Vil du give samtykke?' })
      .getByRole('button', { name: 'Giv samtykke' })
      .click();
    await guardianPage
      .getByText('Tak. Du har givet samtykke, og Ida Ung har nu accepteret praktikpladsen.')
      .waitFor({ state: 'visible' });

    // The link works once.
    await guardianPage.reload();
    await guardianPage
      .getByText('Linket kan ikke bruges længere', { exact: false })
      .waitFor({ state: 'visible' });
    const forged = await guardianWindow.newPage();
    await forged.goto('/guardian-consent#token=forkert');
    await forged
      .getByText('Linket virker ikke. Brug hele linket fra din e-mail.')
      .waitFor({ state: 'visible' });

    await studentPage.reload();
    await offer.getByText('Accepteret', { exact: true }).waitFor({ state: 'visible' });
    await offer
      .getByText('Din forælder eller værge har givet samtykke.')
      .waitFor({ state: 'visible' });
    const [row] = await db.query(`SELECT status FROM placements WHERE id = $1`, [placement.id]);
    expect(row.status).toBe('accepted');
    expect(errors).toEqual([]);
    await guardianWindow.close();
    await studentWindow.close();
  }, 120_000);
});

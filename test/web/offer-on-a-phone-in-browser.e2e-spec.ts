import { INestApplication } from '@nestjs/common';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Factories } from '../support/factories';
import { pageWidth, seriousViolations } from './accessibility';
import { signedIn, startWebApp } from './browser';

/** The offer card on a 375 px phone: every label on one line, above its value. */
describe('the offer card on a phone', () => {
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

  it('keeps "Kontaktperson" and the other labels whole at 375 px', async () => {
    const make = new Factories(app);
    const db = app.get(DataSource);
    const school = await make.anOrganisation('school');
    const student = await make.aStudent(school, await make.aProgramme(school.id));
    const host = await make.anOrganisation('employer');
    const slot = await make.aSlot(host, { title: 'Laborant i vandlaboratoriet' });
    await db.query(
      `UPDATE slots SET site = 'Hallas Allé 1, 4400 Kalundborg', contact_name = 'Mette Holm',
                        contact_email = 'mette.holm.kontaktperson@example.dk',
                        contact_phone = '+45 59 53 00 00'
       WHERE id = $1`,
      [slot.id],
    );
    const round = await make.anOpenRound([{ id: slot.id }]);
    await db.query(
      `INSERT INTO placements (round_id, student_id, slot_id, deadline_at)
       VALUES ($1, $2, $3, now() + interval '3 days')`,
      [round.id, student.studentId, slot.id],
    );

    const context = await signedIn(browser, baseURL, student.token);
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/overview');
    const offer = page.getByRole('article', {
      name: `Tilbud: Laborant i vandlaboratoriet hos ${host.name}`,
    });
    const label = offer.locator('dl.facts dt', { hasText: 'Kontaktperson' });
    await label.waitFor({ state: 'visible', timeout: 20_000 });

    // Measured in the page (the tests compile without the DOM's types).
    const labels = (await page.evaluate(`[...document.querySelectorAll('article dl.facts dt')]
      .map((element) => ({
        text: element.textContent.trim(),
        height: element.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(element).lineHeight),
        labelBottom: element.getBoundingClientRect().bottom,
        valueTop: element.nextElementSibling.getBoundingClientRect().top,
      }))`)) as {
      text: string;
      height: number;
      lineHeight: number;
      labelBottom: number;
      valueTop: number;
    }[];
    expect(labels.map((l) => l.text)).toEqual(['Periode', 'Sted', 'Kontaktperson']);
    for (const l of labels) {
      // One line high: a label broken inside a word would be two.
      expect(l.height).toBeLessThan(l.lineHeight * 1.5);
      // Above its value, which has the card's whole width.
      expect(l.labelBottom).toBeLessThanOrEqual(l.valueTop + 0.5);
    }
    const width = await pageWidth(page);
    expect(width.scroll).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});

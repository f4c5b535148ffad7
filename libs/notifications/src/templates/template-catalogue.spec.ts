import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IN_APP_EVENT_NAMES, NOTIFICATION_EVENT_NAMES } from '../notification-events';
import { parseShortTexts, TemplateCatalogue, TemplateError } from './template-catalogue';

const catalogue = new TemplateCatalogue(path.resolve(__dirname, '../../templates'));

describe('in-app texts', () => {
  it('has a short Danish and English text for every event shown in the app', () => {
    expect(() =>
      catalogue.verify(NOTIFICATION_EVENT_NAMES, ['da', 'en'], IN_APP_EVENT_NAMES),
    ).not.toThrow();
  });

  it('keeps every in-app text short and free of addresses, whatever the values', () => {
    const values = new Proxy({} as Record<string, string>, { get: () => 'x' });
    for (const event of IN_APP_EVENT_NAMES) {
      for (const language of ['da', 'en'] as const) {
        const text = catalogue.renderShort(event, language, values);
        expect(text).not.toMatch(/https?:|\{\{/);
        expect(text.length).toBeLessThan(160);
      }
    }
  });

  it('names a missing line when the worker checks its texts', () => {
    expect(() => catalogue.verify([], ['da'], ['no.such.event'])).toThrow(
      'in-app.da.txt no.such.event',
    );
  });

  it('reads "event: text" lines, skipping comments and empty lines', () => {
    const texts = parseShortTexts('# about\n\noffer.made: Du har fået tilbud: {{slotTitle}}\n');
    expect([...texts]).toEqual([['offer.made', 'Du har fået tilbud: {{slotTitle}}']]);
    expect(() => parseShortTexts('no colon here')).toThrow(TemplateError);
  });
});

describe('the offer reminder', () => {
  const values = {
    name: 'Ida',
    link: 'https://match.example/placements/1',
    organisationName: 'Kalundborg Kommune',
    slotTitle: 'Laborant i vandlaboratoriet',
    deadline: '1. marts 2027 kl. 12.00',
    startsOn: '1. april 2027',
    endsOn: '30. juni 2027',
    place: 'Holbækvej 141, 4400 Kalundborg',
    contact: 'Mette Holm (mette@example.dk, +45 59 53 00 00)',
    guardianNote: ' GUARDIAN-NOTE',
  };

  it.each(['da', 'en'] as const)(
    'repeats what the offer says of period, place, contact, guardian and next steps (%s)',
    (language) => {
      const offer = catalogue.render('offer.made', language, values);
      const reminder = catalogue.render('offer.reminder', language, values);
      const detailLines = (text: string) =>
        text
          .split('\n')
          .filter((line) =>
            /^(Periode|Period|Sted|Place|Kontaktperson|Contact person|Hvad sker|What happens)/.test(
              line,
            ),
          );
      expect(detailLines(offer.text)).toHaveLength(4);
      expect(detailLines(reminder.text)).toEqual(detailLines(offer.text));
      for (const value of [values.startsOn, values.endsOn, values.place, values.contact]) {
        expect(reminder.text).toContain(value);
        expect(reminder.html).toContain(value);
      }
      expect(reminder.text).toContain('GUARDIAN-NOTE');
      expect(reminder.html).toContain('GUARDIAN-NOTE');
      expect(reminder.html).toContain(language === 'da' ? 'Hvad sker der nu' : 'What happens next');
      expect(`${reminder.text}${reminder.html}`).not.toMatch(/\{\{/);
    },
  );

  it('names a missing partial when the worker checks its texts', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'templates-'));
    writeFileSync(path.join(directory, 'x.da.txt'), 'Subject: X\n\n{{> nowhere}}\n');
    expect(() => new TemplateCatalogue(directory).verify(['x'], ['da'])).toThrow(
      /partials\/nowhere\.da\.txt/,
    );
  });
});

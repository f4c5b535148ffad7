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

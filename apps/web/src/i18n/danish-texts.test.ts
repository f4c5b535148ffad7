import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { da } from './da';
import { ERROR_TEXTS, wordError } from './error-texts';

/**
 * What a Danish reader should never meet on a Danish screen or in a Danish e-mail: English
 * words, developer words, English quotation marks, "studerende" for every student (a
 * gymnasium pupil is an "elev") and "virksomheden" for a host that may be a public body.
 * See the shared GLOSSARY.md.
 */
const ENGLISH = [
  'the',
  'and',
  'you',
  'your',
  'must',
  'should',
  'will',
  'with',
  'please',
  'error',
  'failed',
  'invalid',
  'submit',
  'click',
  'help',
  'loading',
  'row',
  'rows',
  'header',
  'missing',
  'characters',
  'longer',
  'after',
  'before',
  'than',
];
const JARGON = ['token', 'payload', 'endpoint', 'null', 'undefined', 'backend', 'frontend', 'json'];
const BANNED = [...ENGLISH, ...JARGON, 'virksomheden', 'lodtrækningsfrø', 'hvem foreslår'];
/** Names that are English and stay so: a report cited by its title. */
const PROPER_NAMES = [
  'National Association of Colleges and Employers, 2024 Internship & Co-op Report',
];

const templates = fileURLToPath(
  new URL('../../../../libs/notifications/templates', import.meta.url),
);
const danishFiles = (directory: string): [string, string][] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return danishFiles(file);
    return /\.da\.(txt|html)$/.test(entry.name) ? [[entry.name, readFileSync(file, 'utf8')]] : [];
  });

const texts: [string, string][] = [
  ...Object.entries(da),
  ...Object.entries(ERROR_TEXTS.da).map(([key, text]): [string, string] => [`error ${key}`, text]),
  ...danishFiles(templates),
];

/** The words a reader sees: without placeholders, HTML tags and proper names. */
function readable(text: string): string {
  let words = text.replace(/\{\{[^}]*\}\}|\{\w+\}|<[^>]+>/g, ' ');
  for (const name of PROPER_NAMES) words = words.replace(name, ' ');
  return words.toLowerCase();
}

describe('the Danish texts of the web app and the e-mails', () => {
  it('finds the texts', () => {
    expect(texts.length).toBeGreaterThan(500);
    expect(texts.some(([name]) => name === 'offer.reminder.da.txt')).toBe(true);
  });

  it('hold no English or developer words', () => {
    const found = texts.flatMap(([name, text]) => {
      const words = readable(text);
      return BANNED.filter((word) =>
        new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'u').test(words),
      ).map((word) => `${name}: ${word}`);
    });
    expect(found).toEqual([]);
  });

  it('quote »like this«, never “like this” or «like this»', () => {
    const found = texts
      // Guillemets in Danish pairs: » opens, « closes.
      .filter(([, text]) => /[“”‘]/.test(text) || !/^(»«)*$/.test(text.replace(/[^»«]/g, '')))
      .map(([name]) => name);
    expect(found).toEqual([]);
  });

  it('never call every student "studerende": a gymnasium pupil is an "elev"', () => {
    const found = texts
      .filter(([, text]) => /studerende/i.test(text) && !/\belev/i.test(text))
      .map(([name]) => name);
    expect(found).toEqual([]);
  });

  it("word a round's status in an error, not its code", () => {
    expect(wordError('da', { code: 'round.state', params: { status: 'matched' } })).toBe(
      'Det kan ikke lade sig gøre, når matchrunden har status »Matchet«.',
    );
    expect(wordError('en', { code: 'round.state', params: { status: 'published' } })).toBe(
      'That is not possible while the round is “Offers sent”.',
    );
  });
});

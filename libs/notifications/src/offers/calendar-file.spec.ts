import { calendarFile, escapeText, fold } from './calendar-file';

const period = {
  uid: 'placement-1@biotekbyen.dk',
  startsOn: '2027-02-01',
  endsOn: '2027-04-30',
  summary: 'Praktik: Laborant i QC, Novo Nordisk',
  location: 'Hallas Allé 1; Kalundborg',
  description: 'Kontakt: Jens Hansen',
  stamp: new Date('2026-12-03T11:42:20.123Z'),
};

describe('calendarFile', () => {
  it('ends every line with CRLF and has the required properties', () => {
    const text = calendarFile(period);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('UID:placement-1@biotekbyen.dk');
    expect(lines).toContain('DTSTAMP:20261203T114220Z');
    expect(lines).toContain('DTSTART;VALUE=DATE:20270201');
    expect(lines).toContain('SUMMARY:Praktik: Laborant i QC\\, Novo Nordisk');
    expect(lines).toContain('LOCATION:Hallas Allé 1\\; Kalundborg');
  });

  it('ends the all-day event the day after the last day, across a month and a year', () => {
    expect(calendarFile(period)).toContain('DTEND;VALUE=DATE:20270501\r\n');
    expect(calendarFile({ ...period, endsOn: '2027-12-31' })).toContain(
      'DTEND;VALUE=DATE:20280101\r\n',
    );
  });

  it('leaves out the location when the slot has no address', () => {
    expect(calendarFile({ ...period, location: '' })).not.toContain('LOCATION');
  });
});

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});

describe('fold', () => {
  it('keeps every line within 75 octets, without splitting a character', () => {
    const line = `DESCRIPTION:${'æøå'.repeat(40)}`;
    const folded = fold(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
  });

  it('leaves a short line alone', () => {
    expect(fold('VERSION:2.0')).toBe('VERSION:2.0');
  });
});

/**
 * A period as an iCalendar file (RFC 5545) to attach to an offer: one all-day event from the
 * first to the last day. Written by hand because it is a dozen lines: CRLF line ends, lines
 * folded at 75 octets, text values escaped, and DTEND the day after the last day (it is
 * exclusive for dates).
 */
export interface CalendarPeriod {
  /** Stable across sends, so a calendar replaces the event instead of adding another. */
  uid: string;
  startsOn: string;
  endsOn: string;
  summary: string;
  location: string;
  description: string;
  /** DTSTAMP: when the file is made. */
  stamp: Date;
}

export function calendarFile(period: CalendarPeriod): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Alliancen Biotekbyen//Biotekbyen Match//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${period.uid}`,
    `DTSTAMP:${utcStamp(period.stamp)}`,
    `DTSTART;VALUE=DATE:${compactDate(period.startsOn)}`,
    `DTEND;VALUE=DATE:${compactDate(dayAfter(period.endsOn))}`,
    `SUMMARY:${escapeText(period.summary)}`,
    ...(period.location ? [`LOCATION:${escapeText(period.location)}`] : []),
    `DESCRIPTION:${escapeText(period.description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space. */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets, each continuation 74 after its leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function compactDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function dayAfter(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

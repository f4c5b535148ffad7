/** How values appear in messages: Danish dates as "27. november 2026 kl. 12.00", in Copenhagen time. */
export type Language = 'da' | 'en';

const TIME_ZONE = 'Europe/Copenhagen';
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const formats = {
  da: {
    date: new Intl.DateTimeFormat('da-DK', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: TIME_ZONE,
    }),
    time: new Intl.DateTimeFormat('da-DK', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    }),
    joiner: ' kl. ',
  },
  en: {
    date: new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: TIME_ZONE,
    }),
    time: new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    }),
    joiner: ' at ',
  },
};

export function formatDateTime(instant: Date, language: Language): string {
  const format = formats[language];
  // da-DK separates hours and minutes with a dot ("12.00"); some ICU builds use a colon.
  const time = format.time.format(instant);
  const clock = language === 'da' ? time.replace(':', '.') : time;
  return `${format.date.format(instant)}${format.joiner}${clock}`;
}

/** A payload value as text: ISO 8601 timestamps become dates in the reader's language. */
export function formatValue(value: unknown, language: Language): string {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value)) {
    const instant = new Date(value);
    if (!Number.isNaN(instant.getTime())) return formatDateTime(instant, language);
  }
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    // A calendar day (a slot's first day): noon UTC is the same day in Copenhagen.
    const noon = new Date(`${value}T12:00:00Z`);
    if (!Number.isNaN(noon.getTime())) return formats[language].date.format(noon);
  }
  if (value === null || value === undefined) return '';
  return String(value);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

import type { UiLanguage } from '../api/types';

/** Dates and times as Danish readers expect them: "27. november 2026", "kl. 12.00". */
const TIME_ZONE = 'Europe/Copenhagen';
const LOCALES: Record<UiLanguage, string> = { da: 'da-DK', en: 'en-GB' };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date ("2027-02-01") or an instant (ISO 8601) as a date in Copenhagen. */
export function formatDate(value: string, language: UiLanguage): string {
  const dateOnly = DATE_ONLY.test(value);
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: dateOnly ? 'UTC' : TIME_ZONE,
  }).format(new Date(dateOnly ? `${value}T00:00:00Z` : value));
}

export function formatTime(value: string, language: UiLanguage): string {
  const time = new Intl.DateTimeFormat(LOCALES[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
  }).format(new Date(value));
  return language === 'da' ? `kl. ${time}` : time;
}

export function formatDateTime(value: string, language: UiLanguage): string {
  const joiner = language === 'da' ? ' ' : ' at ';
  return `${formatDate(value, language)}${joiner}${formatTime(value, language)}`;
}

export function formatNumber(value: number, language: UiLanguage): string {
  return new Intl.NumberFormat(LOCALES[language]).format(value);
}

export function formatPercent(part: number, whole: number, language: UiLanguage): string {
  if (whole === 0) return '–';
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent' }).format(part / whole);
}

/** A period of two calendar dates: "1. februar 2027 – 30. april 2027". */
export function formatPeriod(from: string, to: string, language: UiLanguage): string {
  return `${formatDate(from, language)} – ${formatDate(to, language)}`;
}

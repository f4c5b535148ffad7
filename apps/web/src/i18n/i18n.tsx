import {
  createContext,
  ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { UiLanguage } from '../api/types';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatTime,
} from '../app/format';
import { da, MessageKey } from './da';
import { en } from './en';

/** Danish first; English for those who ask. The choice is kept in this browser. */
const STORAGE_KEY = 'biotekbyen.language';
const MESSAGES: Record<UiLanguage, Record<MessageKey, string>> = { da, en };

export type Vars = Record<string, string | number>;

export interface I18n {
  language: UiLanguage;
  setLanguage(language: UiLanguage): void;
  t(key: MessageKey, vars?: Vars): string;
  date(value: string): string;
  time(value: string): string;
  dateTime(value: string): string;
  period(from: string, to: string): string;
  number(value: number): string;
  percent(part: number, whole: number): string;
}

export function translate(language: UiLanguage, key: MessageKey, vars: Vars = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

function storedLanguage(): UiLanguage {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<UiLanguage>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: UiLanguage) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, vars) => translate(language, key, vars),
      date: (v) => formatDate(v, language),
      time: (v) => formatTime(v, language),
      dateTime: (v) => formatDateTime(v, language),
      period: (from, to) => formatPeriod(from, to, language),
      number: (v) => formatNumber(v, language),
      percent: (part, whole) => formatPercent(part, whole, language),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

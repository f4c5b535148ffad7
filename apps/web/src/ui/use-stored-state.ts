import { useEffect, useState } from 'react';

/**
 * State kept in this tab's sessionStorage under `key`, so that a screen's filters are as the
 * reader left them when they come back to it (and forgotten when the tab closes).
 */
export function useStoredState<T>(key: string, initial: T): [T, (value: T) => void] {
  const storageKey = `biotekbyen.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const kept = window.sessionStorage.getItem(storageKey);
      return kept === null ? initial : (JSON.parse(kept) as T);
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // private mode: the filters last for this visit only
    }
  }, [storageKey, value]);
  return [value, setValue];
}

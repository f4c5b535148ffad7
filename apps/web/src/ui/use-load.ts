import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  /** Replaces the data without a request (after a change the api returned). */
  set(data: T): void;
}

/** Loads data for a page; a newer load wins over an older one still under way. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  // The caller names the dependencies of its load function, as with useEffect.
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const result = await run();
      if (call === latest.current) {
        setData(result);
        setError(undefined);
      }
    } catch (caught) {
      if (call === latest.current) setError(caught);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, loading, reload, set: setData };
}

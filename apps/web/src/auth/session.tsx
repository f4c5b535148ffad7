import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, read, setAccessToken } from '../api/client';
import type { LoginResult, Me } from '../api/types';
import { retryPendingWork } from './pending-work';

/** The signed-in user: the token is kept in this browser until sign-out or expiry. */
const STORAGE_KEY = 'biotekbyen.token';
/** Set when the server ended the session (401), so the sign-in page can say so. */
const EXPIRED_KEY = 'biotekbyen.expired';

export function sessionExpired(): boolean {
  try {
    return window.sessionStorage.getItem(EXPIRED_KEY) !== null;
  } catch {
    return false;
  }
}

function markExpired(expired: boolean): void {
  try {
    if (expired) window.sessionStorage.setItem(EXPIRED_KEY, '1');
    else window.sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    // private mode: the sign-in page then says nothing about why
  }
}

export interface Session {
  me: Me | null;
  /** True while a kept token is being checked at start. */
  checking: boolean;
  signIn(email: string, password: string): Promise<void>;
  /** Ends this sign-in on the server too, then forgets it here. */
  signOut(): Promise<void>;
  /** Keeps a new token for this browser (after a password change). */
  keep(token: string): Promise<void>;
  reload(): Promise<void>;
  /** How many changes made as the session expired were saved after this sign-in. */
  restored: number;
}

const SessionContext = createContext<Session | null>(null);

function keptToken(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function keepToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(STORAGE_KEY, token);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode: the sign-in lasts for this page only
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => keptToken() !== null);
  const [restored, setRestored] = useState(0);

  const forget = useCallback(() => {
    keepToken(null);
    setAccessToken(null, () => undefined);
    setMe(null);
  }, []);

  const signOut = useCallback(async () => {
    // An ended or unreachable session is forgotten here all the same.
    await api.POST('/api/auth/logout').catch(() => undefined);
    forget();
  }, [forget]);

  const reload = useCallback(async () => {
    setMe(await read<Me>(api.GET('/api/me')));
  }, []);

  // The server refused a kept token: the session has expired (or was ended elsewhere).
  const expire = useCallback(() => {
    markExpired(true);
    forget();
  }, [forget]);

  const start = useCallback(
    async (token: string) => {
      setAccessToken(token, expire);
      await reload();
    },
    [reload, expire],
  );

  const keep = useCallback(
    async (token: string) => {
      keepToken(token);
      await start(token);
    },
    [start],
  );

  useEffect(() => {
    const token = keptToken();
    if (!token) return;
    start(token)
      .catch(forget)
      .finally(() => setChecking(false));
  }, [start, forget]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await read<LoginResult>(
        api.POST('/api/auth/login', { body: { email, password } }),
      );
      setAccessToken(result.accessToken, expire);
      // Before the page reloads its data, so that it shows what was just saved.
      setRestored(await retryPendingWork());
      markExpired(false);
      await keep(result.accessToken);
    },
    [keep, expire],
  );

  return (
    <SessionContext.Provider value={{ me, checking, signIn, signOut, keep, reload, restored }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user, for pages that are only shown to signed-in users. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

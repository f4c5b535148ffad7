import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, read, setAccessToken } from '../api/client';
import type { LoginResult, Me } from '../api/types';

/** The signed-in user: the token is kept in this browser until sign-out or expiry. */
const STORAGE_KEY = 'biotekbyen.token';

export interface Session {
  me: Me | null;
  /** True while a kept token is being checked at start. */
  checking: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
  reload(): Promise<void>;
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

  const signOut = useCallback(() => {
    keepToken(null);
    setAccessToken(null, () => undefined);
    setMe(null);
  }, []);

  const reload = useCallback(async () => {
    setMe(await read<Me>(api.GET('/api/me')));
  }, []);

  const start = useCallback(
    async (token: string) => {
      setAccessToken(token, signOut);
      await reload();
    },
    [reload, signOut],
  );

  useEffect(() => {
    const token = keptToken();
    if (!token) return;
    start(token)
      .catch(signOut)
      .finally(() => setChecking(false));
  }, [start, signOut]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await read<LoginResult>(
        api.POST('/api/auth/login', { body: { email, password } }),
      );
      keepToken(result.accessToken);
      await start(result.accessToken);
    },
    [start],
  );

  return (
    <SessionContext.Provider value={{ me, checking, signIn, signOut, reload }}>
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

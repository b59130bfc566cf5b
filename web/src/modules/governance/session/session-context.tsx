import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiProblem, onSignedOut, setCsrfToken } from '../../../lib/http.ts';
import { getSession, signIn as postSignIn, signOut as deleteSession, type Actor, type Session } from '../api/session.api.ts';

/**
 * Who is signed in, for every screen. The session itself is an HttpOnly cookie the page cannot read;
 * what the page knows is the answer of GET /api/governance/session (the actor and the CSRF token),
 * asked once on load, replaced on sign-in and dropped on sign-out or when any request finds the
 * session gone. `reason` says why nobody is signed in: 'not-signed-in' on arrival, 'ended' when the
 * session expired or was ended elsewhere (the person goes back where they were after signing in
 * again), 'signed-out' when they signed out.
 */
export type SignedOutReason = 'not-signed-in' | 'ended' | 'signed-out';

export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; reason: SignedOutReason; error?: unknown }
  | { status: 'signed-in'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the server again (e.g. after a 403 for a stale CSRF token). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'signed-in' ? next.session.csrfToken : undefined);
    setState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply({ status: 'signed-in', session: await getSession() });
    } catch (error) {
      // 401 is the ordinary answer when nobody is signed in; anything else is shown on the sign-in page.
      apply({ status: 'signed-out', reason: 'not-signed-in', error: error instanceof ApiProblem && error.status === 401 ? undefined : error });
    }
  }, [apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => onSignedOut(() => apply({ status: 'signed-out', reason: 'ended' })), [apply]);

  const signIn = useCallback(async (username: string, password: string) => {
    apply({ status: 'signed-in', session: await postSignIn(username, password) });
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await deleteSession();
    } finally {
      apply({ status: 'signed-out', reason: 'signed-out' });
    }
  }, [apply]);

  const value = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider above it');
  return value;
}

/** The signed-in actor; screens behind sign-in only. */
export function useActor(): Actor {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useActor is for screens shown only to a signed-in user');
  return state.session.actor;
}

/** Where to go after signing in: a path within the app, never another site. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/sign-in') || value.startsWith('/api/')) return '/';
  return value;
}

/** The sign-in page's address, remembering where the person was. */
export function signInHref(returnTo: string): string {
  const target = safeReturnTo(returnTo);
  return target === '/' ? '/sign-in' : `/sign-in?returnTo=${encodeURIComponent(target)}`;
}

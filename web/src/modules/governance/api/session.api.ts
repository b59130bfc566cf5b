import { getJson, sendJson } from '../../../lib/http.ts';
import type { Actor } from '../../../../../src/kernel/access/actor.ts';

/** Sign-in, who am I and sign-out: /api/governance/session (see src/modules/governance/routes/auth.routes.ts). */
const BASE = '/api/governance';

export type { Actor };

export interface Session {
  actor: Actor;
  /** Sent back in the X-CSRF-Token header of every write. */
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface SignInOptions {
  /** Single sign-on with the organisation's identity provider is set up. */
  oidc: boolean;
}

export function signIn(username: string, password: string): Promise<Session> {
  return sendJson<Session>('POST', `${BASE}/session`, { username, password }, { expectUnauthorised: true });
}

/** The current session; rejects with a 401 ApiProblem when nobody is signed in. */
export function getSession(signal?: AbortSignal): Promise<Session> {
  return getJson<Session>(`${BASE}/session`, signal, { expectUnauthorised: true });
}

export function signOut(): Promise<void> {
  return sendJson<void>('DELETE', `${BASE}/session`, undefined, { expectUnauthorised: true });
}

/** Which ways of signing in the server offers; a server without the route offers passwords only. */
export async function getSignInOptions(signal?: AbortSignal): Promise<SignInOptions> {
  try {
    const options = await getJson<Partial<SignInOptions>>(`${BASE}/session/options`, signal, { expectUnauthorised: true });
    return { oidc: options.oidc === true };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { oidc: false };
  }
}

/** Where single sign-on starts (a full page load: the browser goes to the identity provider). */
export const OIDC_LOGIN_URL = `${BASE}/oidc/login`;

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

import type { Actor } from '../../../kernel/access/actor.ts';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import { actorFromStaff } from './actor.service.ts';
import type { AuthSettings } from './auth.settings.ts';
import {
  deleteExpiredSessions, deleteSession, findSessionWithStaff, findTeamCodes, insertSession, touchSession, type SessionRow,
} from './session.repository.ts';
import { randomToken, sha256Hex } from './token.util.ts';

export type SignInMethod = 'password' | 'oidc';

/** A live session as the request sees it; the token itself is only ever in the cookie. */
export interface ActiveSession {
  tokenHash: string;
  staffId: string;
  csrfToken: string;
  method: string;
  createdAt: string;
  /** Absolute expiry. */
  expiresAt: string;
  /** When it ends if nothing more is done in it. */
  idleExpiresAt: string;
}

export interface StartedSession { token: string; session: ActiveSession }

type SessionTimes = Pick<AuthSettings, 'session'>;

function toActive(row: SessionRow, settings: SessionTimes): ActiveSession {
  const idleEnd = Math.min(Date.parse(row.lastSeenAt) + settings.session.idleMs, Date.parse(row.expiresAt));
  return {
    tokenHash: row.tokenHash,
    staffId: row.staffId,
    csrfToken: row.csrfToken,
    method: row.method,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    idleExpiresAt: new Date(idleEnd).toISOString(),
  };
}

/**
 * A new session with a fresh random token (256 bits) and its own CSRF token. Only the token's
 * SHA-256 is stored. Sessions already expired, anyone's, are swept at the same time.
 */
export async function startSession(db: Database | Tx, staffId: string, method: SignInMethod, settings: SessionTimes, now: Date): Promise<StartedSession> {
  const nowIso = now.toISOString();
  await deleteExpiredSessions(db, nowIso, new Date(now.getTime() - settings.session.idleMs).toISOString());
  const token = randomToken();
  const row: SessionRow = {
    tokenHash: sha256Hex(token),
    staffId,
    csrfToken: randomToken(),
    method,
    createdAt: nowIso,
    lastSeenAt: nowIso,
    expiresAt: new Date(now.getTime() + settings.session.absoluteMs).toISOString(),
  };
  await insertSession(db, row);
  return { token, session: toActive(row, settings) };
}

/**
 * The session and actor a cookie's token stands for, or undefined when the token is unknown, the
 * session has passed its idle or absolute limit (it is then deleted), or the account is disabled.
 * Last-seen is written at most once per touch interval, so a busy user costs one read per request.
 */
export async function resolveSession(
  db: Database | Tx, token: string, settings: SessionTimes, now: Date,
): Promise<{ session: ActiveSession; actor: Actor } | undefined> {
  const found = await findSessionWithStaff(db, sha256Hex(token));
  if (!found) return undefined;
  const nowMs = now.getTime();
  const lastSeenMs = Date.parse(found.lastSeenAt);
  const expired = nowMs >= Date.parse(found.expiresAt) || nowMs >= lastSeenMs + settings.session.idleMs;
  if (expired || found.accountDisabled) {
    await deleteSession(db, found.tokenHash);
    return undefined;
  }
  let row: SessionRow = found;
  if (nowMs - lastSeenMs >= settings.session.touchIntervalMs) {
    row = { ...found, lastSeenAt: now.toISOString() };
    await touchSession(db, found.tokenHash, row.lastSeenAt);
  }
  const teams = await findTeamCodes(db, found.staffId);
  const actor = actorFromStaff(
    { id: found.staffId, givenName: found.givenName, familyName: found.familyName, employerOrgCode: found.employerOrgCode, role: found.role },
    teams,
  );
  return { session: toActive(row, settings), actor };
}

/** Ends the session the token stands for; true when there was one. */
export async function endSession(db: Database | Tx, token: string): Promise<boolean> {
  return deleteSession(db, sha256Hex(token));
}

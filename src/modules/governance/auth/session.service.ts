import type { Actor } from '../../../kernel/access/actor.ts';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import { actorFromStaff } from './actor.service.ts';
import type { AuthSettings } from './auth.settings.ts';
import {
  deleteExpiredSessions, deleteSession, deleteSessionsOfStaff, findSessionWithStaff, findTeamCodes, insertSession, touchSession,
  type SessionRow, type SessionWithStaff,
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
 * Resolved sessions are remembered for SESSION_CACHE_MS, so a user paging through records costs no
 * session query per request (it was a third of the cost of access control on the person page).
 * Everything in this process that ends sessions — sign-out, expiry, a password change — forgets them
 * at once; a change made by another process (an account disabled from the CLI, a team membership
 * changed) takes effect within SESSION_CACHE_MS. Idle and absolute expiry are checked on every
 * request against the remembered times, so caching never extends a session.
 */
export const SESSION_CACHE_MS = 5_000;
interface CachedSession { at: number; found: SessionWithStaff; teams: string[] }
const sessionCache = new WeakMap<Database, Map<string, CachedSession>>();

function cacheOf(db: Database | Tx): Map<string, CachedSession> {
  const key = 'db' in db ? db.db : db;
  let cache = sessionCache.get(key);
  if (!cache) sessionCache.set(key, (cache = new Map()));
  return cache;
}

async function lookUpSession(db: Database | Tx, tokenHash: string, nowMs: number): Promise<CachedSession | undefined> {
  const cache = cacheOf(db);
  const hit = cache.get(tokenHash);
  if (hit && nowMs - hit.at < SESSION_CACHE_MS && nowMs >= hit.at) return hit;
  cache.delete(tokenHash);
  const found = await findSessionWithStaff(db, tokenHash);
  if (!found) return undefined;
  const entry = { at: nowMs, found, teams: await findTeamCodes(db, found.staffId) };
  // Old entries go when the cache grows; a live one costs one query to bring back.
  if (cache.size >= 10_000) cache.clear();
  cache.set(tokenHash, entry);
  return entry;
}

/** Forgets every remembered session of a staff member (password changed, account disabled). */
export function forgetSessionsOf(db: Database | Tx, staffId: string): void {
  const cache = cacheOf(db);
  for (const [hash, entry] of cache) if (entry.found.staffId === staffId) cache.delete(hash);
}

/** Ends every session of a staff member, here and in the cache. */
export async function endSessionsOf(db: Database | Tx, staffId: string): Promise<number> {
  forgetSessionsOf(db, staffId);
  return deleteSessionsOfStaff(db, staffId);
}

/**
 * The session and actor a cookie's token stands for, or undefined when the token is unknown, the
 * session has passed its idle or absolute limit (it is then deleted), or the account is disabled.
 * Last-seen is written at most once per touch interval.
 */
export async function resolveSession(
  db: Database | Tx, token: string, settings: SessionTimes, now: Date,
): Promise<{ session: ActiveSession; actor: Actor } | undefined> {
  const tokenHash = sha256Hex(token);
  const nowMs = now.getTime();
  const cached = await lookUpSession(db, tokenHash, nowMs);
  if (!cached) return undefined;
  const found = cached.found;
  const lastSeenMs = Date.parse(found.lastSeenAt);
  const expired = nowMs >= Date.parse(found.expiresAt) || nowMs >= lastSeenMs + settings.session.idleMs;
  if (expired || found.accountDisabled) {
    cacheOf(db).delete(tokenHash);
    await deleteSession(db, found.tokenHash);
    return undefined;
  }
  let row: SessionRow = found;
  if (nowMs - lastSeenMs >= settings.session.touchIntervalMs) {
    row = { ...found, lastSeenAt: now.toISOString() };
    cached.found = { ...found, lastSeenAt: row.lastSeenAt };
    await touchSession(db, found.tokenHash, row.lastSeenAt);
  }
  const actor = actorFromStaff(
    { id: found.staffId, givenName: found.givenName, familyName: found.familyName, employerOrgCode: found.employerOrgCode, role: found.role, employerOrgType: found.employerOrgType },
    cached.teams,
  );
  return { session: toActive(row, settings), actor };
}

/** Ends the session the token stands for; true when there was one. */
export async function endSession(db: Database | Tx, token: string): Promise<boolean> {
  const tokenHash = sha256Hex(token);
  cacheOf(db).delete(tokenHash);
  return deleteSession(db, tokenHash);
}

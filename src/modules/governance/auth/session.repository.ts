import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { AuthTables } from './auth.tables.ts';

/** Server-side sessions, keyed by the SHA-256 of the cookie's token; and OIDC logins in flight. */
export interface SessionRow {
  tokenHash: string;
  staffId: string;
  csrfToken: string;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A session with what is needed to build its actor, read in one query. */
export interface SessionWithStaff extends SessionRow {
  accountDisabled: boolean;
  givenName: string;
  familyName: string;
  employerOrgCode: string;
  role: string;
  /** The employer's organisation type (null when the organisation is not registered). */
  employerOrgType: string | null;
}

export async function insertSession(db: Database | Tx, session: SessionRow): Promise<void> {
  await tables<AuthTables>(db).insertInto('user_session').values({
    token_hash: session.tokenHash,
    staff_id: session.staffId,
    csrf_token: session.csrfToken,
    method: session.method,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
    expires_at: session.expiresAt,
  }).execute();
}

export async function findSessionWithStaff(db: Database | Tx, tokenHash: string): Promise<SessionWithStaff | undefined> {
  const row = await tables<AuthTables>(db).selectFrom('user_session as s')
    .innerJoin('user_account as a', 'a.staff_id', 's.staff_id')
    .innerJoin('staff as st', 'st.id', 's.staff_id')
    .leftJoin('organisation as o', 'o.code', 'st.employer_org_code')
    .select([
      's.token_hash', 's.staff_id', 's.csrf_token', 's.method', 's.created_at', 's.last_seen_at', 's.expires_at',
      'a.disabled', 'st.given_name', 'st.family_name', 'st.employer_org_code', 'st.role', 'o.org_type',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    staffId: row.staff_id,
    csrfToken: row.csrf_token,
    method: row.method,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    accountDisabled: Number(row.disabled) === 1,
    givenName: row.given_name,
    familyName: row.family_name,
    employerOrgCode: row.employer_org_code,
    role: row.role,
    employerOrgType: row.org_type,
  };
}

export async function touchSession(db: Database | Tx, tokenHash: string, lastSeenAt: string): Promise<void> {
  await tables<AuthTables>(db).updateTable('user_session').set({ last_seen_at: lastSeenAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Database | Tx, tokenHash: string): Promise<boolean> {
  const result = await tables<AuthTables>(db).deleteFrom('user_session').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteSessionsOfStaff(db: Database | Tx, staffId: string): Promise<number> {
  const result = await tables<AuthTables>(db).deleteFrom('user_session').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions past their absolute expiry or idle for longer than allowed. */
export async function deleteExpiredSessions(db: Database | Tx, now: string, idleCutoff: string): Promise<number> {
  const result = await tables<AuthTables>(db).deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findTeamCodes(db: Database | Tx, staffId: string): Promise<string[]> {
  const rows = await tables<AuthTables>(db).selectFrom('team_member').select('team_code').where('staff_id', '=', staffId).orderBy('team_code').execute();
  return rows.map((r) => r.team_code);
}

export interface OidcLoginRow { idHash: string; state: string; nonce: string; codeVerifier: string; createdAt: string }

export async function insertOidcLogin(db: Database | Tx, login: OidcLoginRow): Promise<void> {
  await tables<AuthTables>(db).insertInto('oidc_login').values({
    id_hash: login.idHash, state: login.state, nonce: login.nonce, code_verifier: login.codeVerifier, created_at: login.createdAt,
  }).execute();
}

/** Reads and deletes a login in flight: each can complete at most once. */
export async function takeOidcLogin(db: Database | Tx, idHash: string): Promise<OidcLoginRow | undefined> {
  const row = await tables<AuthTables>(db).deleteFrom('oidc_login').where('id_hash', '=', idHash).returningAll().executeTakeFirst();
  return row ? { idHash: row.id_hash, state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, createdAt: row.created_at } : undefined;
}

export async function deleteOidcLoginsBefore(db: Database | Tx, cutoff: string): Promise<void> {
  await tables<AuthTables>(db).deleteFrom('oidc_login').where('created_at', '<', cutoff).execute();
}

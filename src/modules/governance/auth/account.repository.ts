import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { AuthTables, UserAccountTable } from './auth.tables.ts';

/** Local accounts: one per staff member. Every query here is built by Kysely with bound parameters. */
export interface UserAccount {
  staffId: string;
  username: string;
  passwordHash: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: boolean;
  createdAt: string | undefined;
  passwordChangedAt: string | null;
}

function toAccount(row: UserAccountTable): UserAccount {
  return {
    staffId: row.staff_id,
    username: row.username,
    passwordHash: row.password_hash,
    failedAttempts: Number(row.failed_attempts),
    lockedUntil: row.locked_until,
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

/** username must already be normalised (normaliseUsername). */
export async function findAccountByUsername(db: Database | Tx, username: string): Promise<UserAccount | undefined> {
  const row = await tables<AuthTables>(db).selectFrom('user_account').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function findAccountByStaffId(db: Database | Tx, staffId: string): Promise<UserAccount | undefined> {
  const row = await tables<AuthTables>(db).selectFrom('user_account').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function findAccountsByUsernames(db: Database | Tx, usernames: readonly string[]): Promise<UserAccount[]> {
  if (usernames.length === 0) return [];
  return (await tables<AuthTables>(db).selectFrom('user_account').selectAll().where('username', 'in', usernames).execute()).map(toAccount);
}

export interface NewAccountRow { staffId: string; username: string; passwordHash: string | null; now: string }

export async function insertAccount(db: Database | Tx, account: NewAccountRow): Promise<void> {
  await tables<AuthTables>(db).insertInto('user_account').values({
    staff_id: account.staffId,
    username: account.username,
    password_hash: account.passwordHash,
    failed_attempts: 0,
    locked_until: null,
    disabled: 0,
    created_at: account.now,
    password_changed_at: account.passwordHash === null ? null : account.now,
  }).execute();
}

export async function updatePasswordHash(db: Database | Tx, staffId: string, passwordHash: string, now: string): Promise<void> {
  await tables<AuthTables>(db).updateTable('user_account')
    .set({ password_hash: passwordHash, password_changed_at: now, failed_attempts: 0, locked_until: null })
    .where('staff_id', '=', staffId).execute();
}

/** Keeps the hash but upgrades its parameters (after a successful verify with older ones). */
export async function replacePasswordHash(db: Database | Tx, staffId: string, passwordHash: string): Promise<void> {
  await tables<AuthTables>(db).updateTable('user_account').set({ password_hash: passwordHash }).where('staff_id', '=', staffId).execute();
}

/** Use setAccountDisabled (sign-in.service.ts), which also ends the account's remembered sessions. */
export async function updateAccountDisabled(db: Database | Tx, staffId: string, disabled: boolean): Promise<void> {
  await tables<AuthTables>(db).updateTable('user_account').set({ disabled: disabled ? 1 : 0 }).where('staff_id', '=', staffId).execute();
}

/**
 * Counts one more consecutive failure atomically and returns the new count, so that concurrent wrong
 * passwords cannot slip past the lock-out threshold.
 */
export async function incrementFailedAttempts(db: Database | Tx, staffId: string): Promise<number> {
  const row = await tables<AuthTables>(db).updateTable('user_account')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('staff_id', '=', staffId)
    .returning('failed_attempts')
    .executeTakeFirst();
  return Number(row?.failed_attempts ?? 0);
}

/** Locks the account until the given instant and starts counting failures afresh. */
export async function lockAccount(db: Database | Tx, staffId: string, until: string): Promise<void> {
  await tables<AuthTables>(db).updateTable('user_account').set({ locked_until: until, failed_attempts: 0 }).where('staff_id', '=', staffId).execute();
}

/** After a successful sign-in: no failures, no lock. Writes only when there is something to clear. */
export async function clearFailedAttempts(db: Database | Tx, account: UserAccount): Promise<void> {
  if (account.failedAttempts === 0 && account.lockedUntil === null) return;
  await tables<AuthTables>(db).updateTable('user_account').set({ failed_attempts: 0, locked_until: null }).where('staff_id', '=', account.staffId).execute();
}

export async function readSecret(db: Database | Tx, name: string): Promise<string | undefined> {
  const row = await tables<AuthTables>(db).selectFrom('auth_secret').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

/** Stores the secret unless one of that name exists (another process won the race); returns the stored one. */
export async function insertSecretIfAbsent(db: Database | Tx, name: string, value: string): Promise<string> {
  await tables<AuthTables>(db).insertInto('auth_secret').values({ name, value }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await readSecret(db, name))!;
}

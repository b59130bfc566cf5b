import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { GovernanceTables } from '../store/governance.tables.ts';
import {
  clearFailedAttempts, findAccountByStaffId, findAccountByUsername, incrementFailedAttempts, insertAccount, lockAccount,
  replacePasswordHash, updateAccountDisabled, updatePasswordHash, type UserAccount,
} from './account.repository.ts';
import { accountExists, invalidUsername, unacceptablePassword, unknownStaff, usernameTaken } from './auth.errors.ts';
import type { AuthSettings } from './auth.settings.ts';
import { checkNewPassword, dummyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './password.util.ts';
import { endSessionsOf, forgetSessionsOf } from './session.service.ts';
import { isValidUsername, normaliseUsername } from './username.util.ts';

export type CredentialRefusal = 'unknown_user' | 'no_password' | 'wrong_password' | 'locked' | 'disabled';

export type CredentialOutcome =
  | { ok: true; account: UserAccount }
  | { ok: false; reason: CredentialRefusal; staffId?: string | undefined; lockedUntil?: string | undefined };

/**
 * Checks a username and password. Exactly one argon2 verification runs whatever the outcome (against
 * a dummy hash when the username is unknown or has no password, and also for locked or disabled
 * accounts), so the time taken does not tell an unknown username from a wrong password. The caller
 * shows one message for every refusal. `settings.lockout.maxFailures` consecutive wrong passwords lock
 * the account for `durationMs`; while locked, even the right password is refused.
 */
export async function checkCredentials(
  db: Database | Tx, rawUsername: string, password: string, settings: Pick<AuthSettings, 'lockout'>, now: Date,
): Promise<CredentialOutcome> {
  const username = normaliseUsername(rawUsername);
  const account = isValidUsername(username) ? await findAccountByUsername(db, username) : undefined;
  if (!account || account.passwordHash === null) {
    await verifyPassword(await dummyPasswordHash(), password);
    return account ? { ok: false, reason: 'no_password', staffId: account.staffId } : { ok: false, reason: 'unknown_user' };
  }
  const passwordRight = await verifyPassword(account.passwordHash, password);
  if (account.disabled) return { ok: false, reason: 'disabled', staffId: account.staffId };
  const nowIso = now.toISOString();
  if (account.lockedUntil !== null && account.lockedUntil > nowIso) {
    return { ok: false, reason: 'locked', staffId: account.staffId, lockedUntil: account.lockedUntil };
  }
  if (!passwordRight) {
    const failures = await incrementFailedAttempts(db, account.staffId);
    if (failures >= settings.lockout.maxFailures) {
      const until = new Date(now.getTime() + settings.lockout.durationMs).toISOString();
      await lockAccount(db, account.staffId, until);
      return { ok: false, reason: 'wrong_password', staffId: account.staffId, lockedUntil: until };
    }
    return { ok: false, reason: 'wrong_password', staffId: account.staffId };
  }
  await clearFailedAttempts(db, account);
  if (passwordNeedsRehash(account.passwordHash)) await replacePasswordHash(db, account.staffId, await hashPassword(password));
  return { ok: true, account };
}

/** The account a verified OIDC identity maps to, if it may sign in (exists and is not disabled). */
export async function findAccountForIdentity(db: Database | Tx, claimValue: string): Promise<UserAccount | undefined> {
  const username = normaliseUsername(claimValue);
  if (!isValidUsername(username)) return undefined;
  const account = await findAccountByUsername(db, username);
  return account && !account.disabled ? account : undefined;
}

export interface NewUserAccount {
  staffId: string;
  username: string;
  /** Omit for an account that signs in only through OpenID Connect. */
  password?: string | undefined;
}

/** Creates the local account of a staff member; the username is normalised (trimmed, lower case). */
export async function createUserAccount(db: Database | Tx, input: NewUserAccount, now: Date = new Date()): Promise<UserAccount> {
  const username = normaliseUsername(input.username);
  if (!isValidUsername(username)) throw invalidUsername();
  if (input.password !== undefined) {
    const why = checkNewPassword(input.password);
    if (why) throw unacceptablePassword(why);
  }
  const staff = await tables<GovernanceTables>(db).selectFrom('staff').select('id').where('id', '=', input.staffId).executeTakeFirst();
  if (!staff) throw unknownStaff(input.staffId);
  if (await findAccountByStaffId(db, input.staffId)) throw accountExists(input.staffId);
  if (await findAccountByUsername(db, username)) throw usernameTaken(username);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  await insertAccount(db, { staffId: input.staffId, username, passwordHash, now: now.toISOString() });
  return (await findAccountByStaffId(db, input.staffId))!;
}

/** Sets a new password (administrator reset or the user's own change); clears any lock-out and ends every session. */
export async function setPassword(db: Database | Tx, staffId: string, password: string, now: Date = new Date()): Promise<void> {
  const why = checkNewPassword(password);
  if (why) throw unacceptablePassword(why);
  if (!(await findAccountByStaffId(db, staffId))) throw unknownStaff(staffId);
  await updatePasswordHash(db, staffId, await hashPassword(password), now.toISOString());
  await endSessionsOf(db, staffId);
}

/** Disables or re-enables an account; a disabled account's sessions stop working at once in this process. */
export async function setAccountDisabled(db: Database | Tx, staffId: string, disabled: boolean): Promise<void> {
  await updateAccountDisabled(db, staffId, disabled);
  if (disabled) forgetSessionsOf(db, staffId);
}

import * as argon2 from 'argon2';

/**
 * Password hashing with argon2id at the OWASP Password Storage Cheat Sheet's first recommended
 * configuration: 19 MiB of memory, 2 iterations, 1 degree of parallelism (about 20–40 ms a hash).
 * The encoded hash carries its own salt and parameters, so they can be raised later: accounts whose
 * hash was made with weaker ones are rehashed at their next sign-in (passwordNeedsRehash).
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Length limits: long passphrases welcome, but an unbounded input is a cheap way to burn CPU. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password or a malformed hash; never throws on bad input. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password with the same parameters, verified against when the username is
 * unknown (or has no password) so that the answer takes as long as for a real account.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummyHash;
}

/** Why a new password is not acceptable, or undefined when it is. */
export function checkNewPassword(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `A password can have at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

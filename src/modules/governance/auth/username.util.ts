/**
 * Usernames are compared case-insensitively: stored and looked up lower-cased and trimmed. The
 * character set covers e-mail addresses and dotted names, which is what identity providers send
 * (OIDC email or preferred_username) and what demo users look like (demo.care_coordinator).
 */
export const USERNAME_PATTERN = '^[A-Za-z0-9._@+-]{1,254}$';
const USERNAME = new RegExp(USERNAME_PATTERN);

export function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export function isValidUsername(username: string): boolean {
  return USERNAME.test(username);
}

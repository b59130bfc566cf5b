import { SeamlessError } from '../../../kernel/errors.ts';

/**
 * Sign-in errors, each with its code and a message written for the person at the screen. The sign-in
 * refusal is one message for every cause (unknown username, wrong password, locked, disabled) so that
 * it never tells anyone whether a username exists.
 */
export const signInFailed = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_SIGN_IN_FAILED', 401,
  'The username or password is not right, or this account cannot sign in at the moment. After repeated failed attempts an account is locked for a while; ask your administrator if you cannot sign in.',
);

export const notSignedIn = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN', 401,
  'You are not signed in, or your session has ended. Sign in to continue.',
);

export const csrfRefused = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_CSRF', 403,
  'This request did not carry the X-CSRF-Token header of your session, so it was refused. Reload the page and try again.',
);

export const signInRateLimited = (retryAfterSeconds: number) => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_SIGN_IN_RATE_LIMITED', 429,
  `Too many sign-in attempts. Wait ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s) and try again.`,
);

export const oidcNotConfigured = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_OIDC_NOT_CONFIGURED', 404,
  'Single sign-on is not set up on this server (SEAMLESS_OIDC_ISSUER and related settings). Sign in with a username and password.',
);

export const oidcFailed = (why: string) => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_OIDC_FAILED', 401,
  `Single sign-on did not complete: ${why} Start again from the sign-in page.`,
);

export const oidcNoAccount = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_OIDC_NO_ACCOUNT', 403,
  'Your identity provider signed you in, but no Seamless account matches that identity, or the account is disabled. Ask your administrator to set up your account.',
);

export const usernameTaken = (username: string) => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_USERNAME_TAKEN', 409, `The username '${username}' is already in use.`,
);

export const accountExists = (staffId: string) => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_ACCOUNT_EXISTS', 409, `Staff member ${staffId} already has an account.`,
);

export const unknownStaff = (staffId: string) => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_STAFF', 404, `There is no staff member ${staffId}.`,
);

export const unacceptablePassword = (why: string) => new SeamlessError('SEAMLESS_ERR_GOVERNANCE_WEAK_PASSWORD', 400, why);

export const invalidUsername = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_INVALID_USERNAME', 400,
  'A username has 1 to 254 characters: letters, digits and . _ @ + -',
);

export const noPartners = () => new SeamlessError(
  'SEAMLESS_ERR_GOVERNANCE_NO_PARTNERS', 409,
  'There are no partner organisations yet, so demo users have no employer. Generate or import a place first.',
);

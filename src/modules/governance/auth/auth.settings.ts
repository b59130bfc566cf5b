/**
 * Sign-in settings, read from the environment once and passed to the auth plugin. Each has a safe
 * default; tests pass their own. Minutes and hours in the environment, milliseconds in code.
 */
export interface OidcSettings {
  /** Issuer URL; its /.well-known/openid-configuration is discovered at the first login. */
  issuer: string;
  clientId: string;
  /** Confidential clients authenticate with a secret (client_secret_basic); public clients use PKCE alone. */
  clientSecret: string | undefined;
  /** Must be this server's GET /api/governance/oidc/callback as the browser reaches it. */
  redirectUri: string;
  /** ID token claims tried in order; the first present one is the user_account username. */
  usernameClaims: readonly string[];
  scope: string;
}

export interface AuthSettings {
  /** Consecutive failed passwords before an account is locked, and for how long. */
  lockout: { maxFailures: number; durationMs: number };
  /** Idle and absolute session lifetimes; last-seen is written at most once per touchIntervalMs. */
  session: { idleMs: number; absoluteMs: number; touchIntervalMs: number };
  /**
   * 'auto': Secure cookies with the __Host- prefix when the request came over HTTPS (set trustProxy
   * behind a TLS-terminating proxy), plain otherwise; true/false force it.
   */
  secureCookies: 'auto' | boolean;
  /** Sign-in attempts allowed per client address and username in a window (on top of the API limit). */
  signInRateLimit: { max: number; timeWindowMs: number };
  oidc: OidcSettings | undefined;
}

const MINUTE = 60_000;

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  lockout: { maxFailures: 5, durationMs: 15 * MINUTE },
  session: { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE, touchIntervalMs: MINUTE },
  secureCookies: 'auto',
  signInRateLimit: { max: 10, timeWindowMs: 15 * MINUTE },
  oidc: undefined,
};

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got '${raw}'`);
  return value;
}

/**
 * SEAMLESS_LOCKOUT_ATTEMPTS, SEAMLESS_LOCKOUT_MINUTES, SEAMLESS_SESSION_IDLE_MINUTES,
 * SEAMLESS_SESSION_MAX_HOURS, SEAMLESS_SECURE_COOKIES (auto|true|false), SEAMLESS_SIGN_IN_RATE_LIMIT
 * (attempts per 15 minutes), and SEAMLESS_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URI,
 * _USERNAME_CLAIM (comma-separated, default email,preferred_username), _SCOPE.
 */
export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const d = DEFAULT_AUTH_SETTINGS;
  const secure = (env.SEAMLESS_SECURE_COOKIES ?? 'auto').toLowerCase();
  if (!['auto', 'true', 'false'].includes(secure)) throw new Error(`SEAMLESS_SECURE_COOKIES must be auto, true or false, got '${secure}'`);
  return {
    lockout: {
      maxFailures: Math.trunc(positiveNumber(env, 'SEAMLESS_LOCKOUT_ATTEMPTS', d.lockout.maxFailures)),
      durationMs: positiveNumber(env, 'SEAMLESS_LOCKOUT_MINUTES', d.lockout.durationMs / MINUTE) * MINUTE,
    },
    session: {
      idleMs: positiveNumber(env, 'SEAMLESS_SESSION_IDLE_MINUTES', d.session.idleMs / MINUTE) * MINUTE,
      absoluteMs: positiveNumber(env, 'SEAMLESS_SESSION_MAX_HOURS', d.session.absoluteMs / (60 * MINUTE)) * 60 * MINUTE,
      touchIntervalMs: d.session.touchIntervalMs,
    },
    secureCookies: secure === 'auto' ? 'auto' : secure === 'true',
    signInRateLimit: { max: Math.trunc(positiveNumber(env, 'SEAMLESS_SIGN_IN_RATE_LIMIT', d.signInRateLimit.max)), timeWindowMs: d.signInRateLimit.timeWindowMs },
    oidc: readOidcSettings(env),
  };
}

function readOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.SEAMLESS_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.SEAMLESS_OIDC_CLIENT_ID;
  const redirectUri = env.SEAMLESS_OIDC_REDIRECT_URI;
  if (!clientId || !redirectUri) throw new Error('SEAMLESS_OIDC_ISSUER needs SEAMLESS_OIDC_CLIENT_ID and SEAMLESS_OIDC_REDIRECT_URI too');
  for (const [name, value] of [['SEAMLESS_OIDC_ISSUER', issuer], ['SEAMLESS_OIDC_REDIRECT_URI', redirectUri]] as const) {
    if (!URL.canParse(value)) throw new Error(`${name} must be an absolute URL, got '${value}'`);
  }
  return {
    issuer,
    clientId,
    clientSecret: env.SEAMLESS_OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    usernameClaims: (env.SEAMLESS_OIDC_USERNAME_CLAIM || 'email,preferred_username').split(',').map((c) => c.trim()).filter(Boolean),
    scope: env.SEAMLESS_OIDC_SCOPE || 'openid email profile',
  };
}

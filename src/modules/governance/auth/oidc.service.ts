import * as oidc from 'openid-client';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import { oidcFailed } from './auth.errors.ts';
import type { OidcSettings } from './auth.settings.ts';
import { deleteOidcLoginsBefore, insertOidcLogin, takeOidcLogin } from './session.repository.ts';
import { randomToken, sha256Hex } from './token.util.ts';

/** How long a browser has between leaving for the identity provider and coming back. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

export interface OidcIdentity {
  /** The value of the first configured claim present: the username it maps to. */
  username: string;
  claim: string;
  subject: string;
  issuer: string;
}

export interface OidcClient {
  /** Records state, nonce and PKCE verifier under a new login id (for a cookie) and returns where to send the browser. */
  beginLogin(db: Database | Tx, now: Date): Promise<{ loginId: string; authorizationUrl: URL }>;
  /**
   * Checks the callback (state, then the code exchanged with the PKCE verifier, then the ID token's
   * signature, issuer, audience and nonce) and returns the identity. Each login id works once.
   */
  completeLogin(db: Database | Tx, loginId: string | undefined, callbackQuery: string, now: Date): Promise<OidcIdentity>;
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * The authorization code flow with PKCE (S256), state and nonce, through openid-client. The issuer is
 * discovered at the first login and remembered (a failed discovery is retried next time). Plain HTTP is
 * allowed only for an issuer on this machine (development and tests).
 */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<oidc.Configuration> | undefined;
  const issuer = new URL(settings.issuer);

  function discover(): Promise<oidc.Configuration> {
    configuration ??= oidc.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
      { execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [], timeout: 10 },
    ).catch((error: unknown) => {
      configuration = undefined;
      throw error;
    });
    return configuration;
  }

  return {
    async beginLogin(db, now) {
      let config: oidc.Configuration;
      try {
        config = await discover();
      } catch {
        throw oidcFailed('the identity provider could not be reached.');
      }
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const loginId = randomToken();
      await deleteOidcLoginsBefore(db, new Date(now.getTime() - OIDC_LOGIN_TTL_MS).toISOString());
      await insertOidcLogin(db, { idHash: sha256Hex(loginId), state, nonce, codeVerifier, createdAt: now.toISOString() });
      const authorizationUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { loginId, authorizationUrl };
    },

    async completeLogin(db, loginId, callbackQuery, now) {
      const login = loginId ? await takeOidcLogin(db, sha256Hex(loginId)) : undefined;
      if (!login) throw oidcFailed('this browser has no sign-in in progress, or it has already been used.');
      if (now.getTime() - Date.parse(login.createdAt) > OIDC_LOGIN_TTL_MS) throw oidcFailed('the sign-in took too long.');
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = callbackQuery;
      const providerError = currentUrl.searchParams.get('error');
      if (providerError) throw oidcFailed(`the identity provider answered '${providerError.slice(0, 100)}'.`);

      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      let config: oidc.Configuration;
      try {
        config = await discover();
        tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: login.codeVerifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
      } catch {
        throw oidcFailed('the answer from the identity provider could not be verified.');
      }
      const claims = tokens.claims();
      if (!claims) throw oidcFailed('the identity provider sent no ID token.');
      let found = pickUsernameClaim(claims as Record<string, unknown>, settings.usernameClaims);
      // Some providers put e-mail and names only in the userinfo response.
      if (!found && tokens.access_token) {
        try {
          const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          found = pickUsernameClaim(userInfo as Record<string, unknown>, settings.usernameClaims);
        } catch {
          // fall through: no usable claim
        }
      }
      if (!found) throw oidcFailed(`the identity provider sent none of the claims ${settings.usernameClaims.join(', ')}.`);
      return { username: found.value, claim: found.claim, subject: claims.sub, issuer: claims.iss };
    },
  };
}

/**
 * The first configured claim with a non-empty string value. An e-mail address the provider marks as
 * not verified (email_verified: false) is skipped: anyone could have typed it.
 */
export function pickUsernameClaim(claims: Record<string, unknown>, names: readonly string[]): { claim: string; value: string } | undefined {
  for (const claim of names) {
    const value = claims[claim];
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (claim === 'email' && claims.email_verified === false) continue;
    return { claim, value };
  }
  return undefined;
}

import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../../kernel/access/actor.ts';
import type { Database } from '../../../kernel/db/database.ts';
import { csrfRefused, notSignedIn } from './auth.errors.ts';
import { readAuthSettings, type AuthSettings } from './auth.settings.ts';
import { resolveSession, type ActiveSession, type SignInMethod } from './session.service.ts';
import type { CredentialRefusal } from './sign-in.service.ts';
import { secretsEqual } from './token.util.ts';

/**
 * What sign-in and sign-out report, for the audit log (the lead wires onAuthEvent to it). Refusals
 * carry the staff id only when the username matched an account: typed usernames are never passed on,
 * since people sometimes type their password into the username field. A 'wrong_password' refusal with
 * lockedUntil is the attempt that locked the account.
 */
export type AuthEvent =
  | { kind: 'sign_in'; method: SignInMethod; actor: Actor; at: string; ip: string }
  | {
    kind: 'sign_in_refused'; method: SignInMethod; reason: CredentialRefusal | 'no_account' | 'oidc_error' | 'rate_limited';
    staffId?: string | undefined; lockedUntil?: string | undefined; at: string; ip: string;
  }
  | { kind: 'sign_out'; actor: Actor; at: string; ip: string };

export interface AuthPluginOptions {
  db: Database;
  /** Defaults to readAuthSettings(process.env). */
  settings?: AuthSettings | undefined;
  /** The clock; tests move it to expire sessions and lock-outs. */
  now?: (() => Date) | undefined;
  /** Called (and awaited) for every sign-in, refusal and sign-out; default none. */
  onAuthEvent?: ((event: AuthEvent) => void | Promise<void>) | undefined;
}

/** The session machinery the auth routes use; decorated on the instance as `seamlessAuth`. */
export interface AuthContext {
  readonly db: Database;
  readonly settings: AuthSettings;
  now(): Date;
  emit(event: AuthEvent): Promise<void>;
  /** True when this request's cookies must be Secure and __Host- prefixed. */
  isSecure(request: FastifyRequest): boolean;
  readSessionToken(request: FastifyRequest): string | undefined;
  setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void;
  clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void;
  cookieName(request: FastifyRequest, base: string): string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is signed in on this request; undefined when nobody is. */
    actor: Actor | undefined;
    /** The session behind `actor`, with its CSRF token. */
    authSession: ActiveSession | undefined;
  }
  interface FastifyInstance {
    seamlessAuth: AuthContext;
  }
  interface FastifyContextConfig {
    /** false exempts a state-changing route from the CSRF check (sign-in only: there is no session yet). */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'seamless_session';
/** Over HTTPS the __Host- prefix makes browsers insist on Secure, Path=/ and no Domain. */
const HOST_PREFIX = '__Host-';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Tokens are 43 characters; anything much longer is not one of ours and is not looked up. */
const MAX_TOKEN_LENGTH = 128;

function createAuthContext(options: AuthPluginOptions): AuthContext {
  const settings = options.settings ?? readAuthSettings();
  const now = options.now ?? (() => new Date());
  const onAuthEvent = options.onAuthEvent;
  const isSecure = (request: FastifyRequest) => settings.secureCookies === 'auto' ? request.protocol === 'https' : settings.secureCookies;
  const cookieName = (request: FastifyRequest, base: string) => isSecure(request) ? `${HOST_PREFIX}${base}` : base;
  return {
    db: options.db,
    settings,
    now,
    async emit(event) {
      if (onAuthEvent) await onAuthEvent(event);
    },
    isSecure,
    cookieName,
    readSessionToken(request) {
      const value = request.cookies?.[cookieName(request, SESSION_COOKIE)];
      return value && value.length <= MAX_TOKEN_LENGTH ? value : undefined;
    },
    setSessionCookie(request, reply, token) {
      reply.setCookie(cookieName(request, SESSION_COOKIE), token, {
        path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure(request),
        maxAge: Math.floor(settings.session.absoluteMs / 1000),
      });
    },
    clearSessionCookie(request, reply) {
      reply.clearCookie(cookieName(request, SESSION_COOKIE), { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure(request) });
    },
  };
}

async function authPluginImpl(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  const auth = createAuthContext(options);
  app.decorate('seamlessAuth', auth);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('authSession', undefined);

  app.addHook('onRequest', async function resolveSessionHook(request, reply) {
    const token = auth.readSessionToken(request);
    if (token === undefined) return;
    const resolved = await resolveSession(auth.db, token, auth.settings, auth.now());
    if (!resolved) {
      auth.clearSessionCookie(request, reply);
      return;
    }
    request.actor = resolved.actor;
    request.authSession = resolved.session;
    // Synchronizer token: a cross-site page can make the browser send the cookie but cannot read the
    // token, which only the sign-in and GET /session responses carry.
    if (UNSAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
      const header = request.headers['x-csrf-token'];
      if (!secretsEqual(typeof header === 'string' ? header : undefined, resolved.session.csrfToken)) throw csrfRefused();
    }
  });
}

/**
 * Resolves the session cookie into `request.actor` on every request (app-wide: wrapped with
 * fastify-plugin) and refuses state-changing requests of a session without its CSRF token (403
 * SEAMLESS_ERR_GOVERNANCE_CSRF). Register it before any route; registers @fastify/cookie if absent.
 */
export const authPlugin = fp(authPluginImpl, { name: 'seamless-auth', fastify: '5.x' });

/** preHandler for routes that need someone signed in: 401 SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN otherwise. */
export async function requireActor(request: FastifyRequest): Promise<void> {
  if (!request.actor) throw notSignedIn();
}

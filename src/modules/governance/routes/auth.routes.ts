import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { oidcNoAccount, oidcNotConfigured, signInFailed, signInRateLimited } from '../auth/auth.errors.ts';
import type { AuthContext } from '../auth/auth.plugin.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { getSessionSchema, oidcCallbackSchema, oidcLoginSchema, signInMethodsSchema, signInSchema, signOutSchema } from '../auth/auth.schemas.ts';
import { loadActorForStaff } from '../auth/actor.service.ts';
import { createOidcClient, OIDC_LOGIN_TTL_MS } from '../auth/oidc.service.ts';
import { endSession, startSession, type SignInMethod } from '../auth/session.service.ts';
import { checkCredentials, findAccountForIdentity } from '../auth/sign-in.service.ts';
import { normaliseUsername } from '../auth/username.util.ts';

const OIDC_COOKIE = 'seamless_oidc';

interface SignInBody { username: string; password: string }

/** The session as the sign-in and GET /session responses show it. */
function sessionBody(request: FastifyRequest) {
  const session = request.authSession!;
  return { actor: request.actor!, csrfToken: session.csrfToken, expiresAt: session.expiresAt, idleExpiresAt: session.idleExpiresAt };
}

/**
 * Ends whatever session the browser presented (session fixation: a cookie planted before sign-in is
 * never the signed-in session), records the sign-in, then starts a new session with a new token.
 */
async function startSignedInSession(auth: AuthContext, request: FastifyRequest, reply: FastifyReply, staffId: string, method: SignInMethod, now: Date) {
  const previous = auth.readSessionToken(request);
  if (previous !== undefined) await endSession(auth.db, previous);
  const actor = await loadActorForStaff(auth.db, staffId);
  if (!actor) throw signInFailed();
  await auth.emit({ kind: 'sign_in', method, actor, at: now.toISOString(), ip: request.ip });
  const started = await startSession(auth.db, staffId, method, auth.settings, now);
  auth.setSessionCookie(request, reply, started.token);
  request.actor = actor;
  request.authSession = started.session;
}

/**
 * /api/governance/session (sign in, who am I, sign out), /api/governance/sign-in-methods and
 * /api/governance/oidc (single sign-on).
 * Needs authPlugin registered on the app first. Sign-in is limited per client address and username
 * (settings.signInRateLimit) on top of the API's per-address limit, and refuses every failure with the
 * same message.
 */
export const authRoutes: FastifyPluginAsync = async (app) => {
  if (!app.hasDecorator('seamlessAuth')) throw new Error('authRoutes needs authPlugin registered on the app first');
  const auth = app.seamlessAuth;
  // Reuses the app's @fastify/rate-limit (registered by the HTTP hardening) or brings its own.
  if (!app.hasDecorator('createRateLimit')) await app.register(rateLimit, { global: false });
  const limitSignIn = app.createRateLimit({
    max: auth.settings.signInRateLimit.max,
    timeWindow: auth.settings.signInRateLimit.timeWindowMs,
    keyGenerator: (request) => {
      const username = (request.body as Partial<SignInBody> | undefined)?.username;
      return `sign-in|${request.ip}|${typeof username === 'string' ? normaliseUsername(username) : ''}`;
    },
  });
  const oidcClient = auth.settings.oidc ? createOidcClient(auth.settings.oidc) : undefined;

  app.post<{ Body: SignInBody }>('/session', {
    schema: signInSchema,
    config: { csrf: false },
    preHandler: async function limitSignInHook(request, reply) {
      const limit = await limitSignIn(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      await auth.emit({ kind: 'sign_in_refused', method: 'password', reason: 'rate_limited', at: auth.now().toISOString(), ip: request.ip });
      reply.header('retry-after', limit.ttlInSeconds);
      throw signInRateLimited(limit.ttlInSeconds);
    },
  }, async function signInHandler(request, reply) {
    const now = auth.now();
    const outcome = await checkCredentials(auth.db, request.body.username, request.body.password, auth.settings, now);
    if (!outcome.ok) {
      await auth.emit({
        kind: 'sign_in_refused', method: 'password', reason: outcome.reason, staffId: outcome.staffId, lockedUntil: outcome.lockedUntil,
        at: now.toISOString(), ip: request.ip,
      });
      throw signInFailed();
    }
    await startSignedInSession(auth, request, reply, outcome.account.staffId, 'password', now);
    return sessionBody(request);
  });

  app.get('/session', { schema: getSessionSchema, preHandler: requireActor }, async function getSessionHandler(request) {
    return sessionBody(request);
  });

  app.delete('/session', { schema: signOutSchema }, async function signOutHandler(request, reply) {
    const token = auth.readSessionToken(request);
    if (token !== undefined) await endSession(auth.db, token);
    auth.clearSessionCookie(request, reply);
    if (request.actor) await auth.emit({ kind: 'sign_out', actor: request.actor, at: auth.now().toISOString(), ip: request.ip });
    request.actor = undefined;
    request.authSession = undefined;
    return reply.code(204).send();
  });

  app.get('/sign-in-methods', { schema: signInMethodsSchema }, async function signInMethodsHandler(request) {
    const prefix = request.routeOptions.url!.slice(0, -'/sign-in-methods'.length);
    return { methods: oidcClient ? ['password', 'oidc'] : ['password'], oidcLoginUrl: oidcClient ? `${prefix}/oidc/login` : null };
  });

  app.get('/oidc/login', { schema: oidcLoginSchema }, async function oidcLoginHandler(request, reply) {
    if (!oidcClient) throw oidcNotConfigured();
    const { loginId, authorizationUrl } = await oidcClient.beginLogin(auth.db, auth.now());
    reply.setCookie(auth.cookieName(request, OIDC_COOKIE), loginId, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: auth.isSecure(request), maxAge: OIDC_LOGIN_TTL_MS / 1000,
    });
    return reply.redirect(authorizationUrl.href, 302);
  });

  app.get('/oidc/callback', { schema: oidcCallbackSchema }, async function oidcCallbackHandler(request, reply) {
    if (!oidcClient) throw oidcNotConfigured();
    const cookieName = auth.cookieName(request, OIDC_COOKIE);
    const loginId = request.cookies[cookieName];
    reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: auth.isSecure(request) });
    const now = auth.now();
    const queryStart = request.url.indexOf('?');
    let identity;
    try {
      identity = await oidcClient.completeLogin(auth.db, loginId, queryStart < 0 ? '' : request.url.slice(queryStart), now);
    } catch (error) {
      await auth.emit({ kind: 'sign_in_refused', method: 'oidc', reason: 'oidc_error', at: now.toISOString(), ip: request.ip });
      throw error;
    }
    const account = await findAccountForIdentity(auth.db, identity.username);
    if (!account) {
      await auth.emit({ kind: 'sign_in_refused', method: 'oidc', reason: 'no_account', at: now.toISOString(), ip: request.ip });
      throw oidcNoAccount();
    }
    await startSignedInSession(auth, request, reply, account.staffId, 'oidc', now);
    return reply.redirect('/', 303);
  });
};

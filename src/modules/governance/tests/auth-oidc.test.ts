import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { withStore } from '../../../testing/stores.ts';
import type { AuthEvent } from '../auth/auth.plugin.ts';
import type { OidcSettings } from '../auth/auth.settings.ts';
import { pickUsernameClaim } from '../auth/oidc.service.ts';
import { buildAuthTestApp, cookieFrom, seedStaffWithAccounts } from './auth-support.ts';

/**
 * Single sign-on end to end against a real OpenID provider (oidc-provider, with its development
 * login and consent pages) on 127.0.0.1: authorization code flow with PKCE, state and nonce; the ID
 * token's claim mapped to a Seamless username; and the ways a callback can be forged or replayed.
 */
const REDIRECT_URI = 'http://127.0.0.1:3999/api/governance/oidc/callback';
const CLIENT = { client_id: 'seamless', client_secret: 'a-client-secret-long-enough-for-hs256-0123456789' };

/** Who the provider knows; accountId is what is typed on its login page. */
const IDENTITIES: Record<string, Record<string, unknown>> = {
  ana: { email: 'Ana.Lyst@example.org', email_verified: true, preferred_username: 'alyst' },
  unverified: { email: 'sam.carer', email_verified: false, preferred_username: 'ida.lead' },
  stranger: { email: 'stranger@example.org', email_verified: true },
};

/** The little of oidc-provider's API used here (it ships no type declarations). */
interface OidcProvider { callback(): http.RequestListener }
interface FoundAccount { accountId: string; claims: () => Promise<Record<string, unknown>> }
type ProviderClass = new (issuer: string, configuration: Record<string, unknown> & {
  findAccount(ctx: unknown, sub: string): Promise<FoundAccount | undefined>;
}) => OidcProvider;

async function startProvider(): Promise<{ issuer: string; close: () => Promise<void> }> {
  const moduleName = 'oidc-provider';
  const { default: Provider } = (await import(moduleName)) as { default: ProviderClass };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    async findAccount(_ctx, sub) {
      const claims = IDENTITIES[sub];
      return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
    // Put the scope's claims in the ID token itself, as Entra ID and Keycloak do.
    conformIdTokenClaims: false,
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

/**
 * A browser at the provider: follows redirects, keeps cookies, fills in the login (as accountId) and
 * consent forms, and stops at the redirect back to Seamless, which it returns.
 */
async function authorizeAtProvider(authorizationUrl: string, accountId: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let body: string | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
    });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      await res.arrayBuffer(); // an unread body keeps its connection busy
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next.href;
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at the provider (${res.status}): ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll('&amp;', '&'), url).href;
    body = prompt === 'login' ? new URLSearchParams({ prompt, login: accountId, password: 'any' }).toString() : new URLSearchParams({ prompt }).toString();
  }
  throw new Error('the provider never redirected back');
}

/** GET /oidc/login: the provider URL and the login cookie this browser got. */
async function startLogin(app: FastifyInstance) {
  const res = await app.inject({ url: '/api/governance/oidc/login' });
  assert.equal(res.statusCode, 302, res.body);
  const cookie = cookieFrom(res, 'seamless_oidc')!;
  return { location: String(res.headers.location), cookie: `seamless_oidc=${cookie.value}`, setCookie: cookie };
}

const callback = (app: FastifyInstance, back: URL, cookie?: string) =>
  app.inject({ url: `/api/governance/oidc/callback${back.search}`, ...(cookie ? { headers: { cookie } } : {}) });

test('OpenID Connect sign-in against a local provider', async (t) => {
  const provider = await startProvider();
  t.after(() => provider.close());
  await withStore('sqlite', async (db) => {
    await seedStaffWithAccounts(db);
    const oidc: OidcSettings = {
      issuer: provider.issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, redirectUri: REDIRECT_URI,
      usernameClaims: ['email', 'preferred_username'], scope: 'openid email profile',
    };
    const events: AuthEvent[] = [];
    const app = await buildAuthTestApp(db, { settings: { oidc }, events });
    t.after(() => app.close());

    await t.test('the sign-in page can tell that single sign-on is available', async () => {
      const res = await app.inject({ url: '/api/governance/sign-in-methods' });
      assert.deepEqual(res.json(), { methods: ['password', 'oidc'], oidcLoginUrl: '/api/governance/oidc/login' });
    });

    await t.test('login redirects to the provider with PKCE (S256), state and nonce, and binds them to this browser', async () => {
      const { location, setCookie } = await startLogin(app);
      const url = new URL(location);
      assert.equal(url.origin, provider.issuer);
      assert.equal(url.searchParams.get('response_type'), 'code');
      assert.equal(url.searchParams.get('client_id'), 'seamless');
      assert.equal(url.searchParams.get('redirect_uri'), REDIRECT_URI);
      assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
      assert.match(url.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(url.searchParams.get('state')!.length >= 32);
      assert.ok(url.searchParams.get('nonce')!.length >= 32);
      assert.equal(setCookie.httpOnly, true);
      assert.equal(setCookie.sameSite, 'Lax', 'Lax: sent on the top-level redirect back from the provider');
    });

    await t.test('the whole flow: the verified e-mail claim maps to the account, a session starts, the browser goes to the app', async (flow) => {
      const login = await startLogin(app);
      const back = await authorizeAtProvider(login.location, 'ana');
      assert.ok(back.searchParams.get('code'));
      const res = await callback(app, back, login.cookie);
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/');
      const session = cookieFrom(res, 'seamless_session')!;
      assert.equal(session.httpOnly, true);
      assert.equal(cookieFrom(res, 'seamless_oidc')?.maxAge, 0, 'the login cookie is cleared');
      const me = await app.inject({ url: '/api/governance/session', headers: { cookie: `seamless_session=${session.value}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().actor.id, 'S2');
      assert.equal(me.json().actor.purpose, 'planning');
      const event = events.at(-1)!;
      assert.equal(event.kind, 'sign_in');
      assert.equal(event.kind === 'sign_in' && event.method, 'oidc');

      await flow.test('the same callback again (a replayed code) is refused', async () => {
        const replay = await callback(app, back, login.cookie);
        assert.equal(replay.statusCode, 401);
        assert.equal(replay.json().code, 'SEAMLESS_ERR_GOVERNANCE_OIDC_FAILED');
      });
    });

    await t.test('a callback in a browser that did not start the login is refused (login CSRF)', async () => {
      const login = await startLogin(app);
      const back = await authorizeAtProvider(login.location, 'ana');
      const res = await callback(app, back);
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'SEAMLESS_ERR_GOVERNANCE_OIDC_FAILED');
      assert.equal(cookieFrom(res, 'seamless_session'), undefined);
      assert.deepEqual(events.at(-1), { ...events.at(-1), kind: 'sign_in_refused', reason: 'oidc_error' });
    });

    await t.test('a tampered state is refused', async () => {
      const login = await startLogin(app);
      const back = await authorizeAtProvider(login.location, 'ana');
      back.searchParams.set('state', 'forged-state');
      const res = await callback(app, back, login.cookie);
      assert.equal(res.statusCode, 401);
      assert.equal(cookieFrom(res, 'seamless_session'), undefined);
    });

    await t.test('a code from another login (another verifier and nonce) is refused', async () => {
      const first = await startLogin(app);
      const second = await startLogin(app);
      const back = await authorizeAtProvider(first.location, 'ana');
      const res = await callback(app, back, second.cookie);
      assert.equal(res.statusCode, 401);
    });

    await t.test('an identity with no Seamless account is refused with its own message', async () => {
      const login = await startLogin(app);
      const res = await callback(app, await authorizeAtProvider(login.location, 'stranger'), login.cookie);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'SEAMLESS_ERR_GOVERNANCE_OIDC_NO_ACCOUNT');
      assert.equal(cookieFrom(res, 'seamless_session'), undefined);
    });

    await t.test('an unverified e-mail is passed over for the next claim', async () => {
      const login = await startLogin(app);
      const res = await callback(app, await authorizeAtProvider(login.location, 'unverified'), login.cookie);
      assert.equal(res.statusCode, 303, res.body);
      const me = await app.inject({ url: '/api/governance/session', headers: { cookie: `seamless_session=${cookieFrom(res, 'seamless_session')!.value}` } });
      assert.equal(me.json().actor.id, 'S3', 'preferred_username ida.lead, not the unverified sam.carer');
    });

    await t.test('the provider saying no (error=access_denied) is reported', async () => {
      const login = await startLogin(app);
      const state = new URL(login.location).searchParams.get('state')!;
      const res = await app.inject({ url: `/api/governance/oidc/callback?error=access_denied&state=${state}`, headers: { cookie: login.cookie } });
      assert.equal(res.statusCode, 401);
      assert.match(res.json().detail, /access_denied/);
    });
  });
});

test('without an issuer configured, single sign-on answers 404 problem+json', async (t) => {
  await withStore('sqlite', async (db) => {
    const app = await buildAuthTestApp(db, { settings: { oidc: undefined } });
    t.after(() => app.close());
    assert.deepEqual((await app.inject({ url: '/api/governance/sign-in-methods' })).json(), { methods: ['password'], oidcLoginUrl: null });
    for (const url of ['/api/governance/oidc/login', '/api/governance/oidc/callback?code=x&state=y']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'SEAMLESS_ERR_GOVERNANCE_OIDC_NOT_CONFIGURED');
    }
  });
});

test('claim mapping: the first configured claim present, unverified e-mail skipped', () => {
  const names = ['email', 'preferred_username'];
  assert.deepEqual(pickUsernameClaim({ email: 'a@b.org', preferred_username: 'ab' }, names), { claim: 'email', value: 'a@b.org' });
  assert.deepEqual(pickUsernameClaim({ email: 'a@b.org', email_verified: false, preferred_username: 'ab' }, names), { claim: 'preferred_username', value: 'ab' });
  assert.deepEqual(pickUsernameClaim({ email: '', preferred_username: 'ab' }, names), { claim: 'preferred_username', value: 'ab' });
  assert.equal(pickUsernameClaim({ email: 42, name: 'x' }, names), undefined);
  assert.deepEqual(pickUsernameClaim({ upn: 'x@nhs.net' }, ['upn']), { claim: 'upn', value: 'x@nhs.net' });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as argon2 from 'argon2';
import { tables } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { setAccountDisabled } from '../auth/sign-in.service.ts';
import type { AuthEvent } from '../auth/auth.plugin.ts';
import type { AuthTables } from '../auth/auth.tables.ts';
import { checkCredentials, createUserAccount, setPassword } from '../auth/sign-in.service.ts';
import { DEFAULT_AUTH_SETTINGS } from '../auth/auth.settings.ts';
import { sha256Hex } from '../auth/token.util.ts';
import { buildAuthTestApp, cookieFrom, PASSWORD, seedStaffWithAccounts, signedIn, signIn, TestClock } from './auth-support.ts';

/**
 * Sign-in, sessions, lock-out and CSRF through the HTTP routes, on every store. The clock is injected,
 * so lock-outs and session limits are tested by moving it rather than by waiting.
 */
for (const store of storeNames()) {
  test(`sign-in and sessions on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      await seedStaffWithAccounts(db);
      const clock = new TestClock();
      const events: AuthEvent[] = [];
      // The sign-in rate limit is tested on its own (auth-hardening); here it would only get in the way.
      const app = await buildAuthTestApp(db, { clock, events, settings: { signInRateLimit: { max: 10_000, timeWindowMs: 60_000 } } });
      t.after(() => app.close());

      await t.test('sign in: the actor from staff, teams and role, a CSRF token, and an HttpOnly SameSite=Lax cookie', async () => {
        const res = await signIn(app, 'Sam.Carer', PASSWORD);
        assert.equal(res.statusCode, 200);
        const body = res.json();
        assert.deepEqual(body.actor, {
          id: 'S1', displayName: 'Sam Carer', orgCode: 'LA1', role: 'care_coordinator', teamCodes: ['T-INT', 'T-SPA'], purpose: 'direct_care', channel: 'session',
        });
        assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(body.expiresAt, new Date(clock.ms + 12 * 3600_000).toISOString());
        const cookie = cookieFrom(res, 'seamless_session')!;
        assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
        assert.equal(cookie.path, '/');
        assert.equal(cookie.secure, undefined, 'over plain HTTP the cookie cannot be Secure');
        assert.equal(cookie.maxAge, 12 * 3600);
        // Only the token's hash is stored.
        const rows = await tables<AuthTables>(db).selectFrom('user_session').selectAll().execute();
        assert.ok(rows.some((r) => r.token_hash === sha256Hex(cookie.value)));
        assert.ok(rows.every((r) => r.token_hash !== cookie.value));
        const last = events.at(-1)!;
        assert.equal(last.kind, 'sign_in');
        assert.equal(last.kind === 'sign_in' && last.actor.id, 'S1');
      });

      await t.test('the purpose follows the role: analysts plan, IG leads administer', async () => {
        assert.equal((await signedIn(app, 'ana.lyst@example.org')).body.actor.purpose, 'planning');
        assert.equal((await signedIn(app, 'ida.lead')).body.actor.purpose, 'administration');
      });

      await t.test('GET /session shows the actor and CSRF token; without a session it is 401 problem+json', async () => {
        const session = await signedIn(app);
        const res = await app.inject({ url: '/api/governance/session', headers: { cookie: session.cookie } });
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().actor.id, 'S1');
        assert.equal(res.json().csrfToken, session.csrfToken);
        const anonymous = await app.inject({ url: '/api/governance/session' });
        assert.equal(anonymous.statusCode, 401);
        assert.match(anonymous.headers['content-type'] as string, /application\/problem\+json/);
        assert.equal(anonymous.json().code, 'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN');
        assert.equal((await app.inject({ url: '/api/test/things' })).json().code, 'SEAMLESS_ERR_GOVERNANCE_NOT_SIGNED_IN');
      });

      await t.test('sign out ends the session server-side and clears the cookie', async () => {
        const session = await signedIn(app);
        const out = await app.inject({ method: 'DELETE', url: '/api/governance/session', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
        assert.equal(out.statusCode, 204);
        const cleared = cookieFrom(out, 'seamless_session')!;
        assert.equal(cleared.value, '');
        assert.equal(cleared.maxAge, 0);
        assert.equal(events.at(-1)!.kind, 'sign_out');
        // Replaying the old cookie gets nowhere.
        assert.equal((await app.inject({ url: '/api/test/things', headers: { cookie: session.cookie } })).statusCode, 401);
        const stored = await tables<AuthTables>(db).selectFrom('user_session').select('token_hash').where('token_hash', '=', sha256Hex(session.token)).execute();
        assert.equal(stored.length, 0);
      });

      await t.test('sign out without a session is harmless (204)', async () => {
        assert.equal((await app.inject({ method: 'DELETE', url: '/api/governance/session' })).statusCode, 204);
      });

      await t.test('a wrong password and an unknown username get the same answer', async () => {
        const wrong = await signIn(app, 'sam.carer', 'not the password');
        const unknown = await signIn(app, 'nobody.here', 'not the password');
        assert.equal(wrong.statusCode, 401);
        assert.equal(unknown.statusCode, 401);
        assert.deepEqual(wrong.json(), unknown.json());
        assert.equal(wrong.json().code, 'SEAMLESS_ERR_GOVERNANCE_SIGN_IN_FAILED');
        assert.equal(cookieFrom(wrong, 'seamless_session'), undefined);
        const refusals = events.filter((e) => e.kind === 'sign_in_refused').slice(-2);
        assert.deepEqual(refusals.map((e) => e.kind === 'sign_in_refused' && e.reason), ['wrong_password', 'unknown_user']);
        // The typed username of an unknown account is not passed on (it may be a mistyped password).
        assert.ok(!JSON.stringify(refusals[1]).includes('nobody.here'));
        await setPassword(db, 'S1', PASSWORD); // clears the failure count for the next tests
      });

      await t.test('an unknown username takes as long as a wrong password (a dummy hash is verified)', async () => {
        const settings = { lockout: { maxFailures: 1_000, durationMs: 1 } };
        const time = async (username: string) => {
          const start = process.hrtime.bigint();
          for (let i = 0; i < 4; i++) await checkCredentials(db, username, 'wrong password', settings, clock.now());
          return Number(process.hrtime.bigint() - start) / 4e6;
        };
        await time('nobody.here'); // warm the dummy hash
        const unknownMs = await time('nobody.here');
        const knownMs = await time('ida.lead');
        assert.ok(unknownMs > knownMs * 0.5 && unknownMs < knownMs * 2, `unknown ${unknownMs.toFixed(1)} ms vs known ${knownMs.toFixed(1)} ms`);
        await setPassword(db, 'S3', PASSWORD);
      });

      await t.test('five wrong passwords lock the account for 15 minutes, even against the right password, then it opens', async () => {
        for (let i = 0; i < 4; i++) assert.equal((await signIn(app, 'sam.carer', `wrong ${i}`)).statusCode, 401);
        clock.advance(1);
        const fifth = await signIn(app, 'sam.carer', 'wrong 5');
        assert.equal(fifth.statusCode, 401);
        const locking = events.at(-1)!;
        assert.equal(locking.kind === 'sign_in_refused' && locking.lockedUntil, new Date(clock.ms + 15 * 60_000).toISOString());
        const whileLocked = await signIn(app, 'sam.carer', PASSWORD);
        assert.equal(whileLocked.statusCode, 401);
        assert.deepEqual(whileLocked.json(), (await signIn(app, 'nobody.here', PASSWORD)).json(), 'locked looks like any failure');
        assert.equal((events.at(-2) as { reason?: string }).reason, 'locked');
        clock.advance(14);
        assert.equal((await signIn(app, 'sam.carer', PASSWORD)).statusCode, 401, 'still locked after 14 minutes');
        clock.advance(1);
        assert.equal((await signIn(app, 'sam.carer', PASSWORD)).statusCode, 200, 'open again after 15 minutes');
        const account = await tables<AuthTables>(db).selectFrom('user_account').selectAll().where('staff_id', '=', 'S1').executeTakeFirstOrThrow();
        assert.equal(Number(account.failed_attempts), 0);
        assert.equal(account.locked_until, null);
      });

      await t.test('failures that are not consecutive do not lock', async () => {
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < 4; i++) await signIn(app, 'ida.lead', 'wrong');
          assert.equal((await signIn(app, 'ida.lead', PASSWORD)).statusCode, 200);
        }
      });

      await t.test('a disabled account cannot sign in, and its sessions stop working', async () => {
        const session = await signedIn(app, 'ida.lead');
        await setAccountDisabled(db, 'S3', true);
        assert.equal((await app.inject({ url: '/api/test/things', headers: { cookie: session.cookie } })).statusCode, 401);
        const res = await signIn(app, 'ida.lead', PASSWORD);
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().code, 'SEAMLESS_ERR_GOVERNANCE_SIGN_IN_FAILED');
        await setAccountDisabled(db, 'S3', false);
      });

      await t.test('a session ends after 30 idle minutes', async () => {
        const session = await signedIn(app);
        const get = () => app.inject({ url: '/api/test/things', headers: { cookie: session.cookie } });
        clock.advance(29);
        assert.equal((await get()).statusCode, 200);
        clock.advance(29); // active 29 minutes ago: still alive
        assert.equal((await get()).statusCode, 200);
        clock.advance(30);
        const expired = await get();
        assert.equal(expired.statusCode, 401);
        assert.equal(cookieFrom(expired, 'seamless_session')?.maxAge, 0, 'the dead cookie is cleared');
      });

      await t.test('a session ends 12 hours after sign-in however active it is', async () => {
        const session = await signedIn(app);
        const get = () => app.inject({ url: '/api/test/things', headers: { cookie: session.cookie } });
        for (let i = 0; i < 28; i++) {
          clock.advance(25);
          assert.equal((await get()).statusCode, 200, `after ${(i + 1) * 25} minutes`);
        }
        clock.advance(25); // 12 h 5 min
        assert.equal((await get()).statusCode, 401);
      });

      await t.test('session fixation: a cookie set before sign-in is never the signed-in session', async () => {
        const planted = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
        const res = await signIn(app, 'sam.carer', PASSWORD, `seamless_session=${planted}`);
        assert.equal(res.statusCode, 200);
        const issued = cookieFrom(res, 'seamless_session')!.value;
        assert.notEqual(issued, planted);
        assert.equal((await app.inject({ url: '/api/test/things', headers: { cookie: `seamless_session=${planted}` } })).statusCode, 401);
      });

      await t.test('signing in again replaces the previous session: a new id each time, the old one ended', async () => {
        const first = await signedIn(app);
        const again = await signIn(app, 'sam.carer', PASSWORD, first.cookie);
        const second = cookieFrom(again, 'seamless_session')!.value;
        assert.notEqual(second, first.token);
        assert.notEqual(again.json().csrfToken, first.csrfToken);
        assert.equal((await app.inject({ url: '/api/test/things', headers: { cookie: first.cookie } })).statusCode, 401);
        assert.equal((await app.inject({ url: '/api/test/things', headers: { cookie: `seamless_session=${second}` } })).statusCode, 200);
      });

      await t.test('CSRF: state-changing requests of a session need its token; GET needs none', async () => {
        const session = await signedIn(app);
        const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/test/things', payload: { note: 'x' }, headers: { cookie: session.cookie, ...headers } });
        const missing = await post({});
        assert.equal(missing.statusCode, 403);
        assert.equal(missing.json().code, 'SEAMLESS_ERR_GOVERNANCE_CSRF');
        assert.equal((await post({ 'x-csrf-token': 'wrong' })).statusCode, 403);
        assert.equal((await post({ 'x-csrf-token': session.csrfToken.slice(0, -1) })).statusCode, 403);
        const other = await signedIn(app, 'ida.lead');
        assert.equal((await post({ 'x-csrf-token': other.csrfToken })).statusCode, 403, "another session's token does not do");
        const right = await post({ 'x-csrf-token': session.csrfToken });
        assert.equal(right.statusCode, 200);
        assert.deepEqual(right.json(), { saved: true });
        assert.equal((await app.inject({ url: '/api/test/things', headers: { cookie: session.cookie } })).statusCode, 200);
        const signOut = await app.inject({ method: 'DELETE', url: '/api/governance/session', headers: { cookie: session.cookie } });
        assert.equal(signOut.statusCode, 403, 'sign-out needs the token too');
      });

      await t.test('injection in the username is refused by the schema, and harmless below it', async () => {
        for (const username of ["' OR '1'='1", 'sam.carer\'--', '<script>alert(1)</script>', 'a"; DROP TABLE user_account; --']) {
          const res = await signIn(app, username, PASSWORD);
          assert.equal(res.statusCode, 400, username);
          assert.equal(res.json().code, 'SEAMLESS_ERR_VALIDATION');
          // Straight to the service (no schema): parameterised queries find no account.
          const outcome = await checkCredentials(db, username, PASSWORD, DEFAULT_AUTH_SETTINGS, clock.now());
          assert.deepEqual(outcome, { ok: false, reason: 'unknown_user' });
        }
        const accounts = await tables<AuthTables>(db).selectFrom('user_account').select('username').execute();
        assert.equal(accounts.length, 3);
        assert.equal((await signIn(app, 'sam.carer', PASSWORD)).statusCode, 200);
        await assert.rejects(createUserAccount(db, { staffId: 'S2', username: "x' OR 1=1 --", password: PASSWORD }), { code: 'SEAMLESS_ERR_GOVERNANCE_INVALID_USERNAME' });
      });

      await t.test('over-long and extra fields are refused', async () => {
        assert.equal((await signIn(app, 'sam.carer', 'x'.repeat(300))).statusCode, 400);
        const extra = await app.inject({ method: 'POST', url: '/api/governance/session', payload: { username: 'sam.carer', password: PASSWORD, role: 'administrator' } });
        assert.equal(extra.statusCode, 400);
      });

      await t.test('account rules: passwords of 12+ characters, one account per staff member, unique usernames', async () => {
        await assert.rejects(setPassword(db, 'S1', 'short'), { code: 'SEAMLESS_ERR_GOVERNANCE_WEAK_PASSWORD' });
        await assert.rejects(createUserAccount(db, { staffId: 'S1', username: 'another', password: PASSWORD }), { code: 'SEAMLESS_ERR_GOVERNANCE_ACCOUNT_EXISTS' });
        await assert.rejects(createUserAccount(db, { staffId: 'NOPE', username: 'another', password: PASSWORD }), { code: 'SEAMLESS_ERR_GOVERNANCE_UNKNOWN_STAFF' });
        const hash = (await tables<AuthTables>(db).selectFrom('user_account').select('password_hash').where('staff_id', '=', 'S1').executeTakeFirstOrThrow()).password_hash!;
        assert.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      });

      await t.test('a hash made with weaker parameters is upgraded at the next sign-in', async () => {
        const weak = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
        await tables<AuthTables>(db).updateTable('user_account').set({ password_hash: weak }).where('staff_id', '=', 'S2').execute();
        assert.equal((await signIn(app, 'ana.lyst@example.org', PASSWORD)).statusCode, 200);
        const upgraded = (await tables<AuthTables>(db).selectFrom('user_account').select('password_hash').where('staff_id', '=', 'S2').executeTakeFirstOrThrow()).password_hash!;
        assert.match(upgraded, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
        assert.equal((await signIn(app, 'ana.lyst@example.org', PASSWORD)).statusCode, 200);
      });
    });
  });
}

test('Secure __Host- cookies when served over HTTPS', async (t) => {
  await withStore('sqlite', async (db) => {
    await seedStaffWithAccounts(db);
    const app = await buildAuthTestApp(db, { settings: { secureCookies: true } });
    t.after(() => app.close());
    const res = await signIn(app, 'sam.carer', PASSWORD);
    assert.equal(cookieFrom(res, 'seamless_session'), undefined);
    const cookie = cookieFrom(res, '__Host-seamless_session')!;
    assert.equal(cookie.secure, true);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.domain, undefined);
    const me = await app.inject({ url: '/api/governance/session', headers: { cookie: `__Host-seamless_session=${cookie.value}` } });
    assert.equal(me.statusCode, 200);
    // A plain-named cookie (which a network attacker could plant over HTTP) is not read over HTTPS.
    const planted = await app.inject({ url: '/api/governance/session', headers: { cookie: `seamless_session=${cookie.value}` } });
    assert.equal(planted.statusCode, 401);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { DEFAULT_RATE_LIMIT_PER_MINUTE, readHardeningOptions } from '../../../kernel/http/hardening.ts';
import { withStore } from '../../../testing/stores.ts';
import { readAuthSettings } from '../auth/auth.settings.ts';
import { buildAuthTestApp, PASSWORD, seedStaffWithAccounts, signedIn, signIn } from './auth-support.ts';

/** Security headers, rate limits, request size and what reaches the logs. */
test('HTTP hardening', async (t) => {
  await withStore('sqlite', async (db) => {
    await seedStaffWithAccounts(db);

    await t.test('security headers on API answers, pages and the API docs', async () => {
      const app = await buildAuthTestApp(db);
      t.after(() => app.close());
      for (const url of ['/api/governance/session', '/healthz', '/api/docs/static/swagger-ui.css', '/nowhere']) {
        const res = await app.inject({ url });
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /default-src 'self'/, url);
        assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or eval scripts`);
        assert.match(csp, /object-src 'none'/, url);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /font-src 'self' https:\/\/assets.nhs.uk/, url);
        assert.doesNotMatch(csp, /upgrade-insecure-requests/, `${url}: not over plain HTTP`);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
        assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/, url);
        assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', url);
        assert.equal(res.headers['x-powered-by'], undefined, url);
      }
      assert.match(String((await app.inject({ url: '/healthz' })).headers['content-security-policy']), /style-src 'self'(;|$)/, 'no inline styles in the app');
      assert.match(String((await app.inject({ url: '/api/docs' })).headers['content-security-policy']), /style-src 'self' 'unsafe-inline'/, 'the Swagger UI sets an inline style');
      assert.equal((await app.inject({ url: '/api/governance/session' })).headers['cache-control'], 'no-store', 'API answers are not cached');
      assert.equal((await app.inject({ url: '/api/docs/static/swagger-ui.css' })).statusCode, 200, 'the Swagger UI is still served');
      assert.equal((await app.inject({ url: '/api/docs/json' })).statusCode, 200);
    });

    await t.test('over HTTPS the policy also upgrades insecure requests', async () => {
      const app = await buildAuthTestApp(db, { hardening: { https: true } });
      t.after(() => app.close());
      assert.match(String((await app.inject({ url: '/healthz' })).headers['content-security-policy']), /upgrade-insecure-requests/);
    });

    await t.test('the API limit per address answers 429 problem+json, and leaves pages alone', async () => {
      const app = await buildAuthTestApp(db, { hardening: { rateLimitPerMinute: 5 } });
      t.after(() => app.close());
      for (let i = 0; i < 5; i++) assert.equal((await app.inject({ url: '/api/governance/session' })).statusCode, 401);
      const limited = await app.inject({ url: '/api/governance/session' });
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().code, 'SEAMLESS_ERR_RATE_LIMITED');
      assert.match(String(limited.headers['content-type']), /application\/problem\+json/);
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await app.inject({ url: '/api/governance/session', remoteAddress: '10.0.0.2' })).statusCode, 401, 'other addresses are not affected');
      for (let i = 0; i < 10; i++) assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    });

    await t.test('the limit is configurable (SEAMLESS_RATE_LIMIT, 0 = off) and generous by default', () => {
      assert.equal(readHardeningOptions({}).rateLimitPerMinute, DEFAULT_RATE_LIMIT_PER_MINUTE);
      assert.equal(readHardeningOptions({ SEAMLESS_RATE_LIMIT: '0' }).rateLimitPerMinute, 0);
      assert.equal(readHardeningOptions({ SEAMLESS_RATE_LIMIT: '1000000' }).rateLimitPerMinute, 1_000_000);
      assert.throws(() => readHardeningOptions({ SEAMLESS_RATE_LIMIT: 'lots' }), /SEAMLESS_RATE_LIMIT/);
      assert.equal(readAuthSettings({ SEAMLESS_SIGN_IN_RATE_LIMIT: '3' }).signInRateLimit.max, 3);
    });

    await t.test('with the API limit off, sign-in is still limited', async () => {
      const app = await buildAuthTestApp(db, { hardening: { rateLimitPerMinute: 0 }, settings: { signInRateLimit: { max: 2, timeWindowMs: 60_000 } } });
      t.after(() => app.close());
      assert.equal((await signIn(app, 'ida.lead', PASSWORD)).statusCode, 200);
      assert.equal((await signIn(app, 'ida.lead', PASSWORD)).statusCode, 200);
      assert.equal((await signIn(app, 'ida.lead', PASSWORD)).statusCode, 429);
    });

    await t.test('sign-in is limited per address and username, far below the API limit', async () => {
      const app = await buildAuthTestApp(db, { settings: { signInRateLimit: { max: 10, timeWindowMs: 15 * 60_000 } } });
      t.after(() => app.close());
      for (let i = 0; i < 10; i++) assert.equal((await signIn(app, 'nobody.here', `guess ${i}`)).statusCode, 401);
      const limited = await signIn(app, 'nobody.here', 'guess 11');
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().code, 'SEAMLESS_ERR_GOVERNANCE_SIGN_IN_RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await signIn(app, 'NOBODY.here', 'guess 12')).statusCode, 429, 'case does not make a new username');
      assert.equal((await signIn(app, 'sam.carer', PASSWORD)).statusCode, 200, 'another username from the same address');
      const elsewhere = await app.inject({ method: 'POST', url: '/api/governance/session', payload: { username: 'nobody.here', password: 'x' }, remoteAddress: '10.0.0.9' });
      assert.equal(elsewhere.statusCode, 401, 'the same username from another address');
    });

    await t.test('bodies over 1 MiB are refused before they are read', async () => {
      const app = await buildAuthTestApp(db);
      t.after(() => app.close());
      const res = await app.inject({ method: 'POST', url: '/api/governance/session', payload: { username: 'sam.carer', password: 'x'.repeat(1024 * 1024 + 10) } });
      assert.equal(res.statusCode, 413);
    });

    await t.test('no cookie, password, CSRF token, session token or query string reaches the logs', async () => {
      const lines: string[] = [];
      const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
      // The same logger as createLogger, writing to memory.
      const logger = pino({ level: 'trace', redact: { paths: ['req.headers.cookie', 'req.headers.authorization'], remove: true } }, sink);
      const app = await buildAuthTestApp(db, { logger });
      t.after(() => app.close());
      const session = await signedIn(app);
      await app.inject({ url: '/api/test/things?q=Ada%20Lovelace&code=SECRETCODE', headers: { cookie: session.cookie } });
      // This handler logs its whole body and headers: they are redacted.
      const careless = await app.inject({ method: 'POST', url: '/api/test/things', payload: { note: 'n', password: PASSWORD }, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
      assert.equal(careless.statusCode, 200);
      await signIn(app, 'sam.carer', 'a wrong password');
      const text = lines.join('');
      assert.ok(lines.length > 5, 'requests were logged');
      for (const secret of [PASSWORD, 'a wrong password', session.token, session.csrfToken, 'SECRETCODE', 'Lovelace']) {
        assert.ok(!text.includes(secret), `the log holds '${secret.slice(0, 8)}…'`);
      }
      assert.match(text, /"url":"\/api\/test\/things\?…"/, 'paths are logged, queries cut');
      assert.match(text, /"msg":"saving"/, 'the careless line was written, redacted');
    });
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const noChromium = !fs.existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM}` : false;

test('the Swagger UI works under the Content Security Policy, in Chromium', { skip: noChromium }, async (t) => {
  const { chromium } = await import('playwright-core');
  await withStore('sqlite', async (db) => {
    const app = await buildAuthTestApp(db);
    t.after(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/docs`);
    await page.locator('.opblock').first().waitFor();
    assert.ok(await page.locator('.opblock').count() >= 5, 'the operations are listed');
    assert.deepEqual(problems.filter((p) => /Content Security Policy/.test(p)), []);
  });
});

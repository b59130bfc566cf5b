import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/kernel/db/database.ts';
import { startBrowserHarness, skipWithoutChromium, type BrowserHarness } from './support/browser-harness.ts';
import { EXPIRING_AGREEMENT, PASSWORD, seedGovernancePlace, USERS } from './support/seed-governance.ts';

/**
 * Sign-in, break-glass, consent and the information governance screens end to end: the real server
 * (buildApp, real sessions and CSRF tokens) on an in-memory store, driven through Chromium. The tests
 * run in order and build on each other: the accesses made in the first ones are what the IG lead
 * reviews and finds in the audit log at the end. Screenshots go to SEAMLESS_SCREENSHOTS.
 */
const skip = skipWithoutChromium;

const BREAK_GLASS_REASON = 'Ambulance crew on scene: collapsed at home, need medication history';

describe('sign-in and information governance in Chromium', { skip }, () => {
  let db: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let ids: Awaited<ReturnType<typeof seedGovernancePlace>>;
  let harness: BrowserHarness<Awaited<ReturnType<typeof seedGovernancePlace>>>;

  before(async () => {
    harness = await startBrowserHarness(async (db) => {
      const seeded = await seedGovernancePlace(db);
      return seeded;
    });
    ({ db, app, browser, page, baseUrl } = harness);
    ids = harness.seeded;
  });

  afterEach(() => {
    assert.deepEqual(harness.pageErrors.splice(0), [], 'no uncaught errors in the page');
  });

  after(async () => harness?.close());

  const shot = (name: string) => harness.shot(name);
  const text = (testId: string) => harness.text(testId);
  const menu = () => page.getByRole('navigation', { name: 'Menu' });
  const errorSummary = async () => (await page.locator('.nhsuk-error-summary').innerText()).replace(/\s+/g, ' ');

  async function signInAs(user: keyof typeof USERS, to = '/'): Promise<void> {
    if (await page.getByTestId('header-account').count()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByTestId('signed-out').waitFor();
    }
    await page.goto(`${baseUrl}${to}`);
    await page.getByLabel('Username').fill(USERS[user].username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('header-account').waitFor();
  }

  test('sign-in: a wrong password is refused, the right one goes back to the screen asked for, sign-out ends the session', async () => {
    // Nobody signed in: a person page sends the browser to sign in, remembering where it was going.
    await page.goto(`${baseUrl}/people/${ids.mabel}`);
    await page.getByRole('heading', { name: 'Sign in to Seamless' }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.pathname, '/sign-in');
    assert.equal(url.searchParams.get('returnTo'), `/people/${ids.mabel}`);
    assert.equal(await page.getByTestId('header-account').count(), 0);
    assert.equal(await page.title(), 'Sign in – Seamless');
    await shot('g01-sign-in');

    // Empty fields: the NHS error summary names each one and links to it.
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await errorSummary(), /Enter your username Enter your password/);
    assert.equal(await page.locator('.nhsuk-error-summary a[href="#username"]').count(), 1);
    assert.match(await page.locator('#username-error').innerText(), /Enter your username/);

    await page.getByLabel('Username').fill(USERS.cara.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The username or password is not right').waitFor();
    assert.match(await errorSummary(), /There is a problem The username or password is not right, or this account cannot sign in at the moment/);
    assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password field is emptied');
    await shot('g02-sign-in-wrong-password');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('header-account').waitFor();
    await page.getByRole('heading', { name: 'Mabel Hargreaves' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/people/${ids.mabel}`);
    assert.equal(await page.getByTestId('header-user').innerText(), 'Cara Coordinator');
    assert.equal(await text('header-role'), 'Care coordinator, RY6');
    // A care coordinator has no information governance screens in the menu.
    assert.equal(await page.getByRole('link', { name: 'Information governance' }).count(), 0);
    await shot('g03-signed-in-person');

    // The session ends behind the page's back (here: the cookie is gone): the next request answers 401,
    // and the page goes to sign in, then back to the screen the person was on.
    await page.context().clearCookies();
    await page.getByLabel('Find a person by NHS number, date of birth or name').fill('hargreaves');
    await page.getByLabel('Find a person by NHS number, date of birth or name').press('Enter');
    await page.getByText('Your session has ended. Sign in again to carry on where you were.').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('returnTo'), '/search?q=hargreaves');
    await page.getByLabel('Username').fill(USERS.cara.username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('search-results').waitFor();
    assert.equal(new URL(page.url()).search, '?q=hargreaves');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('signed-out').waitFor();
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('returnTo'), null, 'the next person starts afresh');
    // The session is gone on the server too: the API refuses, and screens go back to sign-in.
    const status = await page.evaluate(async () => (await fetch('/api/population/summary')).status);
    assert.equal(status, 401);
    await page.goto(`${baseUrl}/search?q=hargreaves`);
    await page.getByRole('heading', { name: 'Sign in to Seamless' }).waitFor();
    await shot('g04-signed-out');
  });

  test('break-glass: a person without a care relationship is opened with a reason, then consent is recorded and withdrawn', async () => {
    await signInAs('cara', `/people/${ids.harold}`);
    await page.getByTestId('access-note').waitFor();
    assert.match(await text('access-note'), /You have no care relationship with this person/);
    assert.equal(await page.getByTestId('timeline-entry').count(), 0);

    await page.getByRole('button', { name: 'Use break-glass access' }).click();
    await page.getByLabel('Why do you need to open this record?').fill('urgent');
    await page.getByRole('button', { name: 'Open the record with break-glass' }).click();
    assert.match(await errorSummary(), /Reason must be 10 characters or more/);
    await shot('g05-break-glass-form');

    await page.getByLabel('Why do you need to open this record?').fill(BREAK_GLASS_REASON);
    await page.getByRole('button', { name: 'Open the record with break-glass' }).click();
    await page.getByTestId('break-glass-opened').waitFor();
    await page.getByTestId('timeline-status').waitFor();
    assert.match(await text('timeline-status'), /Showing 200 records/);
    assert.equal(await page.getByTestId('access-note').count(), 0);
    await shot('g06-break-glass-opened');

    // Consent and objections on the person page: record an objection to sharing with one organisation, then withdraw it.
    await page.getByRole('button', { name: 'Record consent or an objection' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    assert.match(await errorSummary(), /Select what the person has asked for/);
    await page.getByLabel('Objection to sharing').check();
    await page.getByLabel('Organisation code (optional)').fill('rr8');
    await page.getByLabel('Note (optional)').fill('Told the district nurse on a home visit');
    await shot('g07-consent-form');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('consent-done').waitFor();
    const row = page.getByTestId('consent-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /Objection to sharing Told the district nurse on a home visit sharing with RR8 .* by S-CC1 Active/);
    await shot('g08-consent-recorded');
    await page.getByRole('button', { name: 'Withdraw objection to sharing' }).click();
    await page.locator('[data-testid="consent-row"][data-active="false"]').waitFor();
    assert.match(await text('consent-done'), /Objection to sharing withdrawn/);
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /Withdrawn/);
  });

  test('other roles are told the IG screens are not for them', async () => {
    await signInAs('sid', '/governance/agreements');
    await page.getByTestId('not-available').waitFor();
    assert.match(await text('not-available'), /This page is not available for your role .* Social worker/);
    assert.equal(await page.getByRole('link', { name: 'Information governance' }).count(), 0);
    await shot('g09-not-available');
  });

  test('IG lead: the agreements register warns of expiry; a new agreement is refused with the reason, then saved and changed', async () => {
    await signInAs('ivy');
    await menu().getByRole('link', { name: 'Information governance' }).click();
    await page.getByRole('heading', { name: 'Information governance', level: 1 }).waitFor();
    await page.getByText('1 agreement ending within 30 days').waitFor();
    await shot('g10-ig-home');

    await page.getByRole('link', { name: 'Data sharing agreements' }).click();
    await page.getByTestId('agreements-table').waitFor();
    assert.match(await text('expiring-agreements'), new RegExp(`1 agreement ending within 30 days .*${EXPIRING_AGREEMENT}: last day \\d+ \\w+ \\d{4}, in 20 days`));
    const rows = page.getByTestId('agreement-row');
    assert.equal(await rows.count(), 3);
    const expiring = page.locator('[data-testid="agreement-row"][data-expiring="true"]');
    assert.equal(await expiring.count(), 1);
    assert.match((await expiring.innerText()).replace(/\s+/g, ' '), new RegExp(`${EXPIRING_AGREEMENT} \\(change\\) Legal basis: .* LA1, RR8 Direct care, Planning Acute \\(hospital\\), Social care .* Ends in 20 days Active Expires soon`));
    assert.match(await text('agreements-table'), /Falls service evaluation .* Ended/);
    await shot('g11-agreements');

    await page.getByRole('link', { name: 'Add an agreement' }).click();
    await page.getByRole('heading', { name: 'Add a data sharing agreement' }).waitFor();
    await page.getByLabel('Title').fill('Carers support pilot');
    await page.getByLabel('Partner organisations').fill('LA1, ZZ9');
    await page.getByLabel('Direct care').check();
    await page.getByLabel('Social care').check();
    await page.getByLabel('Community', { exact: true }).check();
    await page.getByLabel('Legal basis').fill('UK GDPR Art. 6(1)(e) and 9(2)(h)');
    await page.locator('#agreement-start').fill('1');
    await page.locator('#agreement-start-month').fill('4');
    await page.locator('#agreement-start-year').fill('2026');
    await page.locator('#agreement-end').fill('31');
    await page.locator('#agreement-end-month').fill('3');
    await page.locator('#agreement-end-year').fill('2028');
    await page.getByRole('button', { name: 'Save agreement' }).click();
    // The server refuses an organisation that is not a partner; its words show at the field.
    await page.locator('.nhsuk-error-summary').waitFor();
    assert.match(await errorSummary(), /Unknown organisation 'ZZ9': every party must be a partner organisation of the place/);
    assert.match(await page.locator('#agreement-parties-error').innerText(), /Unknown organisation 'ZZ9'/);
    assert.equal(new URL(page.url()).pathname, '/governance/agreements/new');
    await shot('g12-agreement-refused');

    await page.getByLabel('Partner organisations').fill('LA1, RY6');
    await page.getByRole('button', { name: 'Save agreement' }).click();
    await page.getByTestId('agreement-saved').waitFor();
    assert.match(await text('agreement-saved'), /Agreement saved: Carers support pilot/);
    assert.equal(await rows.count(), 4);
    assert.match(await text('agreements-table'), /Carers support pilot .* LA1, RY6 Direct care Community, Social care 1 Apr 2026 to 31 Mar 2028/);

    // Change it: suspended, with a new title.
    await page.getByRole('link', { name: /Carers support pilot/ }).click();
    await page.getByRole('heading', { name: 'Change a data sharing agreement' }).waitFor();
    assert.equal(await page.getByLabel('Partner organisations').inputValue(), 'LA1, RY6');
    await page.getByLabel('Title').fill('Carers support pilot (paused)');
    await page.getByLabel('Suspended').check();
    await page.getByRole('button', { name: 'Save agreement' }).click();
    await page.getByTestId('agreement-saved').waitFor();
    assert.match(await text('agreements-table'), /Carers support pilot \(paused\) .* Suspended/);
    await shot('g13-agreement-saved');
  });

  test('IG lead: the break-glass review queue shows the reason, asks for a decision, and records it', async () => {
    await page.goto(`${baseUrl}/governance/break-glass`);
    await page.getByTestId('break-glass-item').waitFor();
    assert.equal(await page.getByTestId('break-glass-item').count(), 1);
    assert.match(await text('break-glass-item'), new RegExp(`Cara Coordinator \\(S-CC1\\) opened person ${ids.harold} Reason given ${BREAK_GLASS_REASON} Organisation RY6`));
    await shot('g14-break-glass-queue');

    await page.getByRole('button', { name: 'Save review' }).click();
    assert.match(await errorSummary(), /Select whether the access was appropriate/);
    await page.getByLabel('Inappropriate').check();
    await page.getByRole('button', { name: 'Save review' }).click();
    assert.match(await errorSummary(), /Enter what was wrong and what happens next/);
    await page.getByLabel('Appropriate', { exact: true }).check();
    await page.getByLabel('Review note').fill('Confirmed with the ambulance service: 999 call at the address.');
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByTestId('break-glass-reviewed').waitFor();
    assert.match(await text('break-glass-reviewed'), new RegExp(`person ${ids.harold} reviewed as appropriate`));
    assert.match(await text('break-glass-item'), /Review Appropriate by S-IG1/);

    await page.goto(`${baseUrl}/governance/break-glass`);
    await page.getByText('There is no break-glass access waiting for review.').waitFor();
    await page.getByRole('link', { name: 'Appropriate', exact: true }).click();
    await page.getByTestId('break-glass-item').waitFor();
    assert.match(await text('break-glass-item'), /Review note Confirmed with the ambulance service/);
    await shot('g15-break-glass-reviewed');
  });

  test('IG lead: audit search finds the accesses just made, a page at a time', async () => {
    await menu().getByRole('link', { name: 'Information governance' }).click();
    await page.getByRole('link', { name: 'Audit search' }).click();
    await page.getByTestId('audit-results').waitFor();

    // Cara's break-glass on Harold, found by person and action.
    await page.getByLabel('Person ID').fill(String(ids.harold));
    await page.getByLabel('Action').selectOption('break_glass');
    await page.getByRole('button', { name: 'Search audit log' }).click();
    await page.waitForURL(/action=break_glass/);
    await page.getByTestId('audit-results').waitFor();
    const entries = page.getByTestId('audit-entry');
    assert.equal(await entries.count(), 1);
    assert.match((await entries.first().innerText()).replace(/\s+/g, ' '), /Cara Coordinator Care coordinator, Northshire Community Health \(RY6\) Staff ID S-CC1 Break-glass governance\.break_glass · Direct care break-glass \d+ opened until .* Allowed/);
    await shot('g16-audit-break-glass');

    // Everything Cara did: her reads of Harold's timeline after break-glass, and the refused sign-in.
    await page.goto(`${baseUrl}/governance/audit?actor=${USERS.cara.staffId}`);
    await page.getByTestId('audit-results').waitFor();
    const actions = await entries.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')}:${r.getAttribute('data-outcome')}`));
    assert.ok(actions.includes('break_glass:allowed'));
    assert.ok(actions.includes('read:allowed'));
    assert.ok(actions.includes('sign_in:allowed'));
    assert.ok(actions.includes('sign_out:allowed'));
    assert.ok(actions.includes('write:allowed'), 'the consent she recorded and withdrew');
    assert.match(await text('audit-table'), new RegExp(`population\\.timeline · Direct care .* ${ids.harold}`));

    await page.goto(`${baseUrl}/governance/audit?action=sign_in&outcome=denied`);
    await page.getByTestId('audit-results').waitFor();
    assert.ok(await entries.count() >= 1);
    assert.match(await text('audit-table'), /Sign in governance\.session · Administration password: wrong_password .* Refused/);

    // Paging, ten to a page: Next and Previous move through the log without overlap.
    await page.goto(`${baseUrl}/governance/audit?limit=10`);
    await page.getByTestId('audit-results').waitFor();
    assert.equal(await entries.count(), 10);
    const firstPage = await entries.evaluateAll((rows) => rows.map((r) => r.textContent));
    await page.getByRole('link', { name: /Next page/ }).click();
    await page.waitForURL(/cursor=/);
    await page.getByText('Entries 11 to 20, newest first').waitFor();
    const secondPage = await entries.evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.ok(secondPage.every((row) => !firstPage.includes(row)));
    await shot('g17-audit-page-2');
    await page.getByRole('link', { name: /Previous page/ }).click();
    // Back on the first page, which now starts with the searches just made (searching is audited too).
    await page.getByText('Entries 1 to 10, newest first').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('cursor'), null);

    // A person's access log, as a subject access request needs it.
    await page.goto(`${baseUrl}/governance/people/${ids.harold}`);
    await page.getByTestId('access-log-table').waitFor();
    assert.match(await text('access-log-table'), /Cara Coordinator .* Break-glass/);
    await shot('g18-person-access-log');
  });
});

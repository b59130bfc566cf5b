import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createUserAccount, insertOrganisations, insertStaff, insertTeams, recordCareRelationships } from '../../src/modules/governance/index.ts';
import { shareAmong } from '../../src/modules/population/tests/support/access.ts';
import { autocommit, withTransaction } from '../../src/kernel/db/database.ts';
import type { Database } from '../../src/kernel/db/database.ts';
import { startBrowserHarness, skipWithoutChromium, type BrowserHarness } from './support/browser-harness.ts';
import { seedPlace, yearsAgo } from './support/seed-place.ts';

/**
 * The web app end to end: the real server on an in-memory store seeded with a small place, driven
 * through Debian's Chromium. Screenshots of each screen go to SEAMLESS_SCREENSHOTS (default
 * /tmp/seamless-screens) for a person to look at.
 */
// Without Chromium the test is skipped on a developer's machine, but fails in CI, which installs it.
const skip = skipWithoutChromium;
const PASSWORD = 'a long test password for the browser';

describe('web app in Chromium', { skip }, () => {
  let db: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let ids: Awaited<ReturnType<typeof seedPlace>>;
  let harness: BrowserHarness<Awaited<ReturnType<typeof seedPlace>>>;

  before(async () => {
    harness = await startBrowserHarness(async (db) => {
      const seeded = await seedPlace(db);
      // The screens are used by a care coordinator, signed in with a real account, whose team has each
      // seeded person on its caseload, under an agreement that shares every source's records.
      await shareAmong(db, ['B82001', 'LA1', 'NHS111', 'RR8', 'RX8', 'RXG', 'RY6', 'T-ORG']);
      await withTransaction(db, async (tx) => {
        await insertOrganisations(tx, [{ code: 'T-ORG', name: 'Test Community Trust', type: 'community_trust' }]);
        await insertTeams(tx, [{ code: 'T-TEST', name: 'Test neighbourhood team', hostOrgCode: 'T-ORG', service: 'integrated_care' }]);
        await insertStaff(tx, [
          { id: 'S-TEST', givenName: 'Tess', familyName: 'Tester', employerOrgCode: 'T-ORG', role: 'care_coordinator', teamCodes: ['T-TEST'] },
          { id: 'S-ANALYST', givenName: 'Alan', familyName: 'Lyst', employerOrgCode: 'T-ORG', role: 'analyst', teamCodes: [] },
        ]);
      });
      await createUserAccount(db, { staffId: 'S-TEST', username: 'tess.tester', password: PASSWORD });
      await createUserAccount(db, { staffId: 'S-ANALYST', username: 'alan.lyst', password: PASSWORD });
      await recordCareRelationships(autocommit(db), Object.values(seeded).map((personId) => ({ personId, teamCode: 'T-TEST', kind: 'case' as const, openedOn: '2020-01-01' })));
      return seeded;
    });
    ({ db, app, browser, page, baseUrl } = harness);
    ids = harness.seeded;
    // Every screen needs someone signed in; the session cookie lasts for the whole run.
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Username').fill('tess.tester');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('header-account').waitFor();
  });

  afterEach(() => {
    assert.deepEqual(harness.pageErrors.splice(0), [], 'no uncaught errors in the page');
  });

  after(async () => harness?.close());

  const shot = (name: string) => harness.shot(name);
  const text = (testId: string) => harness.text(testId);

  test('home page shows the place\'s headline figures', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('population-figures').waitFor();
    assert.equal(await page.title(), 'Overview of the place – Seamless');
    assert.equal(await page.locator('.nhsuk-header__service-name').innerText(), 'Seamless');

    const figures = await text('population-figures');
    assert.match(figures, /3 People living in the place 4 on the index, 1 who have died/);
    assert.match(figures, /2 Aged 65 and over 66\.7% of people living/);
    assert.match(figures, /1 Aged 85 and over/);
    assert.match(figures, /3 GP practices/);

    const localities = await text('localities-table');
    assert.match(localities, /Eastbrook E1 2 66\.7%/);
    assert.match(localities, /Westvale W1 1 33\.3%/);

    const activity = await text('activity-table');
    assert.match(activity, /GP coded events 1\b/);
    assert.match(activity, /Emergency hospital admissions 1\b/);
    assert.match(activity, /Planned \(elective\) hospital admissions 1\b/);
    assert.match(activity, /A&E attendances 1\b/);
    assert.match(activity, /Outpatient appointments 1\b/);
    assert.match(activity, /Community and mental health contacts 2\b/);
    assert.match(activity, /Ambulance and NHS 111 contacts 2\b/);
    assert.match(activity, /Requests for adult social care 1\b/);

    const body = await page.locator('main').innerText();
    assert.match(body, /Hospital care, last 12 months\s+£7,321/); // 5,120.00 + 240.00 + 160.00 + 1,800.50
    assert.match(body, /People with long-term social care support\s+1/);
    assert.match(body, /Long-term social care, weekly\s+£350/);
    await shot('1-home');
  });

  test('an analyst sees the place with small counts suppressed, and no share that would give them away', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const analyst = await context.newPage();
    const errors: string[] = [];
    analyst.on('pageerror', (error) => errors.push(error.message));
    await analyst.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    try {
      await analyst.goto(`${baseUrl}/`);
      await analyst.getByLabel('Username').fill('alan.lyst');
      await analyst.getByLabel('Password').fill(PASSWORD);
      await analyst.getByRole('button', { name: 'Sign in' }).click();
      await analyst.getByTestId('localities-table').waitFor();
      const localities = (await analyst.getByTestId('localities-table').innerText()).replace(/\s+/g, ' ');
      assert.match(localities, /Eastbrook E1 <8 –/);
      assert.match(localities, /Westvale W1 <8 –/);
      assert.doesNotMatch(localities, /NaN|%/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('searching by family name lists the people and links to their record', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Find a person').fill('hargreaves');
    await page.getByLabel('Find a person').press('Enter');
    await page.getByTestId('search-results').waitFor();
    assert.equal(new URL(page.url()).pathname, '/search');
    assert.equal(new URL(page.url()).searchParams.get('q'), 'hargreaves');

    const rows = page.getByTestId('search-results').locator('tbody tr');
    assert.equal(await rows.count(), 2);
    const results = await text('search-results');
    assert.match(results, /2 people matching ‘hargreaves’/);
    assert.match(results, /HARGREAVES, Mabel 943 476 5919 1 \w{3} \d{4} \(8[78] years\) Female LS1 4AP B82001/);
    assert.match(results, /HARGREAVES, Harold 943 476 5870/);
    await shot('2-search');

    // Someone who has died is tagged; someone without an NHS number shows their local ID.
    await page.goto(`${baseUrl}/search?q=okafor`);
    await page.getByTestId('search-results').waitFor();
    assert.match(await text('search-results'), /OKAFOR, Tom Deceased/);
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent(yearsAgo(36))}`);
    await page.getByTestId('search-results').waitFor();
    assert.match(await text('search-results'), /SHAH, Priya Local ID C0001234/);
  });

  test('search explains a query that is too short and a search with no results', async () => {
    await page.goto(`${baseUrl}/search`);
    await page.getByLabel('Find a person').fill('h');
    await page.getByRole('button', { name: 'Search' }).click();
    assert.match(await page.locator('.nhsuk-error-message').innerText(), /Enter at least 2 characters/);

    await page.goto(`${baseUrl}/search?q=zzzz`);
    await page.locator('.nhsuk-inset-text').waitFor();
    assert.match(await page.locator('.nhsuk-inset-text').innerText(), /No people match ‘zzzz’/);
    await shot('3-search-no-results');
  });

  test('the person page shows demographics, identifiers, counts and a timeline across settings', async () => {
    await page.goto(`${baseUrl}/search?q=hargreaves`);
    await page.getByRole('link', { name: 'HARGREAVES, Mabel' }).click();
    await page.getByTestId('timeline-status').waitFor();
    assert.equal(new URL(page.url()).pathname, `/people/${ids.mabel}`);
    assert.equal(await page.title(), 'Mabel Hargreaves – Seamless');
    assert.match(await page.locator('h1').innerText(), /Mabel Hargreaves/);

    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    assert.match(main, /NHS number 943 476 5919/);
    assert.match(main, /Locality Eastbrook \(E1\)/);
    const identifiers = await text('identifiers');
    assert.match(identifiers, /NHS number 943 476 5919 NHS number/);
    assert.match(identifiers, /Source system: council-case-system CASE-77 Probabilistic match 11\.5/);
    const counts = await text('activity-counts');
    assert.match(counts, /GP coded event 2\b/);
    assert.match(counts, /Adult social care 2\b/);
    assert.match(counts, /All records 10\b/);

    const entries = page.getByTestId('timeline-entry');
    assert.equal(await entries.count(), 10);
    const settings = new Set(await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-setting'))));
    for (const s of ['GP', 'Hospital', 'A&E', 'Outpatients', 'Community', 'Ambulance', 'Social care']) assert.ok(settings.has(s), `timeline has ${s}`);
    // Newest first, grouped by year.
    const dates = await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-date') ?? ''));
    assert.deepEqual(dates, [...dates].sort().reverse());
    const years = await page.getByTestId('timeline-year').locator('caption').evaluateAll((cs) => cs.map((c) => c.textContent?.slice(0, 4)));
    assert.deepEqual(years, [...new Set(dates.map((d) => d.slice(0, 4)))]);
    const timeline = (await page.locator('.app-timeline').innerText()).replace(/\s+/g, ' ');
    assert.match(timeline, /Emergency admission \(S720\)/);
    assert.match(timeline, /ICD-10 S720/);
    assert.match(timeline, /OPCS-4 W371/);
    assert.match(timeline, /£5,120\.00/);
    assert.match(timeline, /SNOMED CT 38341003/);
    await shot('4-person');

    // Only social care: uncheck everything, then tick one setting.
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByText('Select at least one setting').waitFor();
    await page.getByLabel('Social care').check();
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="timeline-entry"]')];
      return rows.length === 2 && rows.every((r) => r.getAttribute('data-setting') === 'Social care');
    });
    assert.equal(new URL(page.url()).searchParams.get('settings'), 'Social care');
    await shot('5-person-social-care');

    // Adding Hospital and A&E shows those too; 'Show all settings' brings everything back.
    await page.getByLabel('Hospital').check();
    await page.getByLabel('A&E').check();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"]').length === 4);
    const shown = new Set(await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-setting'))));
    assert.deepEqual([...shown].sort(), ['A&E', 'Hospital', 'Social care']);
    await page.getByRole('button', { name: 'Show all settings' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"]').length === 10);
    assert.equal(new URL(page.url()).searchParams.get('settings'), null);
  });

  test('a long timeline loads older records a page at a time', async () => {
    await page.goto(`${baseUrl}/people/${ids.harold}`);
    await page.getByTestId('timeline-status').waitFor();
    const entries = page.getByTestId('timeline-entry');
    assert.equal(await entries.count(), 200);
    assert.match(await text('timeline-status'), /Showing 200 records, newest first\. Older records are available below\./);
    await page.getByRole('button', { name: 'Show older records' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"]').length === 231);
    assert.equal(await page.getByRole('button', { name: 'Show older records' }).count(), 0);
    const keys = await entries.evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.equal(keys.length, 231);
    await shot('6-person-long-timeline');
  });

  test('an unknown person gets a clear not-found page, and narrow screens still work', async () => {
    await page.goto(`${baseUrl}/people/999999`);
    await page.getByRole('heading', { name: 'Person not found' }).waitFor();
    await shot('7-person-not-found');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/people/${ids.priya}`);
    await page.getByTestId('timeline-status').waitFor();
    const settings = await page.getByTestId('timeline-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-setting')));
    assert.deepEqual(settings.sort(), ['Mental health', 'NHS 111']);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    await shot('8-person-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

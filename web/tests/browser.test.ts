import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { withTransaction, type Database } from '../../src/kernel/db/database.ts';
import { openStore } from '../../src/migrations.ts';
import {
  allocatePersonIds, insertActivities, insertIdentifiers, insertPersons, type Activity, type Person, type PersonActivity,
} from '../../src/modules/population/index.ts';
import { buildWebApp } from '../build.ts';

/**
 * The web app end to end: the real server on an in-memory store seeded with a small place, driven
 * through Debian's Chromium. Screenshots of each screen go to SEAMLESS_SCREENSHOTS (default
 * /tmp/seamless-screens) for a person to look at.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.SEAMLESS_SCREENSHOTS ?? '/tmp/seamless-screens';
const haveChromium = fs.existsSync(CHROMIUM);
// Without Chromium the test is skipped on a developer's machine, but fails in CI, which installs it.
const skip = !haveChromium && !process.env.CI ? `Chromium not found at ${CHROMIUM} (apt-get install chromium)` : false;

const DAY = 86_400_000;
const today = new Date();
const daysAgo = (n: number) => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);
const yearsAgo = (years: number, extraDays = 0) => {
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), 1) - extraDays * DAY);
  return d.toISOString().slice(0, 10);
};

/** Four people: two Hargreaves (85+ and 65+), one person known by a council ID only, one who has died. */
async function seedPlace(db: Database): Promise<{ mabel: number; harold: number; priya: number; tom: number }> {
  return withTransaction(db, async (tx) => {
    const [mabel, harold, priya, tom] = (await allocatePersonIds(tx, 4)) as [number, number, number, number];
    // Localities are reference data with no writer in the population API yet; the schema is the contract here.
    await tx.kysely.insertInto('locality').values([{ code: 'E1', name: 'Eastbrook' }, { code: 'W1', name: 'Westvale' }]).execute();
    const persons: Person[] = [
      { id: mabel, nhsNumber: '9434765919', givenName: 'Mabel', familyName: 'Hargreaves', dateOfBirth: yearsAgo(88), sex: '2', postcode: 'LS1 4AP', localityCode: 'E1', gpPracticeCode: 'B82001' },
      { id: harold, nhsNumber: '9434765870', givenName: 'Harold', familyName: 'Hargreaves', dateOfBirth: yearsAgo(74), sex: '1', postcode: 'LS1 4AP', localityCode: 'E1', gpPracticeCode: 'B82001' },
      { id: priya, localId: 'C0001234', givenName: 'Priya', familyName: 'Shah', dateOfBirth: yearsAgo(36), sex: '2', postcode: 'LS6 1AA', localityCode: 'W1', gpPracticeCode: 'B82002' },
      { id: tom, nhsNumber: '9434765889', givenName: 'Tom', familyName: 'Okafor', dateOfBirth: yearsAgo(80), sex: '1', postcode: 'LS7 2BB', localityCode: 'W1', gpPracticeCode: 'B82003', dateOfDeath: daysAgo(400) },
    ];
    await insertPersons(tx, persons);
    await insertIdentifiers(tx, [
      { system: 'nhs-number', value: '9434765919', personId: mabel, matchMethod: 'nhs_number' },
      { system: 'source:council-case-system', value: 'CASE-77', personId: mabel, matchMethod: 'probabilistic', matchScore: 11.5 },
      { system: 'nhs-number', value: '9434765870', personId: harold, matchMethod: 'nhs_number' },
      { system: 'local', value: 'C0001234', personId: priya, matchMethod: 'local_id' },
      { system: 'nhs-number', value: '9434765889', personId: tom, matchMethod: 'nhs_number' },
    ]);

    const mabelActivity: Activity[] = [
      { kind: 'gp_event', recordKey: 'gp-1', sourceOrg: 'B82001', eventDate: daysAgo(20), code: { system: 'SNOMED CT', code: '38341003' }, term: 'Hypertensive disorder' },
      { kind: 'gp_event', recordKey: 'gp-2', sourceOrg: 'B82001', eventDate: daysAgo(500), code: { system: 'SNOMED CT', code: '161898004' }, term: 'Falls' },
      { kind: 'gp_medication', recordKey: 'med-1', sourceOrg: 'B82001', startDate: daysAgo(300), code: { system: 'dm+d', code: '319283006' }, term: 'Amlodipine 5mg tablets' },
      { kind: 'apc_spell', recordKey: 'spell-1', sourceOrg: 'RR8', admissionDate: daysAgo(100), dischargeDate: daysAgo(94), admissionMethod: '21', dischargeDestination: '19', diagnoses: ['S720', 'W19'], procedures: [{ code: 'W371', date: daysAgo(99) }], costPence: 512_000 },
      { kind: 'ae_attendance', recordKey: 'ae-1', sourceOrg: 'RR8', arrivalAt: `${daysAgo(100)}T08:30:00.000Z`, arrivalMode: 'ambulance', disposal: 'Admitted', costPence: 24_000 },
      { kind: 'op_appointment', recordKey: 'op-1', sourceOrg: 'RR8', appointmentDate: daysAgo(60), firstAttendance: '2', attendedOrDna: '5', treatmentFunctionCode: '110', costPence: 16_000 },
      { kind: 'community_contact', recordKey: 'cc-1', sourceOrg: 'RY6', setting: 'community', contactDate: daysAgo(85), service: 'District nursing', durationMinutes: 30 },
      { kind: 'urgent_care_contact', recordKey: 'amb-1', sourceOrg: 'RX8', service: 'ambulance', contactAt: `${daysAgo(100)}T07:55:00.000Z`, outcome: 'see and convey' },
      { kind: 'social_care_event', recordKey: 'sc-1', sourceOrg: 'LA1', eventType: 'Request', eventStartDate: daysAgo(90), eventEndDate: daysAgo(90), clientType: 'Service user', eventOutcome: 'Progress to assessment, review or reassessment' },
      { kind: 'social_care_event', recordKey: 'sc-2', sourceOrg: 'LA1', eventType: 'Service', eventStartDate: daysAgo(80), clientType: 'Service user', serviceType: 'Long term support: Community', serviceComponent: 'Home support or domiciliary care', deliveryMechanism: 'CASSR managed personal budget', weeklyCostPence: 35_000, funder: 'Local authority' },
    ];
    // Harold has a long GP record, two coded events a day, three years ago: more than one page of timeline.
    const haroldGp: Activity[] = Array.from({ length: 230 }, (_, i) => ({
      kind: 'gp_event' as const, recordKey: `hgp-${i}`, sourceOrg: 'B82001', eventDate: daysAgo(1100 + Math.floor(i / 2)),
      code: { system: 'SNOMED CT' as const, code: '271649006' }, term: 'Systolic blood pressure', value: 120 + (i % 30), unit: 'mmHg',
    }));
    const items: PersonActivity[] = [
      ...mabelActivity.map((activity) => ({ personId: mabel, activity })),
      ...haroldGp.map((activity) => ({ personId: harold, activity })),
      { personId: harold, activity: { kind: 'apc_spell', recordKey: 'h-spell-1', sourceOrg: 'RR8', admissionDate: daysAgo(30), dischargeDate: daysAgo(30), admissionMethod: '11', diagnoses: ['H251'], procedures: [{ code: 'C712' }], costPence: 180_050 } },
      { personId: priya, activity: { kind: 'community_contact', recordKey: 'mh-1', sourceOrg: 'RXG', setting: 'mental_health', contactDate: daysAgo(40), service: 'Community mental health team' } },
      { personId: priya, activity: { kind: 'urgent_care_contact', recordKey: '111-1', sourceOrg: 'NHS111', service: 'nhs111', contactAt: `${daysAgo(41)}T22:10:00.000Z`, outcome: 'Advised to contact own GP' } },
    ];
    await insertActivities(tx, items);
    return { mabel, harold, priya, tom };
  });
}

describe('web app in Chromium', { skip }, () => {
  let db: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let ids: Awaited<ReturnType<typeof seedPlace>>;
  const pageErrors: string[] = [];

  before(async () => {
    const webDist = await buildWebApp({ quiet: true });
    db = await openStore({ memory: true });
    ids = await seedPlace(db);
    app = await buildApp({ db, webDist });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');
    baseUrl = `http://127.0.0.1:${address.port}`;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The NHS fonts come from assets.nhs.uk; tests run offline, so the system fallback is used.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(() => {
    assert.deepEqual(pageErrors.splice(0), [], 'no uncaught errors in the page');
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const text = async (testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ');

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

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserHarness, skipWithoutChromium, type BrowserHarness } from './support/browser-harness.ts';
import { seedAnalyticsPlace, type AnalyticsPlace } from './support/seed-analytics.ts';

/**
 * The population health screens end to end: a generated place of 1,500 people stratified once, the
 * real server (sessions, CSRF, access control, suppression) and the web app in Chromium. An analyst
 * (planning: pseudonymised keys, small counts suppressed) uses the dashboard, cohorts and evaluation;
 * a care coordinator (direct care) uses the dashboard and their team's case-finding list. The tests
 * build on each other: the cohorts saved in the cohorts test are evaluated in the last one.
 * Screenshots go to SEAMLESS_SCREENSHOTS (default /tmp/seamless-screens).
 */
const skip = skipWithoutChromium;

describe('population health screens in Chromium', { skip }, () => {
  let harness: BrowserHarness<AnalyticsPlace>;
  let page: Page;
  let baseUrl: string;
  let seeded: AnalyticsPlace;

  before(async () => {
    harness = await startBrowserHarness((db) => seedAnalyticsPlace(db));
    ({ page, baseUrl, seeded } = harness);
  });

  afterEach(() => {
    assert.deepEqual(harness.pageErrors.splice(0), [], 'no uncaught errors in the page');
  });

  after(async () => harness?.close());

  const shot = (name: string) => harness.shot(name);
  const text = (testId: string) => harness.text(testId);
  const main = async () => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const errorSummary = async () => (await page.locator('.nhsuk-error-summary').innerText()).replace(/\s+/g, ' ');
  const sections = () => page.getByRole('navigation', { name: 'Population health' });

  async function signInAs(user: { username: string; password: string }, to: string): Promise<void> {
    if (await page.getByTestId('header-account').count()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByTestId('signed-out').waitFor();
    }
    await page.goto(`${baseUrl}${to}`);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('header-account').waitFor();
  }

  /** Nothing on the screen reads NaN, undefined or [object Object]. */
  async function assertNoBrokenFigures(): Promise<void> {
    assert.doesNotMatch(await main(), /NaN|undefined|\[object Object\]|Infinity/);
  }

  test('dashboard: the run, segments, score distributions, rates with CIs and the projection, by area', async () => {
    await signInAs(seeded.analyst, '/');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Population health' }).click();
    await page.getByRole('heading', { name: 'Population dashboard', level: 1 }).waitFor();
    await page.getByTestId('dashboard').waitFor();
    assert.equal(await page.title(), 'Population dashboard – Seamless');
    assert.deepEqual(await sections().getByRole('listitem').allInnerTexts(), ['Dashboard', 'Case finding', 'Cohorts', 'Evaluation']);

    assert.match(await text('run-status'), /Figures as of 1 November 2026, from stratification run \d+ finished .*: 1,500 people and [\d,]+ records of activity/);
    assert.match(await text('suppression-note'), /shown as ‘<8’/);
    assert.match(await text('dashboard-area'), /\S/);

    // Segments: one bar per segment with a figure; every figure is also in the chart's table.
    const segments = page.getByTestId('segments-chart');
    const bars = await segments.locator('[data-bar]').count();
    assert.ok(bars >= 4, `${bars} segments`);
    const segmentRows = await segments.locator('table tbody tr').allInnerTexts();
    assert.equal(segmentRows.length, bars);
    assert.ok(segmentRows.some((r) => /^Well\s+[\d,]+ \(\d+\.\d%\)$/.test(r.trim())), segmentRows.join(' | '));
    // A suppressed segment (1 to 7 people) has no bar and says why; a segment of 0 has an empty bar.
    for (const row of segmentRows) assert.match(row, /[\d,]+ \(\d+\.\d%\)|<8 \(fewer than 8, not shown\)|\b0\b/);

    // One small chart per banded score, each with its bands.
    const scores = page.getByTestId('score-distributions').locator('figure');
    assert.ok(await scores.count() >= 3, 'a chart per banded score');
    assert.match(await text('score-distributions'), /Hospital Frailty Risk Score/i);

    // Rates: a dot-and-whisker panel per indicator, crude and age-standardised side by side, figures in the table.
    const panels = page.getByTestId('rates-chart').locator('[data-group]');
    assert.ok(await panels.count() >= 1, 'at least one needs indicator');
    assert.equal(await panels.first().locator('[data-series]').count(), 2);
    const rateRows = page.getByTestId('rates-table').locator('tbody tr');
    assert.equal(await rateRows.count(), await panels.count());
    assert.match((await rateRows.first().innerText()).replace(/\s+/g, ' '), /[\d,]+\.\d \([\d,]+\.\d to ([\d,]+\.\d|no upper limit)\)|not shown|not calculated|fewer than/);

    const projection = await text('projection-table');
    assert.match(projection, /Now \(2026\)/);
    assert.match(projection, /All ages/);
    await assertNoBrokenFigures();
    await shot('a01-dashboard-place');

    // Another area: the chooser lists localities (and practices when the server lists them); the URL says which.
    const options = await page.locator('#area option').allInnerTexts();
    assert.equal(options[0], 'The whole place');
    assert.ok(options.length > 1, 'localities to choose from');
    const locality = await page.locator('#area optgroup[label="Localities"] option').first().getAttribute('value');
    assert.ok(locality?.startsWith('locality:'));
    await page.locator('#area').selectOption(locality!);
    await page.getByRole('button', { name: 'Show this area' }).click();
    await page.waitForURL((url) => url.searchParams.get('area') === locality);
    await page.getByTestId('dashboard').waitFor();
    const localityName = (await page.locator(`#area option[value="${locality}"]`).innerText()).replace(/\s*\(.*\)$/, '');
    assert.match(await text('dashboard-area'), new RegExp(localityName));
    await assertNoBrokenFigures();
    await shot('a02-dashboard-locality');

    // A GP practice by its code (the API lists no practices to choose from): small counts are suppressed for planning.
    await page.locator('#area').selectOption({ label: 'A GP practice by its code' });
    await page.getByLabel('GP practice code').fill('');
    await page.getByRole('button', { name: 'Show this area' }).click();
    assert.match(await page.locator('#area-practice-error').innerText(), /Enter the GP practice code/);
    await page.getByLabel('GP practice code').fill(seeded.practice.code.toLowerCase());
    await page.getByRole('button', { name: 'Show this area' }).click();
    await page.waitForURL((url) => url.searchParams.get('area') === `practice:${seeded.practice.code}`);
    await page.getByTestId('dashboard').waitFor();
    assert.match(await text('dashboard-area'), new RegExp(seeded.practice.name));
    assert.equal(await page.locator('#area').inputValue(), `practice:${seeded.practice.code}`);
    const practiceText = await main();
    assert.match(practiceText, /<8/, 'a small practice has suppressed counts');
    await assertNoBrokenFigures();
    await shot('a03-dashboard-practice');

    // Before any stratification the server answers with no run (and nothing counted): the screen says what to do.
    // This store has been stratified, so that answer is served here, in the shape the dashboard service gives it.
    await page.route('**/api/analytics/dashboard?*', async (route) => {
      const real = await (await route.fetch()).json();
      await route.fulfill({ json: { ...real, run: null, population: 0, segments: real.segments.map((s: object) => ({ ...s, count: 0 })), scoreDistributions: [], rates: [], projection: [] } });
    });
    await page.goto(`${baseUrl}/analytics`);
    await page.getByTestId('no-run').waitFor();
    assert.match(await text('no-run'), /No stratification has been run yet .* run seamless stratify/);
    assert.equal(await page.getByTestId('segments').count(), 0);
    await shot('a04a-dashboard-no-run');
    await page.unroute('**/api/analytics/dashboard?*');
    await page.goto(`${baseUrl}/analytics?area=practice:${seeded.practice.code}`);
    await page.getByTestId('segments').waitFor();

    // On a phone the charts and tables still fit: nothing wider than the screen but the scrolling tables.
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await shot('a04b-dashboard-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("case finding: the coordinator's team list with the rules met, risk, segment and why; planning sees keys", async () => {
    await signInAs(seeded.coordinator, '/analytics');
    await page.getByTestId('dashboard').waitFor();
    await sections().getByRole('link', { name: 'Case finding' }).click();
    await page.getByRole('heading', { name: 'Case finding', level: 1 }).waitFor();
    await page.getByTestId('case-finding').waitFor();
    assert.match(await text('case-finding-team'), new RegExp(seeded.coordinator.team));
    assert.match(await text('case-finding-summary'), /\d+ (person|people) met at least one rule, of [\d,<]+ people screened/);
    // The rules are behind a details element; opened, they are listed.
    await page.getByText(/^The rules:/).click();
    assert.match(await text('rule-set'), /or more/);

    const rows = page.getByTestId('case-row');
    const count = await rows.count();
    assert.ok(count >= 1 && count <= seeded.caseload.length, `${count} people on the team's list`);
    const first = rows.first();
    // Direct care: a name that links to the person's record, with age, sex and practice.
    const link = first.locator('a[href^="/people/"]');
    assert.equal(await link.count(), 1);
    const personId = Number((await link.getAttribute('href'))!.split('/').pop());
    assert.ok(seeded.caseload.includes(personId), 'only people on the team caseload are listed');
    const row = (await first.innerText()).replace(/\s+/g, ' ');
    assert.match(row, /Aged \d+|Age not recorded/);
    assert.match(row, /\d+\.\d%/);
    assert.match(row, /\d+(st|nd|rd|th) percentile/);
    assert.ok((await first.getByTestId('rules-met').locator('li').count()) >= 1);
    assert.match(await first.getByTestId('rules-met').innerText(), /threshold|\d/);

    // Why: the predicted risk's factors in plain words.
    const why = first.getByTestId('risk-why');
    if (await why.count()) {
      await why.locator('summary').click();
      await first.getByTestId('risk-factors').waitFor();
      const factors = await first.getByTestId('risk-factors').locator('li').allInnerTexts();
      assert.ok(factors.length >= 1);
      assert.ok(factors.every((f) => /(raises|lowers) the risk|no effect/.test(f)), factors.join(' | '));
    }
    await assertNoBrokenFigures();
    await shot('a05-case-finding');

    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    await shot('a06-case-finding-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The person link opens their record.
    await link.click();
    await page.waitForURL(`${baseUrl}/people/${personId}`);

    // An analyst (planning) sees pseudonymised keys and no links to records.
    await signInAs(seeded.analyst, '/analytics/case-finding');
    await page.getByTestId('keys-note').waitFor();
    await page.getByTestId('case-finding').waitFor();
    assert.equal(await page.locator('[data-testid="case-list"] a[href^="/people/"]').count(), 0);
    if (await page.getByTestId('case-row').count()) {
      assert.match(await page.getByTestId('case-row').first().locator('.app-key').innerText(), /\S{6,}/);
    }
    await assertNoBrokenFigures();
    await shot('a07-case-finding-planning');
  });

  test('cohorts: the builder checks its rows, shows the server\'s problems against them, saves; two cohorts are compared', async () => {
    await signInAs(seeded.analyst, '/analytics/cohorts');
    await page.getByRole('heading', { name: 'Cohorts', level: 1 }).waitFor();
    const builder = page.getByTestId('cohort-builder');
    await builder.waitFor();
    const condition = (n: number) => builder.getByTestId('cohort-condition').nth(n);

    // Nothing filled in: the error summary names each problem and links to the box.
    await builder.getByRole('button', { name: 'Save cohort' }).click();
    assert.match(await errorSummary(), /The cohort could not be saved Enter a name for the cohort Select what condition 1 is about/);
    assert.equal(await page.locator('.nhsuk-error-summary a[href="#cohort-row-1-field"]').count(), 1);
    await shot('a08-cohort-builder-errors');

    // Conditions that can never be true together: the server says so.
    await builder.getByLabel('Cohort name').fill('Impossible');
    await condition(0).getByLabel('Field').selectOption({ label: 'Age' });
    await condition(0).getByLabel('Comparison').selectOption({ label: 'is at least' });
    await condition(0).getByLabel('Value').fill('90');
    await builder.getByRole('button', { name: 'Add another condition' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cohort-row-2-field', 'focus moves to the new row');
    await condition(1).getByLabel('Field').selectOption({ label: 'Age' });
    await condition(1).getByLabel('Comparison').selectOption({ label: 'is less than' });
    await condition(1).getByLabel('Value').fill('50 years');
    await builder.getByRole('button', { name: 'Save cohort' }).click();
    assert.match(await errorSummary(), /Enter a number, like 80 or 2\.5, for condition 2/);
    assert.match(await page.locator('#cohort-row-2-value-error').innerText(), /Enter a number/);
    await condition(1).getByLabel('Value').fill('50');
    await builder.getByRole('button', { name: 'Save cohort' }).click();
    await page.getByText(/can never be true/i).first().waitFor();
    assert.match(await errorSummary(), /never be true/i);
    await shot('a09-cohort-builder-server-problem');

    // A cohort that can be saved: 75 and over, not known to social care.
    await builder.getByLabel('Cohort name').fill('75 and over, not known to social care');
    await condition(1).getByLabel('Field').selectOption({ label: 'Known to social care' });
    await condition(1).getByLabel('Value').selectOption({ label: 'No' });
    await condition(0).getByLabel('Value').fill('75');
    await builder.getByRole('button', { name: 'Save cohort' }).click();
    await page.getByTestId('cohort-saved').waitFor();
    assert.match(await text('cohort-saved'), /Cohort saved: 75 and over, not known to social care, [\d,<]+ (person|people)/);
    assert.equal(await page.locator('.nhsuk-error-summary').count(), 0);
    await page.locator('[data-testid="cohort-row"]', { hasText: '75 and over, not known to social care' }).waitFor();

    // A second: known to social care.
    await builder.getByLabel('Cohort name').fill('Known to social care');
    await condition(0).getByLabel('Field').selectOption({ label: 'Known to social care' });
    await condition(0).getByLabel('Value').selectOption({ label: 'Yes' });
    await builder.getByRole('button', { name: 'Save cohort' }).click();
    await page.locator('[data-testid="cohort-row"]', { hasText: 'Known to social care' }).nth(1).waitFor();
    const saved = await page.getByTestId('cohort-row').allInnerTexts();
    assert.equal(saved.length, 2);
    assert.match(saved.join(' | ').replace(/\s+/g, ' '), /75 and over, not known to social care age: at least 75 and not known to social care/);
    for (const size of await page.getByTestId('cohort-size').allInnerTexts()) assert.match(size, /^([\d,]+|<8)$/);
    await shot('a10-cohorts-saved');

    // Compare the two: A only, both, B only, and the people in A and not in B (keys for planning).
    const compare = page.getByTestId('comparison-form');
    await compare.getByLabel('Two saved cohorts').check();
    await compare.getByRole('button', { name: 'Compare' }).click();
    assert.match(await errorSummary(), /Select cohort A Select cohort B/);
    const cohortId = async (name: string) => (await page.locator('[data-testid="cohort-row"]', { has: page.getByRole('rowheader', { name, exact: true }) }).getAttribute('data-cohort-id'))!;
    await compare.getByLabel('Cohort A').selectOption(await cohortId('75 and over, not known to social care'));
    await compare.getByLabel('Cohort B').selectOption(await cohortId('Known to social care'));
    await compare.getByRole('button', { name: 'Compare' }).click();
    await page.getByTestId('comparison-result').waitFor();
    for (const key of ['onlyA', 'both', 'onlyB']) assert.match(await text(`count-${key}`), /^([\d,]+|<8|0) In /);
    assert.match(await text('count-both'), /^0 In both/, 'nobody is both not known and known to social care');
    const people = page.getByTestId('comparison-person');
    if (await people.count()) {
      assert.equal(await page.locator('[data-testid="comparison-people"] a[href^="/people/"]').count(), 0, 'planning sees keys, not records');
      assert.match(await page.getByTestId('comparison-people').locator('caption').innerText(), /People in 75 and over, not known to social care and not in Known to social care/);
    }
    await assertNoBrokenFigures();
    await shot('a11-cohort-comparison');

    // A ready-made comparison: high risk and not known to social care, or receiving social care and at rising risk.
    await compare.getByLabel('A ready-made comparison').check();
    const presets = await compare.locator('#compare-preset option').allInnerTexts();
    assert.ok(presets.length >= 2, presets.join(' | '));
    await compare.locator('#compare-preset').selectOption({ index: 0 });
    const before = await page.locator('#comparison-heading').innerText();
    await compare.getByRole('button', { name: 'Compare' }).click();
    await page.waitForFunction((previous) => {
      const heading = document.querySelector('#comparison-heading')?.textContent ?? '';
      return heading !== previous && heading.includes('compared with');
    }, before);
    await assertNoBrokenFigures();
    await shot('a12-cohort-comparison-preset');
  });

  test('evaluation: a saved cohort against a matched comparison, with outcomes, the difference-in-differences and balance', async () => {
    await signInAs(seeded.analyst, '/analytics/evaluation');
    await page.getByRole('heading', { name: 'Evaluate an intervention', level: 1 }).waitFor();
    const form = page.getByTestId('evaluation-form');
    await form.waitFor();
    assert.equal(await form.getByLabel('Months before').inputValue(), '6');
    assert.equal(await form.getByLabel('Months after').inputValue(), '6');

    await form.getByRole('button', { name: 'Run the evaluation' }).click();
    assert.match(await errorSummary(), /Select the cohort that received the intervention Enter the date the intervention started/);
    await shot('a13-evaluation-errors');

    const option = form.locator('#evaluation-cohort option', { hasText: '75 and over, not known to social care' });
    await form.getByLabel('Cohort that received the intervention').selectOption((await option.getAttribute('value'))!);
    await page.locator('#evaluation-date').fill('1');
    await page.locator('#evaluation-date-month').fill('5');
    await page.locator('#evaluation-date-year').fill('2026');
    await form.getByRole('button', { name: 'Run the evaluation' }).click();
    await page.getByTestId('evaluation-result').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.nhsuk-error-summary').count(), 0);
    assert.match(await text('evaluation-result'), /Windows 6 months before and 6 months after/);
    assert.match(await text('matched-pairs'), /^[\d,]+$/);

    const outcomes = page.getByTestId('outcomes-table').locator('tbody tr');
    assert.equal(await outcomes.count(), 4);
    const outcomeText = await text('outcomes-table');
    for (const label of ['A&E attendances', 'Emergency admissions', 'bed days', 'Social care cost']) assert.match(outcomeText, new RegExp(label, 'i'));
    assert.match(outcomeText, /£/, 'social care cost in pounds');
    assert.match(outcomeText, /[−+]?\d+\.\d\d to [−+]?\d+\.\d\d|Not available/);

    const balance = page.getByTestId('balance-table').locator('tbody tr');
    assert.ok(await balance.count() >= 5);
    const flagged = await page.locator('[data-testid="balance-table"] tr[data-flagged="true"]').count();
    assert.match(await text('balance-table'), flagged > 0 ? new RegExp(`\\(${flagged} flagged\\)`) : /\(none flagged\)/);
    await assertNoBrokenFigures();
    await shot('a14-evaluation-result');
  });

  test('roles that read no personal data have no population health screens', async () => {
    await signInAs(seeded.igLead, '/analytics/cohorts');
    await page.getByTestId('not-available').waitFor();
    assert.match(await text('not-available'), /This page is not available for your role .* Information governance lead/);
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Population health' }).count(), 0);
    await shot('a15-not-available');
  });
});

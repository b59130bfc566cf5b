import assert from 'node:assert/strict';
import { test } from 'node:test';
import { near } from './stats-assert.ts';
import { suppressCount } from '../../../governance/index.ts';
import { deriveNeedsProfileRows } from '../../domain/stats/needs-profile.ts';
import { buildNeedsProfile } from '../../report/needs-workbook.ts';
import { area, OLDEST } from './needs-fixtures.ts';

test('a full row: count, population, crude rate and DSR with limits (worked example 2)', () => {
  const [row] = buildNeedsProfile([area('place', 'E06000047', 'County Durham', OLDEST)]);
  assert.ok(row);
  assert.equal(row.count, 140);
  assert.equal(row.population, 19_000);
  near(row.crudeRate, 736.842, 0.001); // 140 / 19,000 · 100,000
  near(row.dsr, 265, 1e-9);
  near(row.dsrLower, 217.1905, 0.0005);
  near(row.dsrUpper, 319.2087, 0.0005);
  // Crude limits: Byar for 140 (117.7690, 165.2065) ÷ 19,000 · 100,000 = 619.837 and 869.508.
  near(row.crudeLower, 619.837, 0.001);
  near(row.crudeUpper, 869.508, 0.001);
  assert.equal(row.suppression, 'none');
  assert.equal(row.note, null);
  assert.equal(row.confidence, 0.95);
});

test('counts 1–7 are shown as "<8" and every rate is withheld', () => {
  for (const n of [1, 5, 7]) {
    const [row] = buildNeedsProfile([area('locality', 'L1', 'North', { '90+': n })]);
    assert.equal(row?.count, '<8');
    assert.deepEqual([row?.crudeRate, row?.crudeLower, row?.crudeUpper, row?.dsr, row?.dsrLower, row?.dsrUpper], [null, null, null, null, null, null]);
    assert.equal(row?.suppression, 'small_count');
    assert.match(row?.note ?? '', /shown as <8/);
  }
});

test('8 and 9 events: the count and crude rate are shown, the DSR is not (fewer than 10 events)', () => {
  const [row] = buildNeedsProfile([area('locality', 'L2', 'South', { '0-4': 4, '90+': 5 })]);
  assert.equal(row?.count, 9);
  // 9 / 19,000 · 100,000 = 47.368; exact limits for 9 (4.115373, 17.084803) ÷ 19,000 · 100,000 = 21.660 and 89.920.
  near(row!.crudeRate, 47.368, 0.001);
  near(row!.crudeLower, 21.660, 0.001);
  near(row!.crudeUpper, 89.920, 0.001);
  assert.equal(row?.dsr, null);
  assert.equal(row?.suppression, 'dsr_fewer_than_10');
  const [eight] = buildNeedsProfile([area('locality', 'L3', 'East', { '50-54': 8 })]);
  assert.equal(eight?.count, 8);
});

test('zero events: 0 is shown with its crude rate (0, upper limit from ln 40); no DSR', () => {
  const [row] = buildNeedsProfile([area('practice', 'A81001', 'The Surgery', {})]);
  assert.equal(row?.count, 0);
  assert.equal(row?.crudeRate, 0);
  assert.equal(row?.crudeLower, 0);
  near(row!.crudeUpper, (Math.log(40) / 19_000) * 100_000, 1e-9);
  assert.equal(row?.dsr, null);
});

test('the suppression rule is the one passed in (governance), and errors name the area', () => {
  const rows = deriveNeedsProfileRows([area('place', 'P', 'Place', { '90+': 12 })], { suppress: (c) => suppressCount(c, 15) });
  assert.equal(rows[0]?.count, '<15');
  const bad = area('locality', 'L9', 'West', {});
  bad.bands = bad.bands.filter((b) => b.ageBand !== '45-49');
  assert.throws(() => buildNeedsProfile([bad]), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'SEAMLESS_ERR_ANALYTICS_AGE_BANDS');
    assert.match(error.message, /^West \(L9\), Emergency admissions: .*missing age band: 45-49/);
    return true;
  });
});

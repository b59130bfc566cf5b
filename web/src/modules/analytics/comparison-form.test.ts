import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ComparisonPreset } from './api/analytics.types.ts';
import { checkComparisonForm, peopleCaption, type ComparisonForm } from './comparison-form.ts';

const PRESETS: ComparisonPreset[] = [{
  key: 'high-risk-not-known', label: 'High risk and not known to social care', show: 'onlyA',
  a: { name: 'High risk', criteria: { field: 'riskPercentile', op: '>=', value: 90 } },
  b: { name: 'Known to social care', criteria: { field: 'knownToSocialCare', op: '=', value: true } },
}];
const FORM: ComparisonForm = { mode: 'saved', a: '', b: '', preset: '', show: 'onlyA' };

test('two different saved cohorts are needed', () => {
  assert.deepEqual(checkComparisonForm(FORM, PRESETS), { errors: { a: 'Select cohort A', b: 'Select cohort B' } });
  assert.match(checkComparisonForm({ ...FORM, a: '2', b: '2' }, PRESETS).errors.b!, /^Select a different cohort for B/);
  assert.deepEqual(checkComparisonForm({ ...FORM, a: '2', b: '5', show: 'both' }, PRESETS).input, { a: { cohortId: 2 }, b: { cohortId: 5 }, show: 'both' });
});

test("a preset sends its own criteria, names and list", () => {
  assert.deepEqual(checkComparisonForm({ ...FORM, mode: 'preset' }, PRESETS).errors, { preset: 'Select a comparison' });
  assert.deepEqual(checkComparisonForm({ ...FORM, mode: 'preset', preset: 'high-risk-not-known', show: 'both' }, PRESETS).input, {
    a: PRESETS[0]!.a, b: PRESETS[0]!.b, show: 'onlyA',
  });
});

test('the list is named by what it holds', () => {
  assert.equal(peopleCaption('onlyA', 'High risk', 'Known to social care'), 'People in High risk and not in Known to social care');
  assert.equal(peopleCaption('both', 'Receiving social care', 'Rising risk'), 'People in both Receiving social care and Rising risk');
});

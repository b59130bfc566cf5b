import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bandForProbability,
  computeRiskBandThresholds,
  explainEmergencyAdmissionRisk,
  explainFeatureRow,
} from '../../domain/model/explain.ts';
import { EMERGENCY_ADMISSION_FEATURES, writeFeatureRow } from '../../domain/model/features.ts';
import { scoreWithModel } from '../../domain/model/model-version.ts';
import { baseFacts } from './simulate.ts';
import { trainSimulatedModel } from './support.ts';

const { model, validation, validationExamples } = trainSimulatedModel();
const p = EMERGENCY_ADMISSION_FEATURES.length;

test('base log-odds plus every factor contribution is the log-odds of the prediction', () => {
  for (let i = 0; i < 200; i++) {
    const e = explainFeatureRow(model, validation.rows, i);
    const sum = e.baseLogOdds + e.factors.reduce((s, f) => s + f.contribution, 0);
    assert.ok(Math.abs(sum - e.logOdds) < 1e-12);
    const probability = scoreWithModel(model, validation.rows, i);
    assert.ok(Math.abs(Math.log(probability / (1 - probability)) - sum) < 1e-9, `row ${i}`);
  }
});

test('each contribution is coefficient × (value − training mean), summed within the factor', () => {
  const row = new Float64Array(p);
  const facts = baseFacts({ age: 80, emergencyAdmissions12m: 2 });
  writeFeatureRow(EMERGENCY_ADMISSION_FEATURES, facts, undefined, row);
  const e = explainFeatureRow(model, row);
  const term = (key: string) => model.features.find((f) => f.key === key)!;
  const admissions = term('emergency_admissions_12m');
  assert.ok(Math.abs(e.factors.find((f) => f.factor === 'emergency_admissions_12m')!.contribution - admissions.coefficient * (2 - admissions.mean)) < 1e-12);
  const ageTerms = model.features.filter((f) => f.factor === 'age');
  const expectedAge = ageTerms.reduce((s, f) => s + f.coefficient * ((f.key === 'age_75_84' ? 1 : 0) - f.mean), 0);
  assert.ok(Math.abs(e.factors.find((f) => f.factor === 'age')!.contribution - expectedAge) < 1e-12);
});

test('the ScoreResult: probability as value, band, version and the top factors by size with plain labels', () => {
  const facts = baseFacts({ age: 88, emergencyAdmissions12m: 3, falls12m: 2, receivingSocialCare: true, knownToSocialCare: true, socialCareWeeklyCostPence: 40_000 });
  const all = explainEmergencyAdmissionRisk(model, facts, undefined, { topN: 100 });
  const result = explainEmergencyAdmissionRisk(model, facts);
  assert.equal(result.name, 'emergency_admission_risk');
  assert.equal(result.version, model.version);
  const row = new Float64Array(p);
  writeFeatureRow(EMERGENCY_ADMISSION_FEATURES, facts, undefined, row);
  assert.equal(result.value, scoreWithModel(model, row));
  assert.equal(result.band, bandForProbability(model.bands, result.value));
  assert.equal(result.factors.length, 5);
  assert.deepEqual(result.factors, all.factors.slice(0, 5));
  for (let k = 1; k < all.factors.length; k++) assert.ok(Math.abs(all.factors[k - 1]!.contribution) >= Math.abs(all.factors[k]!.contribution));
  const labels = result.factors.map((f) => f.label);
  assert.ok(labels.includes('3 emergency admissions in the last year'), labels.join('; '));
  assert.ok(labels.includes('Aged 88'), labels.join('; '));
  const sum = all.factors.reduce((s, f) => s + f.contribution, 0) + explainFeatureRow(model, row).baseLogOdds;
  assert.ok(Math.abs(sum - Math.log(result.value / (1 - result.value))) < 1e-9, 'all factors with the base give the log-odds');
  const raising = explainEmergencyAdmissionRisk(model, facts, undefined, { topN: 100, raisingOnly: true });
  assert.ok(raising.factors.length > 0 && raising.factors.every((f) => f.contribution > 0));
});

test('bands by rank: top 2% very high, to 10% high, to 30% moderate, the rest low', () => {
  const predictions = Float64Array.from({ length: 1000 }, (_, i) => (i + 1) / 1001);
  const bands = computeRiskBandThresholds(predictions);
  assert.deepEqual(bands.map((b) => [b.label, b.topPercent]), [['very high', 2], ['high', 10], ['moderate', 30], ['low', 100]]);
  assert.equal(bands[0]!.minProbability, 981 / 1001); // the 20 highest are 981…1000
  assert.equal(bands[1]!.minProbability, 901 / 1001);
  assert.equal(bands[2]!.minProbability, 701 / 1001);
  const counts: Record<string, number> = {};
  for (const v of predictions) { const b = bandForProbability(bands, v); counts[b] = (counts[b] ?? 0) + 1; }
  assert.deepEqual(counts, { 'very high': 20, high: 80, moderate: 200, low: 700 });
  assert.equal(bandForProbability(bands, 981 / 1001), 'very high', 'at the threshold is the higher band');
  assert.equal(bandForProbability(bands, 0), 'low');
  assert.throws(() => computeRiskBandThresholds(predictions, [{ label: 'a', topPercent: 10 }, { label: 'b', topPercent: 5 }]), {
    code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_BANDS',
  });
});

test('the model\'s bands put about the intended shares of its validation population in each band', () => {
  const counts: Record<string, number> = {};
  for (const example of validationExamples) {
    const band = explainEmergencyAdmissionRisk(model, example.facts).band!;
    counts[band] = (counts[band] ?? 0) + 1;
  }
  const n = validationExamples.length;
  assert.ok(counts['very high']! >= 0.02 * n && counts['very high']! < 0.03 * n, JSON.stringify(counts));
  assert.ok((counts['very high']! + counts.high!) >= 0.1 * n && (counts['very high']! + counts.high!) < 0.11 * n, JSON.stringify(counts));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMERGENCY_ADMISSION_FEATURES } from '../../domain/model/features.ts';
import {
  computeModelVersion,
  parseEmergencyAdmissionModel,
  planModelWindows,
  scoreFeatureMatrix,
  scoreWithModel,
  trainEmergencyAdmissionModel,
} from '../../domain/model/model-version.ts';
import { dataSet, simulateYear, trainSimulatedModel } from './support.ts';

const { model, validation } = trainSimulatedModel();

test('the temporal split: train on T−2y → T−1y, validate on T−1y → T, score as of T', () => {
  assert.deepEqual(planModelWindows('2025-03-31'), {
    trainingFeaturesAsOf: '2023-04-01',
    trainingOutcomeTo: '2024-03-31',
    validationFeaturesAsOf: '2024-03-31',
    validationOutcomeTo: '2025-03-31',
    scoringAsOf: '2025-03-31',
  });
  assert.deepEqual(model.windows, planModelWindows('2025-03-31'));
});

test('the training report: sizes, held-out AUC with its interval, calibration deciles, convergence', () => {
  const r = model.report;
  assert.equal(r.training.n, 4_000);
  assert.equal(r.validation.n, 4_000);
  assert.equal(r.training.converged, true);
  assert.ok(r.validation.events > 100 && r.validation.events < 3_900);
  const auc = r.validation.auc;
  assert.ok(auc.auc > 0.6 && auc.auc < 0.95, `AUC ${auc.auc}`);
  assert.ok(auc.lower! < auc.auc && auc.auc < auc.upper!);
  assert.equal(r.validation.calibration.groups.length, 10);
  assert.equal(r.validation.calibration.groups.reduce((s, g) => s + g.count, 0), 4_000);
  assert.equal(r.validation.calibration.groups.reduce((s, g) => s + g.events, 0), r.validation.events);
  assert.ok(Math.abs(r.validation.calibration.calibrationSlope! - 1) < 0.3, `slope ${r.validation.calibration.calibrationSlope}`);
  // The simulation raises risk with emergency admissions, falls and end of life.
  const or = (key: string) => model.features.find((f) => f.key === key)!.oddsRatio;
  assert.ok(or('emergency_admissions_12m') > 1.2 && or('falls_12m') > 1.1 && or('end_of_life') > 1.3);
  assert.equal(model.features.length, EMERGENCY_ADMISSION_FEATURES.length);
  assert.ok(model.features.find((f) => f.key === 'hfrs')!.constant, 'no HFRS supplied: constant, coefficient 0');
  assert.equal(model.features.find((f) => f.key === 'hfrs')!.coefficient, 0);
});

test('serialise → parse → score gives the same predictions', () => {
  const text = JSON.stringify(model);
  const parsed = parseEmergencyAdmissionModel(text);
  assert.equal(parsed.version, model.version);
  const before = scoreFeatureMatrix(model, validation.rows);
  const after = scoreFeatureMatrix(parsed, validation.rows);
  assert.deepEqual([...after], [...before]);
  assert.equal(scoreWithModel(parsed, validation.rows, 17), before[17]);
  assert.deepEqual(parseEmergencyAdmissionModel(JSON.parse(text)), parsed);
});

test('the version is a content hash: same content same version, any coefficient change a new one', () => {
  assert.match(model.version, /^ear-[0-9a-f]{16}$/);
  assert.equal(computeModelVersion(model), model.version);
  assert.equal(computeModelVersion({ ...model, createdAt: '2030-01-01T00:00:00.000Z' }), model.version, 'creation time is not content');
  const changed = structuredClone(model);
  changed.features[3]!.coefficient += 1e-12;
  assert.notEqual(computeModelVersion(changed), model.version);
  const reordered = Object.fromEntries(Object.entries(model).reverse()) as typeof model;
  assert.equal(computeModelVersion(reordered), model.version, 'key order does not matter');
  assert.throws(() => parseEmergencyAdmissionModel(JSON.stringify(changed)), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_VERSION_MISMATCH' });
});

test('parsing refuses what it cannot use', () => {
  assert.throws(() => parseEmergencyAdmissionModel('{'), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_INVALID' });
  assert.throws(() => parseEmergencyAdmissionModel({ ...model, kind: 'other' }), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_INVALID' });
  assert.throws(() => parseEmergencyAdmissionModel({ ...model, featureSet: 'ear-features-0' }), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_FEATURE_SET' });
  const unknown = structuredClone(model);
  unknown.features[0]!.key = 'shoe_size';
  assert.throws(() => parseEmergencyAdmissionModel(unknown), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_UNKNOWN_FEATURE' });
});

test('one-class training or validation sets, overlapping windows and bad matrices are clear errors', () => {
  const w = planModelWindows('2025-03-31');
  const people = simulateYear(300, w.trainingFeaturesAsOf, 5);
  const good = dataSet(people, w.trainingFeaturesAsOf, w.trainingOutcomeTo);
  const later = dataSet(simulateYear(300, w.validationFeaturesAsOf, 6), w.validationFeaturesAsOf, w.validationOutcomeTo);
  const none = dataSet(people.map((p) => ({ ...p, emergencyAdmission: false })), w.trainingFeaturesAsOf, w.trainingOutcomeTo);
  const options = { createdAt: '2025-04-01T00:00:00.000Z' };
  assert.throws(() => trainEmergencyAdmissionModel(none, later, options), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_ONE_CLASS', message: /training set/ });
  assert.throws(() => trainEmergencyAdmissionModel(good, { ...none, featuresAsOf: w.validationFeaturesAsOf, outcomeTo: w.validationOutcomeTo }, options), {
    code: 'SEAMLESS_ERR_ANALYTICS_MODEL_ONE_CLASS',
    message: /validation year/,
  });
  assert.throws(() => trainEmergencyAdmissionModel({ ...good, rows: new Float64Array(0), outcomes: new Uint8Array(0) }, later, options), {
    code: 'SEAMLESS_ERR_ANALYTICS_MODEL_EMPTY_TRAINING_SET',
  });
  assert.throws(() => trainEmergencyAdmissionModel({ ...good, outcomeTo: '2024-06-30' }, later, options), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW', message: /held out/ });
  assert.throws(() => trainEmergencyAdmissionModel({ ...good, featuresAsOf: '2023-02-30' }, later, options), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_WINDOW' });
  assert.throws(() => trainEmergencyAdmissionModel(good, later, { ...options, featureKeys: ['falls_12m'] }), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
  assert.ok(trainEmergencyAdmissionModel(good, later, options).version.startsWith('ear-'));
});

test('a subset of features, in the caller\'s order', () => {
  const w = planModelWindows('2025-03-31');
  const keys = ['emergency_admissions_12m', 'falls_12m', 'age_85_plus'];
  const cols = keys.map((k) => EMERGENCY_ADMISSION_FEATURES.findIndex((f) => f.key === k));
  const pick = (full: ReturnType<typeof dataSet>) => ({
    ...full,
    rows: Float64Array.from({ length: full.outcomes.length * keys.length }, (_, k) => full.rows[Math.floor(k / keys.length) * EMERGENCY_ADMISSION_FEATURES.length + cols[k % keys.length]!]!),
  });
  const training = pick(dataSet(simulateYear(2_000, w.trainingFeaturesAsOf, 3), w.trainingFeaturesAsOf, w.trainingOutcomeTo));
  const small = trainEmergencyAdmissionModel(training, pick(validation), { createdAt: '2025-04-01T00:00:00.000Z', featureKeys: keys });
  assert.deepEqual(small.features.map((f) => f.key), keys);
  assert.ok(small.features[0]!.coefficient > 0);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeCalibration } from '../../domain/model/calibration.ts';
import { expit, normal, seededRandom } from './simulate.ts';

test('hand-worked deciles of 20 distinct predictions: two people per decile', () => {
  const predicted = Float64Array.from({ length: 20 }, (_, i) => (i + 1) / 21);
  const outcomes = Uint8Array.from({ length: 20 }, (_, i) => (i % 4 === 3 ? 1 : 0));
  const result = computeCalibration(predicted, outcomes);
  assert.equal(result.groups.length, 10);
  result.groups.forEach((g, k) => {
    assert.equal(g.group, k + 1);
    assert.equal(g.count, 2);
    assert.equal(g.minPredicted, (2 * k + 1) / 21);
    assert.equal(g.maxPredicted, (2 * k + 2) / 21);
    assert.ok(Math.abs(g.meanPredicted - (4 * k + 3) / 42) < 1e-12);
  });
  assert.deepEqual(result.groups.map((g) => g.events), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
});

test('groups sum to the totals and are ordered by predicted risk', () => {
  const random = seededRandom(42);
  const n = 10_007;
  const predicted = Float64Array.from({ length: n }, () => expit(normal(random) - 2));
  const outcomes = Uint8Array.from(predicted, (p) => (random() < p ? 1 : 0));
  const result = computeCalibration(predicted, outcomes);
  assert.equal(result.groups.reduce((s, g) => s + g.count, 0), n);
  assert.equal(result.groups.reduce((s, g) => s + g.events, 0), result.events);
  const sumPredicted = predicted.reduce((s, p) => s + p, 0);
  assert.ok(Math.abs(result.groups.reduce((s, g) => s + g.meanPredicted * g.count, 0) - sumPredicted) < 1e-8);
  for (let k = 1; k < result.groups.length; k++) assert.ok(result.groups[k]!.minPredicted >= result.groups[k - 1]!.maxPredicted);
  for (const g of result.groups) assert.ok(Math.abs(g.count - n / 10) <= 1);
  // Outcomes drawn from the predictions themselves: well calibrated.
  assert.ok(Math.abs(result.calibrationInTheLarge!) < 0.1, `CITL ${result.calibrationInTheLarge}`);
  assert.ok(Math.abs(result.calibrationSlope! - 1) < 0.1, `slope ${result.calibrationSlope}`);
  assert.ok(Math.abs(result.observedToExpected! - 1) < 0.1);
});

test('predictions that are too extreme have a slope below 1; too high have a negative calibration-in-the-large', () => {
  const random = seededRandom(9);
  const n = 20_000;
  const lp = Float64Array.from({ length: n }, () => normal(random) - 1.5);
  const outcomes = Uint8Array.from(lp, (x) => (random() < expit(x) ? 1 : 0));
  const tooExtreme = computeCalibration(Float64Array.from(lp, (x) => expit(2 * x + 1.5)), outcomes);
  assert.ok(Math.abs(tooExtreme.calibrationSlope! - 0.5) < 0.05, `slope ${tooExtreme.calibrationSlope}`);
  const tooHigh = computeCalibration(Float64Array.from(lp, (x) => expit(x + 1)), outcomes);
  assert.ok(tooHigh.calibrationInTheLarge! < -0.8 && tooHigh.calibrationInTheLarge! > -1.2, `CITL ${tooHigh.calibrationInTheLarge}`);
  assert.ok(Math.abs(tooHigh.calibrationSlope! - 1) < 0.05);
});

test('tied predictions stay in one group; no slope when nothing varies', () => {
  const predicted = new Float64Array(50).fill(0.2);
  const outcomes = Uint8Array.from({ length: 50 }, (_, i) => (i < 10 ? 1 : 0));
  const result = computeCalibration(predicted, outcomes);
  assert.equal(result.groups.length, 1);
  assert.equal(result.groups[0]!.count, 50);
  assert.equal(result.groups[0]!.observedRate, 0.2);
  assert.equal(result.calibrationSlope, null);
  assert.ok(Math.abs(result.calibrationInTheLarge!) < 1e-9);
});

test('bad input is a clear error', () => {
  assert.throws(() => computeCalibration(new Float64Array(0), new Uint8Array(0)), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
  assert.throws(() => computeCalibration(Float64Array.from([1.5]), Uint8Array.from([1])), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
  assert.throws(() => computeCalibration(Float64Array.from([0.5]), Uint8Array.from([1]), 0), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
});

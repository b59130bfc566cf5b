import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLogisticRegression } from '../../domain/model/logistic-regression.ts';
import { expit, normal, poisson, seededRandom, simulateLogistic } from './simulate.ts';

/** Rows of a 2×2 table: `count` copies of (x, y). */
function table(cells: Array<[x: number, y: number, count: number]>): { rows: Float64Array; outcomes: Uint8Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y, count] of cells) for (let i = 0; i < count; i++) { xs.push(x); ys.push(y); }
  return { rows: Float64Array.from(xs), outcomes: Uint8Array.from(ys) };
}

test('one binary feature, unpenalised: the coefficient is the log odds ratio log(ad/bc) of the 2×2 table', () => {
  // exposed: a = 30 with the outcome, b = 10 without; unexposed: c = 20 with, d = 40 without.
  const { rows, outcomes } = table([[1, 1, 30], [1, 0, 10], [0, 1, 20], [0, 0, 40]]);
  const fit = fitLogisticRegression(rows, outcomes, 1, { lambda: 0 });
  assert.equal(fit.converged, true);
  assert.ok(Math.abs(fit.coefficients[0]! - Math.log((30 * 40) / (10 * 20))) < 1e-9, `log OR ${fit.coefficients[0]} vs log 6`);
  assert.ok(Math.abs(fit.intercept - Math.log(20 / 40)) < 1e-9, 'intercept is the log odds of the unexposed');
  // Woolf: SE(log OR) = sqrt(1/a + 1/b + 1/c + 1/d), the inverse information of this model.
  assert.ok(Math.abs(fit.standardErrors[0]! - Math.sqrt(1 / 30 + 1 / 10 + 1 / 20 + 1 / 40)) < 1e-8);
  assert.ok(Math.abs(fit.interceptStandardError - Math.sqrt(1 / 20 + 1 / 40)) < 1e-8);
  assert.deepEqual(fit.warnings, []);
});

test('the penalty shrinks the coefficient towards 0 but not the intercept to the overall rate', () => {
  const { rows, outcomes } = table([[1, 1, 30], [1, 0, 10], [0, 1, 20], [0, 0, 40]]);
  const unpenalised = fitLogisticRegression(rows, outcomes, 1, { lambda: 0 });
  const penalised = fitLogisticRegression(rows, outcomes, 1, { lambda: 10 });
  assert.ok(penalised.coefficients[0]! > 0 && penalised.coefficients[0]! < unpenalised.coefficients[0]!);
});

test('recovers known coefficients from 20,000 simulated rows', () => {
  const beta = [-1.5, 0.8, -0.6, 0.4, 0.1];
  const { rows, outcomes } = simulateLogistic(20_000, beta, (random, out, o) => {
    out[o] = normal(random); // continuous
    out[o + 1] = random() < 0.3 ? 1 : 0; // indicator
    out[o + 2] = poisson(random, 0.7); // count, mostly 0 or 1
    out[o + 3] = random() * 10; // uniform 0–10
  }, 20250331);
  const fit = fitLogisticRegression(rows, outcomes, 4, { lambda: 1 });
  assert.equal(fit.converged, true);
  assert.ok(fit.iterations < 15, `${fit.iterations} iterations`);
  const estimates = [fit.intercept, ...fit.coefficients];
  const errors = [fit.interceptStandardError, ...fit.standardErrors];
  for (let j = 0; j < beta.length; j++) {
    const z = (estimates[j]! - beta[j]!) / errors[j]!;
    assert.ok(Math.abs(z) < 4, `β${j}: estimate ${estimates[j]!.toFixed(4)}, true ${beta[j]}, SE ${errors[j]!.toFixed(4)}`);
    assert.ok(Math.abs(estimates[j]! - beta[j]!) < 0.15, `β${j} within 0.15`);
  }
});

test('at the unpenalised estimate the score equations hold: Σ(y − p) = 0 and Σ x(y − p) = 0', () => {
  const { rows, outcomes } = simulateLogistic(5_000, [-0.5, 1, -1], (random, out, o) => {
    out[o] = normal(random) * 3 + 10;
    out[o + 1] = poisson(random, 2);
  }, 7);
  const fit = fitLogisticRegression(rows, outcomes, 2, { lambda: 0 });
  let s0 = 0, s1 = 0, s2 = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const r = outcomes[i]! - expit(fit.intercept + fit.coefficients[0]! * rows[2 * i]! + fit.coefficients[1]! * rows[2 * i + 1]!);
    s0 += r; s1 += r * rows[2 * i]!; s2 += r * rows[2 * i + 1]!;
  }
  assert.ok(Math.abs(s0) < 1e-6 && Math.abs(s1) < 1e-5 && Math.abs(s2) < 1e-5, `${s0} ${s1} ${s2}`);
});

test('rescaling a feature rescales its unpenalised coefficient and leaves the predictions alone', () => {
  const data = simulateLogistic(3_000, [0.2, 0.7], (random, out, o) => { out[o] = normal(random); }, 11);
  const scaled = Float64Array.from(data.rows, (v) => v * 1000 + 5);
  const a = fitLogisticRegression(data.rows, data.outcomes, 1, { lambda: 0 });
  const b = fitLogisticRegression(scaled, data.outcomes, 1, { lambda: 0 });
  assert.ok(Math.abs(b.coefficients[0]! * 1000 - a.coefficients[0]!) < 1e-8);
  assert.ok(Math.abs(b.standardisedCoefficients[0]! - a.standardisedCoefficients[0]!) < 1e-8);
  assert.ok(Math.abs(b.intercept + b.coefficients[0]! * 5 - a.intercept) < 1e-7);
});

test('a constant feature gets coefficient 0 and the other coefficients are as without it', () => {
  const data = simulateLogistic(2_000, [-1, 0.5], (random, out, o) => { out[o] = normal(random); }, 3);
  const withConstant = new Float64Array(2_000 * 3);
  for (let i = 0; i < 2_000; i++) {
    withConstant[3 * i] = 0.1; // constant (not exactly representable: its mean is not bit-identical)
    withConstant[3 * i + 1] = data.rows[i]!;
    withConstant[3 * i + 2] = 0; // constant zero
  }
  const fit = fitLogisticRegression(withConstant, data.outcomes, 3, { lambda: 1 });
  const reference = fitLogisticRegression(data.rows, data.outcomes, 1, { lambda: 1 });
  assert.deepEqual(fit.constantFeatures, [0, 2]);
  assert.equal(fit.coefficients[0], 0);
  assert.equal(fit.coefficients[2], 0);
  assert.ok(Number.isNaN(fit.standardErrors[0]!));
  assert.ok(Math.abs(fit.coefficients[1]! - reference.coefficients[0]!) < 1e-9);
  assert.ok(Math.abs(fit.intercept - reference.intercept) < 1e-9);
  assert.ok(fit.warnings.some((w) => w.includes('constant')));
});

test('mostly-zero data (the sparse path) and dense data (the scanning path) give the same fit', () => {
  // Four sparse columns: a fit on them alone takes the sparse path. Adding a constant 0.1 column keeps
  // it sparse (its values are dropped); adding three constant 1 columns makes it dense.
  const data = simulateLogistic(4_000, [-1, 0.8, 0.5, -0.4, 0.3], (random, out, o) => {
    out[o] = random() < 0.1 ? 1 : 0;
    out[o + 1] = random() < 0.1 ? poisson(random, 2) : 0;
    out[o + 2] = random() < 0.05 ? normal(random) : 0;
    out[o + 3] = random() < 0.2 ? 1 : 0;
  }, 13);
  const widen = (extra: number[]) => {
    const width = 4 + extra.length;
    const rows = new Float64Array(4_000 * width);
    for (let i = 0; i < 4_000; i++) {
      extra.forEach((v, e) => { rows[i * width + e] = v; });
      for (let j = 0; j < 4; j++) rows[i * width + extra.length + j] = data.rows[i * 4 + j]!;
    }
    return fitLogisticRegression(rows, data.outcomes, width, { lambda: 0 });
  };
  const sparse = fitLogisticRegression(data.rows, data.outcomes, 4, { lambda: 0 });
  for (const fit of [widen([0.1]), widen([1, 1, 1])]) {
    const estimates = fit.coefficients.slice(fit.nFeatures - 4);
    for (let j = 0; j < 4; j++) assert.ok(Math.abs(estimates[j]! - sparse.coefficients[j]!) < 1e-9, `feature ${j}`);
    assert.ok(Math.abs(fit.intercept - sparse.intercept) < 1e-9);
    assert.ok(Math.abs(fit.logLikelihood - sparse.logLikelihood) < 1e-7);
  }
});

test('perfectly separable data: finite estimates with a penalty, a warning without one', () => {
  const rows = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const outcomes = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  const penalised = fitLogisticRegression(rows, outcomes, 1, { lambda: 1 });
  assert.equal(penalised.converged, true);
  assert.ok(Number.isFinite(penalised.coefficients[0]!) && penalised.coefficients[0]! > 0);
  assert.ok(expit(penalised.intercept + penalised.coefficients[0]! * 5) > expit(penalised.intercept + penalised.coefficients[0]! * 4));
  const unpenalised = fitLogisticRegression(rows, outcomes, 1, { lambda: 0, maxIterations: 60 });
  assert.ok(unpenalised.warnings.some((w) => w.includes('separable')), unpenalised.warnings.join('; '));
});

test('collinear features: a clear error without a penalty, a fit with one', () => {
  const data = simulateLogistic(500, [0, 1], (random, out, o) => { out[o] = normal(random); }, 5);
  const rows = new Float64Array(1_000);
  for (let i = 0; i < 500; i++) { rows[2 * i] = data.rows[i]!; rows[2 * i + 1] = 2 * data.rows[i]!; }
  assert.throws(() => fitLogisticRegression(rows, data.outcomes, 2, { lambda: 0 }), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_SINGULAR' });
  const fit = fitLogisticRegression(rows, data.outcomes, 2, { lambda: 1 });
  assert.ok(Math.abs(fit.standardisedCoefficients[0]! - fit.standardisedCoefficients[1]!) < 1e-9, 'the penalty splits the effect evenly');
});

test('no rows, one outcome class and malformed input are clear errors', () => {
  assert.throws(() => fitLogisticRegression(new Float64Array(0), new Uint8Array(0), 3), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_EMPTY_TRAINING_SET' });
  assert.throws(() => fitLogisticRegression(Float64Array.from([1, 2, 3]), Uint8Array.from([0, 0, 0]), 1), {
    code: 'SEAMLESS_ERR_ANALYTICS_MODEL_ONE_CLASS',
    message: /None of the 3 people/,
  });
  assert.throws(() => fitLogisticRegression(Float64Array.from([1, 2]), Uint8Array.from([1, 1]), 1), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_ONE_CLASS', message: /All 2 people/ });
  assert.throws(() => fitLogisticRegression(Float64Array.from([1, 2, 3]), Uint8Array.from([0, 1]), 1), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
  assert.throws(() => fitLogisticRegression(Float64Array.from([1, Number.NaN]), Uint8Array.from([0, 1]), 1), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', message: /row 1/ });
  assert.throws(() => fitLogisticRegression(Float64Array.from([1, 2]), Uint8Array.from([0, 2]), 1), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
});

test('no features: the intercept-only model is the log odds of the overall rate', () => {
  const fit = fitLogisticRegression(new Float64Array(0), Uint8Array.from([1, 0, 0, 0]), 0);
  assert.ok(Math.abs(fit.intercept - Math.log(1 / 3)) < 1e-12);
});

test('deterministic: the same data give bit-identical estimates', () => {
  const random = seededRandom(1);
  const rows = Float64Array.from({ length: 400 }, () => random());
  const outcomes = Uint8Array.from({ length: 200 }, () => (random() < 0.4 ? 1 : 0));
  const a = fitLogisticRegression(rows, outcomes, 2);
  const b = fitLogisticRegression(rows, outcomes, 2);
  assert.deepEqual([...a.coefficients], [...b.coefficients]);
});

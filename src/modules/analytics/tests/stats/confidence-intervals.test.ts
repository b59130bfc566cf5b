import assert from 'node:assert/strict';
import { test } from 'node:test';
import { near, code } from './stats-assert.ts';
import {
  byarLimits, exactPoissonLimits, poissonLimits, regularisedGammaP, regularisedGammaQ, wilsonLimits, Z_95, Z_99_8, zForConfidence,
} from '../../domain/stats/confidence-intervals.ts';

test('z values are the standard normal quantiles for 95% and 99.8%', () => {
  assert.equal(zForConfidence(0.95), Z_95);
  assert.equal(zForConfidence(0.998), Z_99_8);
  near(Z_95, 1.96, 0.0001);
  near(Z_99_8, 3.0902, 0.0001);
});

// Byar's method, O = 10, 95% (z = 1.959964):
//   lower: 1/(9·10) = 0.011111; z/(3·√10) = 1.959964 / 9.486833 = 0.206598
//          base = 1 − 0.011111 − 0.206598 = 0.782291; 0.782291³ = 0.478745; × 10 = 4.78745
//   upper: 1/(9·11) = 0.010101; z/(3·√11) = 1.959964 / 9.949874 = 0.196984
//          base = 1 − 0.010101 + 0.196984 = 1.186883; 1.186883³ = 1.671951; × 11 = 18.39146
// The brief's "about 4.7954 and 18.3904" are not Byar's limits for 10 but the exact (Garwood) ones,
// checked below: χ²(0.025; 20)/2 = 4.79539 and χ²(0.975; 22)/2 = 18.39036 (e.g. Armitage & Berry's table).
test("Byar's limits for 10 events, worked by hand, and the exact limits they approximate", () => {
  const byar = byarLimits(10);
  near(byar.lower, 4.78745, 0.00001, 'Byar lower');
  near(byar.upper, 18.39146, 0.00001, 'Byar upper');
  const exact = exactPoissonLimits(10);
  near(exact.lower, 4.79539, 0.00001, 'exact lower');
  near(exact.upper, 18.39036, 0.00001, 'exact upper');
  // From 10 events OHID's rule uses Byar's method; below 10, exact limits.
  assert.equal(poissonLimits(10).method, 'byar');
  assert.deepEqual(poissonLimits(10), { ...byar, method: 'byar' });
  assert.equal(poissonLimits(9).method, 'exact');
});

// Zero events. Byar: lower 0; upper (0+1)·(1 − 1/9 + z/3)³ = (1 − 0.111111 + 0.653321)³ = 1.542210³ = 3.66801.
// Exact: lower 0; upper solves P(X ≤ 0 | μ) = e^(−μ) = 0.025, so μ = ln 40 = 3.688879.
test('zero events: lower limit 0, upper limit ln 40 (exact) or 3.668 (Byar)', () => {
  assert.deepEqual(byarLimits(0).lower, 0);
  near(byarLimits(0).upper, 3.66801, 0.00001);
  const exact = poissonLimits(0);
  assert.equal(exact.method, 'exact');
  assert.equal(exact.lower, 0);
  near(exact.upper, Math.log(40), 1e-9);
});

// One event. Exact lower solves P(X ≥ 1 | μ) = 1 − e^(−μ) = 0.025: μ = −ln 0.975 = 0.0253178.
// Exact upper solves P(X ≤ 1 | μ) = e^(−μ)(1 + μ) = 0.025: μ = 5.571643 (e^(−5.571643) · 6.571643 = 0.025000).
// Byar: lower 1·(1 − 0.111111 − 0.653321)³ = 0.235568³ = 0.013072; upper 2·(1 − 1/18 + z/(3√2))³ = 2·1.406424³ = 5.56376.
test('one event: exact limits from e^(−μ), and Byar for comparison', () => {
  const exact = exactPoissonLimits(1);
  near(exact.lower, -Math.log(0.975), 1e-9);
  near(exact.upper, 5.571643, 0.000001);
  near(Math.exp(-exact.upper) * (1 + exact.upper), 0.025, 1e-12);
  const byar = byarLimits(1);
  near(byar.lower, 0.013072, 0.000001);
  near(byar.upper, 5.56376, 0.00001);
});

// At 99.8% Byar's base for one event is 1 − 1/9 − 3.090232/3 = −0.141188: negative, no lower limit.
// The exact lower limit is −ln 0.999 = 0.0010005, and OHID's rule uses it.
test("99.8%: Byar's method fails for one event, so small counts use exact limits", () => {
  assert.equal(code(() => byarLimits(1, 0.998)), 'SEAMLESS_ERR_ANALYTICS_CI_METHOD');
  const limits = poissonLimits(1, { confidence: 0.998 });
  assert.equal(limits.method, 'exact');
  near(limits.lower, -Math.log(0.999), 1e-9);
  near(limits.upper, 9.233413, 0.000001); // e^(−μ)(1 + μ) = 0.001
});

test('exact limits solve their defining equations for several counts', () => {
  for (const o of [2, 5, 9, 25, 120]) {
    for (const confidence of [0.95, 0.998] as const) {
      const tail = (1 - confidence) / 2;
      const { lower, upper } = exactPoissonLimits(o, confidence);
      near(regularisedGammaP(o, lower), tail, 1e-12, `P(X ≥ ${o} | ${lower})`);
      near(regularisedGammaQ(o + 1, upper), tail, 1e-12, `P(X ≤ ${o} | ${upper})`);
      assert.ok(lower < o && upper > o);
    }
  }
  // P(1, x) = 1 − e^(−x); Q(3, x) = e^(−x)(1 + x + x²/2).
  near(regularisedGammaP(1, 2), 1 - Math.exp(-2), 1e-15);
  near(regularisedGammaQ(3, 7), Math.exp(-7) * (1 + 7 + 24.5), 1e-15);
});

// Very large counts: Byar and exact agree, and both are close to O ± z√O.
// O = 1,000,000: √O = 1000; O ± 1959.96 = 998,040.04 / 1,001,959.96; Byar's skew correction moves each by about +0.94 and +1.95.
test('very large counts: Byar and exact agree to well under one event', () => {
  const byar = byarLimits(1_000_000);
  const exact = exactPoissonLimits(1_000_000);
  near(byar.lower, 998_040.98, 0.01);
  near(byar.upper, 1_001_961.91, 0.01);
  near(exact.lower, byar.lower, 0.001);
  near(exact.upper, byar.upper, 0.001);
  near(poissonLimits(50_000_000).lower, 50_000_000 - Z_95 * Math.sqrt(50_000_000), 2);
});

// Wilson, 20 out of 100, 95%: z² = 3.841459; √(z² + 4·20·(1 − 0.2)) = √67.841459 = 8.236593; × z = 16.143425
//   denominator 2·(100 + 3.841459) = 207.682918
//   lower (40 + 3.841459 − 16.143425) / 207.682918 = 27.698034 / 207.682918 = 0.133367
//   upper (40 + 3.841459 + 16.143425) / 207.682918 = 59.984884 / 207.682918 = 0.288829
// 0 out of 50: lower 0, upper z²/(50 + z²) = 3.841459/53.841459 = 0.071348; 50 out of 50: lower 50/53.841459 = 0.928652, upper 1.
test('Wilson score interval for proportions, worked by hand', () => {
  const w = wilsonLimits(20, 100);
  near(w.lower, 0.133367, 0.000001);
  near(w.upper, 0.288829, 0.000001);
  assert.equal(wilsonLimits(0, 50).lower, 0);
  near(wilsonLimits(0, 50).upper, 0.071348, 0.000001);
  near(wilsonLimits(50, 50).lower, 0.928652, 0.000001);
  assert.equal(wilsonLimits(50, 50).upper, 1);
  const wide = wilsonLimits(20, 100, 0.998);
  assert.ok(wide.lower < w.lower && wide.upper > w.upper);
});

test('bad input is refused with a code', () => {
  assert.equal(code(() => byarLimits(-1)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => byarLimits(2.5)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => exactPoissonLimits(Number.NaN)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => wilsonLimits(11, 10)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => wilsonLimits(0, 0)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => byarLimits(5, 0.9 as 0.95)), 'SEAMLESS_ERR_ANALYTICS_CONFIDENCE_LEVEL');
  assert.equal(code(() => poissonLimits(5, { method: 'normal' as 'byar' })), 'SEAMLESS_ERR_ANALYTICS_CI_METHOD');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { near, code } from './stats-assert.ts';
import { calculateCrudeRate, calculateProportion } from '../../domain/stats/crude-rate.ts';

// 10 events in 50,000 people: rate 10/50,000 × 100,000 = 20.0 per 100,000.
// Byar limits on the count (see confidence-intervals.test.ts): 4.78745 and 18.39146;
// ÷ 50,000 × 100,000 (i.e. × 2): 9.5749 and 36.7829.
test('crude rate: 10 events in 50,000 people', () => {
  const r = calculateCrudeRate(10, 50_000);
  assert.equal(r.rate, 20);
  near(r.lower, 9.5749, 0.0001);
  near(r.upper, 36.7829, 0.0001);
  assert.equal(r.method, 'byar');
  assert.equal(r.confidence, 0.95);
});

// 0 events in 25,000: rate 0, lower 0; upper = ln 40 / 25,000 × 100,000 = 3.688879 × 4 = 14.7555.
test('crude rate: zero events give a lower limit of 0 and a positive upper limit', () => {
  const r = calculateCrudeRate(0, 25_000);
  assert.equal(r.rate, 0);
  assert.equal(r.lower, 0);
  near(r.upper, 14.7555, 0.0001);
  assert.equal(r.method, 'exact');
});

// 1 event in 100,000: rate 1.0; exact limits 0.0253 and 5.5716 (the count limits, since n = 100,000).
test('crude rate: one event', () => {
  const r = calculateCrudeRate(1, 100_000);
  assert.equal(r.rate, 1);
  near(r.lower, 0.025318, 0.000001);
  near(r.upper, 5.571643, 0.000001);
  const byar = calculateCrudeRate(1, 100_000, { method: 'byar' });
  near(byar.lower, 0.013072, 0.000001);
});

// 1,000,000 events in 50,000,000: 2,000 per 100,000; count limits 998,040.98 and 1,001,961.91
// ÷ 50,000,000 × 100,000 (÷ 500): 1,996.082 and 2,003.924.
test('crude rate: very large counts', () => {
  const r = calculateCrudeRate(1_000_000, 50_000_000);
  assert.equal(r.rate, 2000);
  near(r.lower, 1996.082, 0.001);
  near(r.upper, 2003.924, 0.001);
});

test('crude rate: other multipliers and 99.8% limits', () => {
  const per1000 = calculateCrudeRate(10, 50_000, { multiplier: 1000 });
  assert.equal(per1000.rate, 0.2);
  near(per1000.lower, 0.095749, 0.000001);
  const wide = calculateCrudeRate(10, 50_000, { confidence: 0.998 });
  assert.ok(wide.lower < 9.5749 && wide.upper > 36.7829);
});

test('crude rate: a population of 0 is a clear error; bad counts are refused', () => {
  assert.equal(code(() => calculateCrudeRate(3, 0)), 'SEAMLESS_ERR_ANALYTICS_ZERO_POPULATION');
  assert.throws(() => calculateCrudeRate(3, 0), /Population is 0: a rate needs a population greater than 0/);
  assert.equal(code(() => calculateCrudeRate(-1, 100)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => calculateCrudeRate(1.5, 100)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => calculateCrudeRate(1, -100)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
  assert.equal(code(() => calculateCrudeRate(1, Number.POSITIVE_INFINITY)), 'SEAMLESS_ERR_ANALYTICS_INVALID_NUMBER');
});

// 20 out of 100 = 20.0%, Wilson limits 13.3367% and 28.8829% (worked in confidence-intervals.test.ts).
test('proportion with Wilson limits, as a percentage', () => {
  const p = calculateProportion(20, 100);
  assert.equal(p.value, 20);
  near(p.lower, 13.3367, 0.0001);
  near(p.upper, 28.8829, 0.0001);
  assert.equal(p.method, 'wilson');
});

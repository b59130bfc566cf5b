import assert from 'node:assert/strict';
import { test } from 'node:test';
import { largest, linearAxis, niceCeiling, percentAlong, shareOf } from './chart-scale.ts';

test('nice ceilings are 1, 2, 2.5 or 5 times a power of ten', () => {
  assert.equal(niceCeiling(1), 1);
  assert.equal(niceCeiling(1.2), 2);
  assert.equal(niceCeiling(2.1), 2.5);
  assert.equal(niceCeiling(3), 5);
  assert.equal(niceCeiling(7), 10);
  assert.equal(niceCeiling(821), 1000);
  assert.equal(niceCeiling(0.3), 0.5);
  assert.equal(niceCeiling(0.25), 0.25);
  assert.equal(niceCeiling(12_345), 20_000);
  assert.equal(niceCeiling(0), 1);
  assert.equal(niceCeiling(-5), 1);
  assert.equal(niceCeiling(Number.NaN), 1);
  assert.equal(niceCeiling(Number.POSITIVE_INFINITY), 1);
});

test('an axis covers the largest value in a few even steps', () => {
  assert.deepEqual(linearAxis(821), { max: 1000, ticks: [0, 250, 500, 750, 1000] });
  assert.deepEqual(linearAxis(1000), { max: 1000, ticks: [0, 250, 500, 750, 1000] });
  assert.deepEqual(linearAxis(39), { max: 40, ticks: [0, 10, 20, 30, 40] });
  assert.deepEqual(linearAxis(7), { max: 8, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(linearAxis(0.123, 4), { max: 0.15, ticks: [0, 0.05, 0.1, 0.15] });
  assert.deepEqual(linearAxis(15_432.7, 3), { max: 20_000, ticks: [0, 10_000, 20_000] });
  for (const max of [1, 3, 9.99, 47, 123, 5_000.1, 88_888]) {
    const axis = linearAxis(max);
    assert.ok(axis.max >= max, `${max} fits`);
    assert.ok(axis.ticks.length >= 2 && axis.ticks.length <= 6, `${max}: ${axis.ticks.length} ticks`);
    assert.equal(axis.ticks[0], 0);
  }
});

test('an empty or broken axis still draws from 0 to 1', () => {
  assert.deepEqual(linearAxis(0), { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  assert.deepEqual(linearAxis(Number.NaN, 2), { max: 1, ticks: [0, 0.5, 1] });
  assert.deepEqual(linearAxis(-3, 1), { max: 1, ticks: [0, 1] });
});

test('positions are shares of the axis, clamped, never NaN', () => {
  assert.equal(shareOf(250, 1000), 0.25);
  assert.equal(shareOf(1500, 1000), 1);
  assert.equal(shareOf(-1, 1000), 0);
  assert.equal(shareOf(Number.NaN, 1000), 0);
  assert.equal(shareOf(5, 0), 0);
  assert.equal(percentAlong(0.25), '25%');
  assert.equal(percentAlong(0, 0.02, 0.98), '2%');
  assert.equal(percentAlong(1, 0.02, 0.98), '98%');
  assert.equal(percentAlong(1 / 3), '33.3333%');
});

test('the largest value ignores what is not a number', () => {
  assert.equal(largest([3, null, 7, undefined, Number.NaN, 5]), 7);
  assert.equal(largest([]), 0);
  assert.equal(largest([null, -2]), 0);
});

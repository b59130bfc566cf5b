import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeAuc } from '../../domain/model/discrimination.ts';
import { seededRandom } from './simulate.ts';

const auc = (scores: number[], outcomes: number[]) => computeAuc(Float64Array.from(scores), Uint8Array.from(outcomes));

test('hand-worked AUCs: separated, reversed, all tied, and a tie between classes', () => {
  assert.equal(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).auc, 1);
  assert.equal(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]).auc, 0);
  assert.equal(auc([0.5, 0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1, 1]).auc, 0.5);
  // Positives 0.8, 0.5; negatives 0.5, 0.2: pairs (0.8>0.5) 1, (0.8>0.2) 1, (0.5=0.5) ½, (0.5>0.2) 1 → 3.5 / 4.
  assert.equal(auc([0.8, 0.5, 0.5, 0.2], [1, 1, 0, 0]).auc, 0.875);
  // Order of rows does not matter.
  assert.equal(auc([0.2, 0.5, 0.8, 0.5], [0, 1, 1, 0]).auc, 0.875);
});

test('hand-worked DeLong standard error for the tied example', () => {
  // V10 for positives 0.8, 0.5: 1 and 0.75 (mean 0.875, variance 0.03125);
  // V01 for negatives 0.5, 0.2: 0.75 and 1 (variance 0.03125). Var = 0.03125/2 + 0.03125/2.
  const result = auc([0.8, 0.5, 0.5, 0.2], [1, 1, 0, 0]);
  assert.ok(Math.abs(result.standardError! - Math.sqrt(0.03125)) < 1e-12);
  assert.equal(result.upper, 1, 'clipped to 1');
  assert.ok(Math.abs(result.lower! - (0.875 - 1.959963984540054 * Math.sqrt(0.03125))) < 1e-12);
});

/** O(n²): every positive–negative pair, and DeLong's placements by definition. */
function bruteForce(scores: Float64Array, outcomes: Uint8Array): { auc: number; se: number } {
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => (outcomes[i] ? pos : neg).push(s));
  const psi = (x: number, y: number) => (x > y ? 1 : x === y ? 0.5 : 0);
  const v10 = pos.map((x) => neg.reduce((s, y) => s + psi(x, y), 0) / neg.length);
  const v01 = neg.map((y) => pos.reduce((s, x) => s + psi(x, y), 0) / pos.length);
  const a = v10.reduce((s, v) => s + v, 0) / pos.length;
  const variance = (v: number[]) => v.reduce((s, x) => s + (x - a) ** 2, 0) / (v.length - 1);
  return { auc: a, se: Math.sqrt(variance(v10) / pos.length + variance(v01) / neg.length) };
}

test('agrees with a brute-force pair count and DeLong by definition on random data with many ties', () => {
  for (const seed of [1, 2, 3]) {
    const random = seededRandom(seed);
    const n = 600;
    const outcomes = Uint8Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
    // Scores rounded to 1 decimal so ties are common within and across classes.
    const scores = Float64Array.from(outcomes, (y) => Math.round((random() + 0.3 * y) * 10) / 10);
    const fast = computeAuc(scores, outcomes);
    const slow = bruteForce(scores, outcomes);
    assert.ok(Math.abs(fast.auc - slow.auc) < 1e-12, `seed ${seed}: ${fast.auc} vs ${slow.auc}`);
    assert.ok(Math.abs(fast.standardError! - slow.se) < 1e-12, `seed ${seed}: SE ${fast.standardError} vs ${slow.se}`);
    assert.ok(fast.lower! < fast.auc && fast.auc < fast.upper!);
    assert.equal(fast.positives + fast.negatives, n);
  }
});

test('one class, a single person per class and mismatched lengths', () => {
  assert.throws(() => auc([0.1, 0.2], [1, 1]), { code: 'SEAMLESS_ERR_ANALYTICS_AUC_ONE_CLASS' });
  assert.throws(() => auc([0.1, 0.2], [0, 0]), { code: 'SEAMLESS_ERR_ANALYTICS_AUC_ONE_CLASS' });
  const single = auc([0.1, 0.9], [0, 1]);
  assert.equal(single.auc, 1);
  assert.equal(single.standardError, null);
  assert.throws(() => auc([0.1], [0, 1]), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
  assert.throws(() => auc([0.1, Number.NaN], [0, 1]), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT' });
});

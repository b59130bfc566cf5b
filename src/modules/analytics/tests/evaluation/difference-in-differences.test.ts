import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createSeededRandom,
  estimateDifferenceInDifferences,
  quantileOfSorted,
  studentTQuantile,
} from '../../domain/evaluation/difference-in-differences.ts';
import type { EvaluationPerson, OutcomeMeasures } from '../../domain/evaluation/evaluation-input.ts';
import type { MatchedSet } from '../../domain/evaluation/matching.ts';

const close = (actual: number | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

const zero: OutcomeMeasures = { aeAttendances: 0, emergencyAdmissions: 0, bedDays: 0, socialCareCostPence: 0 };
function person(personId: number, ae: [number, number], cost: [number, number] = [0, 0]): EvaluationPerson {
  return {
    personId,
    indexDate: '2024-04-01',
    age: 80,
    sex: '2',
    riskScore: 0.5,
    before: { ...zero, aeAttendances: ae[0], socialCareCostPence: cost[0] },
    after: { ...zero, aeAttendances: ae[1], socialCareCostPence: cost[1] },
  };
}
const set = (c: EvaluationPerson, ...controls: EvaluationPerson[]): MatchedSet => ({ case: c, controls, distances: controls.map(() => 0) });

// Three matched pairs, A&E attendances before → after, and social care cost in pence:
//
//   pair  case A&E  Δcase  control A&E  Δcontrol  d = Δcase − Δcontrol   case cost        control cost     d (pence)
//   1     4 → 1     −3     4 → 3        −1        −2                      10000 → 5001     10000 → 10000    −4999
//   2     3 → 2     −1     3 → 3         0        −1                          0 → 0            0 → 2000     −2000
//   3     5 → 2     −3     5 → 5         0        −3                      25050 → 25051    25050 → 25050        1
//
// A&E: DiD = mean d = (−2 − 1 − 3)/3 = −2.
//   Group means: intervention 4 → 5/3 (change −7/3), comparison 4 → 11/3 (change −1/3); −7/3 − (−1/3) = −2.
//   sd(d): deviations 0, +1, −1, squares sum to 2, variance 2/(3 − 1) = 1, so SE = 1/√3 = 0.577350.
//   t(0.975, 2 df) = 4.302653, so the 95% CI is −2 ± 4.302653 × 0.577350 = −2 ± 2.484138 = (−4.484138, 0.484138).
// Cost: DiD = (−4999 − 2000 + 1)/3 = −6998/3 = −2332.67 pence (a fractional mean);
//   totals stay integer pence: intervention 35050 → 30052, comparison 35050 → 37050.
const pairs = [
  set(person(1, [4, 1], [10000, 5001]), person(101, [4, 3], [10000, 10000])),
  set(person(2, [3, 2], [0, 0]), person(102, [3, 3], [0, 2000])),
  set(person(3, [5, 2], [25050, 25051]), person(103, [5, 5], [25050, 25050])),
];

test('hand-worked difference-in-differences over three pairs, with the paired t interval', () => {
  const result = estimateDifferenceInDifferences(pairs, { bootstrapResamples: 0 });
  const ae = result.outcomes.find((o) => o.outcome === 'aeAttendances')!;
  close(ae.difference, -2);
  close(ae.intervention.meanBefore, 4);
  close(ae.intervention.meanAfter, 5 / 3);
  close(ae.comparison.meanBefore, 4);
  close(ae.comparison.meanAfter, 11 / 3);
  close(ae.intervention.meanChange - ae.comparison.meanChange, ae.difference, 1e-12);
  close(ae.standardError!, 1 / Math.sqrt(3));
  assert.equal(ae.degreesOfFreedom, 2);
  close(ae.confidenceInterval!.lower, -4.484138, 1e-6);
  close(ae.confidenceInterval!.upper, 0.484138, 1e-6);
  assert.equal(ae.bootstrapInterval, null);
  assert.equal(result.bootstrap, null);
});

test('money: totals stay integer pence, the mean difference may be fractional pence', () => {
  const result = estimateDifferenceInDifferences(pairs, { bootstrapResamples: 0 });
  const cost = result.outcomes.find((o) => o.outcome === 'socialCareCostPence')!;
  assert.deepEqual(
    [cost.intervention.totalBefore, cost.intervention.totalAfter, cost.comparison.totalBefore, cost.comparison.totalAfter],
    [35050, 30052, 35050, 37050],
  );
  assert.ok([35050, 30052, 35050, 37050].every(Number.isSafeInteger));
  close(cost.difference, -6998 / 3);
  const untouched = result.outcomes.find((o) => o.outcome === 'bedDays')!;
  assert.equal(untouched.difference, 0);
  assert.equal(untouched.standardError, 0);
});

test('1:2 sets: a case is compared with the mean change of its controls, and the group means weight controls 1/2', () => {
  // Set 1: case 6 → 4 (Δ −2); controls 6 → 6 (Δ 0) and 6 → 5 (Δ −1), mean Δ −0.5, so d = −1.5.
  // Set 2: case 2 → 2 (Δ 0); one control 2 → 3 (Δ +1), so d = −1.
  // DiD = (−1.5 − 1)/2 = −1.25. Comparison mean after = ((6 + 5)/2 + 3)/2 = 4.25; before = (6 + 2)/2 = 4.
  const result = estimateDifferenceInDifferences(
    [set(person(1, [6, 4]), person(11, [6, 6]), person(12, [6, 5])), set(person(2, [2, 2]), person(21, [2, 3]))],
    { bootstrapResamples: 0 },
  );
  const ae = result.outcomes.find((o) => o.outcome === 'aeAttendances')!;
  close(ae.difference, -1.25);
  close(ae.comparison.meanBefore, 4);
  close(ae.comparison.meanAfter, 4.25);
  assert.equal(ae.comparison.people, 3);
  assert.equal(ae.comparison.totalAfter, 6 + 5 + 3);
  close(ae.intervention.meanChange - ae.comparison.meanChange, ae.difference, 1e-12);
});

test('the bootstrap interval is reproducible from its seed and lies within the range of the pair differences', () => {
  const a = estimateDifferenceInDifferences(pairs, { bootstrapResamples: 500, bootstrapSeed: 7 });
  const b = estimateDifferenceInDifferences(pairs, { bootstrapResamples: 500, bootstrapSeed: 7 });
  assert.deepEqual(a, b);
  assert.deepEqual(a.bootstrap, { resamples: 500, seed: 7 });
  const ae = a.outcomes.find((o) => o.outcome === 'aeAttendances')!;
  assert.ok(ae.bootstrapInterval!.lower >= -3 && ae.bootstrapInterval!.upper <= -1, JSON.stringify(ae.bootstrapInterval));
  assert.ok(ae.bootstrapInterval!.lower < -2 && ae.bootstrapInterval!.upper > -2);
});

test('one matched pair: an estimate without a standard error or intervals', () => {
  const result = estimateDifferenceInDifferences(pairs.slice(0, 1));
  const ae = result.outcomes.find((o) => o.outcome === 'aeAttendances')!;
  assert.equal(ae.difference, -2);
  assert.equal(ae.standardError, null);
  assert.equal(ae.confidenceInterval, null);
  assert.equal(ae.bootstrapInterval, null);
  assert.equal(result.bootstrap, null);
});

test('no matched sets is a clear error', () => {
  assert.throws(() => estimateDifferenceInDifferences([]), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_MATCHES' });
});

test("Student's t quantiles match the published tables", () => {
  // Two-sided 95% (the 0.975 quantile) from standard tables, and 90% for df = 10.
  const table: Array<[number, number, number]> = [
    [0.95, 1, 12.7062],
    [0.95, 2, 4.3027],
    [0.95, 3, 3.1824],
    [0.95, 5, 2.5706],
    [0.95, 10, 2.2281],
    [0.95, 29, 2.0452],
    [0.95, 30, 2.0423],
    [0.95, 120, 1.9799],
    [0.9, 10, 1.8125],
    [0.99, 20, 2.8453],
  ];
  for (const [level, df, expected] of table) close(studentTQuantile(level, df), expected, 5e-5);
  close(studentTQuantile(0.95, 200_000), 1.959964, 2e-5);
});

test('percentile quantiles interpolate between order statistics (Hyndman and Fan type 7)', () => {
  const sorted = Float64Array.from([1, 2, 3, 4]);
  close(quantileOfSorted(sorted, 0), 1);
  close(quantileOfSorted(sorted, 0.5), 2.5);
  close(quantileOfSorted(sorted, 0.025), 1.075);
  close(quantileOfSorted(sorted, 1), 4);
});

test('the seeded generator repeats from its seed and is roughly uniform', () => {
  const a = createSeededRandom(42);
  const b = createSeededRandom(42);
  const first = Array.from({ length: 5 }, () => a());
  assert.deepEqual(first, Array.from({ length: 5 }, () => b()));
  assert.notDeepEqual(first, Array.from({ length: 5 }, createSeededRandom(43)));
  const random = createSeededRandom(1);
  let sum = 0;
  for (let i = 0; i < 100_000; i++) {
    const u = random();
    assert.ok(u >= 0 && u < 1);
    sum += u;
  }
  close(sum / 100_000, 0.5, 0.005);
});

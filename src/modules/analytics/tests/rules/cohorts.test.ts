import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSeamlessError } from '../../../../kernel/errors.ts';
import {
  cohortVersionId, compileCohort, highRiskCohort, knownToSocialCareCohort, receivingSocialCareCohort, risingRiskCohort,
  validateCohortDefinition, type CohortDefinition,
} from '../../domain/cohorts/cohort-definition.ts';
import { compareCohorts, evaluateCohort, summariseCohorts } from '../../domain/cohorts/compare-cohorts.ts';
import { profileTable } from './profile-table.ts';

// Hand-worked memberships:
//   high risk (pct >= 90):          1 2 3 4 5
//   known to social care:           2 4 6 7
//   receiving social care:          4 6 7
//   rising (pct up >= 10 points):   3 4 7 (8 has no previous scoring; 6 rose 9)
const people = profileTable(`
  id | age | pct | prevpct | risk | prevrisk | known | receiving | segment
  1  | 82  | 98  | 95      | 0.60 | 0.58     |       |           | frail
  2  | 79  | 95  | 92      | 0.45 | 0.44     | y     |           | complex
  3  | 66  | 93  | 70      | 0.40 | 0.20     |       |           | complex
  4  | 90  | 91  | 60      | 0.35 | 0.15     | y     | y         | frail
  5  | 55  | 90  | 89      | 0.30 | 0.30     |       |           | long_term_condition
  6  | 88  | 70  | 61      | 0.12 | 0.10     | y     | y         | frail
  7  | 74  | 60  | 45      | 0.10 | 0.05     | y     | y         | long_term_condition
  8  | 40  | 50  |         | 0.05 |          |       |           | well
`);

const highRisk = compileCohort(highRiskCohort());
const known = compileCohort(knownToSocialCareCohort());
const receiving = compileCohort(receivingSocialCareCohort());
const rising = compileCohort(risingRiskCohort());

test('who is at high risk and NOT known to social care (A minus B)', () => {
  const comparison = compareCohorts(highRisk, known, people);
  assert.deepEqual(comparison.onlyA, [1, 3, 5]);
  assert.deepEqual(comparison.both, [2, 4]);
  assert.deepEqual(comparison.onlyB, [6, 7]);
  assert.deepEqual(comparison.counts, { onlyA: 3, onlyB: 2, both: 2, either: 7, neither: 1 });
  assert.deepEqual([comparison.a.size, comparison.b.size, comparison.population], [5, 4, 8]);
  assert.deepEqual(comparison.overlap, { shareOfAInB: 2 / 5, shareOfBInA: 2 / 4, jaccard: 2 / 7 });
  assert.deepEqual(comparison.messages, []);
  assert.equal(comparison.a.name, 'High risk (top 10% by predicted risk)');
});

test('who receives social care and is at rising risk (A and B)', () => {
  assert.deepEqual(evaluateCohort(rising, people).personIds, [3, 4, 7]);
  assert.deepEqual(compareCohorts(receiving, rising, people).both, [4, 7]);
  // Rising by value as well: 1 rose 0.02, 2 rose 0.01, 6 rose 0.02 (and 9 percentile points): a rise of 0.02 or more adds 1 and 6 (0.12 − 0.10 counts as 0.02, not 0.0199…).
  const risingByValue = compileCohort(risingRiskCohort({ percentilePoints: 10, valueIncrease: 0.02 }));
  assert.deepEqual(evaluateCohort(risingByValue, people).personIds, [1, 3, 4, 6, 7]);
  assert.deepEqual(compareCohorts(receiving, risingByValue, people).both, [4, 6, 7]);
});

test('cohorts read the assigned segment, age and any other criteria', () => {
  const frailOld = compileCohort({
    name: 'Frail, 85 and over', createdBy: 'analyst-1',
    criteria: { all: [{ field: 'segment', op: '=', value: 'frail' }, { field: 'age', op: '>=', value: 85 }] },
  }, { segmentKeys: ['end_of_life', 'frail', 'complex', 'long_term_condition', 'well'] });
  assert.deepEqual(evaluateCohort(frailOld, people).personIds, [4, 6]);
});

test('a summary: sizes, shares of the population and the overlap of every pair', () => {
  const summary = summariseCohorts([highRisk, known, rising], people);
  assert.equal(summary.population, 8);
  assert.deepEqual(summary.cohorts.map((c) => [c.size, c.shareOfPopulation]), [[5, 5 / 8], [4, 4 / 8], [3, 3 / 8]]);
  assert.deepEqual(summary.overlaps.map((o) => [o.a, o.b, o.both]), [
    [highRisk.name, known.name, 2], [highRisk.name, rising.name, 2], [known.name, rising.name, 2],
  ]);
  assert.deepEqual(summary.overlaps.map((o) => o.jaccard), [2 / 7, 2 / 6, 2 / 5]);
});

test('an empty cohort definition is an error, not "everyone"', () => {
  for (const criteria of [undefined, {}, { all: [] }, { any: [] }]) {
    const definition = { name: 'Nobody said', createdBy: 'analyst-1', criteria } as unknown as CohortDefinition;
    const problems = validateCohortDefinition(definition);
    assert.deepEqual(problems.map((p) => [p.path, p.code]), [['criteria', 'empty_cohort']], JSON.stringify(criteria));
    assert.match(problems[0]!.message, /the cohort 'Nobody said' has no criteria; add at least one/);
    assert.throws(() => compileCohort(definition), (error: unknown) =>
      isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_EMPTY_COHORT' && error.status === 400);
  }
  assert.throws(() => compileCohort({ name: '', createdBy: 'a', criteria: { field: 'agee', op: '>', value: 1 } }), (error: unknown) =>
    isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_INVALID_COHORT' && /name: the cohort needs a name/.test(error.message));
});

test('a cohort that matches nobody gives a clear message and no division by zero', () => {
  const centenarians = compileCohort({ name: 'Aged 100+', createdBy: 'analyst-1', criteria: { field: 'age', op: '>=', value: 100 } });
  const membership = evaluateCohort(centenarians, people);
  assert.equal(membership.size, 0);
  assert.equal(membership.message, "Cohort 'Aged 100+' matches nobody among 8 people; check its criteria");
  const comparison = compareCohorts(centenarians, known, people);
  assert.deepEqual(comparison.overlap, { shareOfAInB: null, shareOfBInA: 0, jaccard: 0 });
  assert.deepEqual(comparison.messages, ["Cohort 'Aged 100+' matches nobody among 8 people; check its criteria, so there is nothing to compare it with"]);
  const overNobody = compareCohorts(highRisk, known, []);
  assert.deepEqual(overNobody.overlap, { shareOfAInB: null, shareOfBInA: null, jaccard: null });
  assert.deepEqual(overNobody.messages, ['There are no people to compare the cohorts over']);
  assert.equal(summariseCohorts([centenarians], []).cohorts[0]!.shareOfPopulation, null);
});

test('a cohort that can never match is refused when it is saved', () => {
  const problems = validateCohortDefinition({
    name: 'Impossible', createdBy: 'analyst-1',
    criteria: { all: [{ field: 'age', op: '>=', value: 80 }, { field: 'age', op: '<', value: 65 }] },
  });
  assert.deepEqual(problems.map((p) => [p.path, p.code]), [['criteria', 'contradictory']]);
});

test('versioning: the version is the criteria; renaming keeps it, changing a threshold does not', () => {
  const a = highRiskCohort(90);
  assert.match(cohortVersionId(a), /^coh-[0-9a-f]{16}$/);
  const renamed: CohortDefinition = { ...a, name: 'Top decile' };
  assert.equal(cohortVersionId(renamed), cohortVersionId(a));
  assert.notEqual(cohortVersionId(highRiskCohort(95)), cohortVersionId(a));
  assert.equal(compileCohort(a).versionId, cohortVersionId(a));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSeededRandom } from '../../domain/evaluation/difference-in-differences.ts';
import type { EvaluationPerson, OutcomeMeasures } from '../../domain/evaluation/evaluation-input.ts';
import { ageBand, assessBalance, matchComparisonGroup, type MatchedSet } from '../../domain/evaluation/matching.ts';
import type { SexCode } from '../../domain/person-facts.ts';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

const none: OutcomeMeasures = { aeAttendances: 0, emergencyAdmissions: 0, bedDays: 0, socialCareCostPence: 0 };
function person(personId: number, fields: { age?: number; sex?: SexCode; risk?: number; indexDate?: string; priorAe?: number } = {}): EvaluationPerson {
  return {
    personId,
    indexDate: fields.indexDate ?? '2024-04-01',
    age: fields.age ?? 80,
    sex: fields.sex ?? '2',
    riskScore: fields.risk ?? 0.5,
    before: { ...none, aeAttendances: fields.priorAe ?? 0 },
    after: { ...none },
  };
}
const controlIds = (result: ReturnType<typeof matchComparisonGroup>) =>
  Object.fromEntries(result.sets.map((set) => [set.case.personId, set.controls.map((c) => c.personId)]));
const riskOnly = { covariates: ['riskScore'] as const, ageBandYears: null };
const noCalipers = { caliper: null, riskCaliper: null };

test('age bands: 5-year bands with 90+ open', () => {
  assert.equal(ageBand(79, 5), '75-79');
  assert.equal(ageBand(80, 5), '80-84');
  assert.equal(ageBand(89, 5), '85-89');
  assert.equal(ageBand(90, 5), '90+');
  assert.equal(ageBand(104, 5), '90+');
  assert.equal(ageBand(7, 10), '0-9');
});

test('caliper and matching without replacement: the nearest candidate goes to one case only, a far one is never used', () => {
  // Risk only. Pooled SD = √((var[0.50, 0.52] + var[0.51, 0.99])/2) = √((0.0002 + 0.1152)/2) = 0.240208.
  // Case 2 (higher risk) chooses first: candidate 11 at |0.52 − 0.51|/0.240208 = 0.041631, inside the 0.2 caliper.
  // Case 1 is left with candidate 12 at 0.49/0.240208 = 2.04 SD: outside, so unmatched, because its
  // only candidate within the caliper was used.
  const input = {
    intervention: [person(1, { risk: 0.5 }), person(2, { risk: 0.52 })],
    candidates: [person(11, { risk: 0.51 }), person(12, { risk: 0.99 })],
  };
  const result = matchComparisonGroup(input, riskOnly);
  close(result.options.riskCaliper, 0.2);
  assert.equal(result.options.caliper, null);
  assert.deepEqual(controlIds(result), { 2: [11] });
  close(result.sets[0]!.distances[0], 0.01 / Math.sqrt((0.0002 + 0.1152) / 2), 1e-12);
  assert.deepEqual(result.unmatched, [{ personId: 1, indexDate: '2024-04-01', reason: 'candidates_used_up' }]);

  // Without a caliper case 1 takes the far candidate.
  assert.deepEqual(controlIds(matchComparisonGroup(input, { ...riskOnly, ...noCalipers })), { 1: [12], 2: [11] });

  // With only the far candidate on offer, the reason is the caliper.
  const far = matchComparisonGroup({ intervention: [person(1, { risk: 0.5 }), person(2, { risk: 0.52 })], candidates: [person(12, { risk: 0.99 }), person(13, { risk: 0.98 })] }, riskOnly);
  assert.deepEqual(far.sets, []);
  assert.deepEqual(far.unmatched.map((u) => u.reason), ['none_within_caliper', 'none_within_caliper']);
});

test('without replacement: more cases than candidates leaves the rest unmatched, and a person with several index-date rows is used once', () => {
  const result = matchComparisonGroup(
    {
      intervention: [person(1), person(2), person(3)],
      // Person 20 is observed at two index dates; with indexPeriod 'any' both rows are in the stratum.
      candidates: [person(20, { indexDate: '2024-04-01' }), person(20, { indexDate: '2024-05-01' }), person(21)],
    },
    { ...noCalipers, indexPeriod: 'any' },
  );
  const used = result.sets.flatMap((set) => set.controls.map((c) => c.personId));
  assert.deepEqual(used.sort(), [20, 21]);
  assert.equal(result.unmatched.length, 1);
  assert.equal(result.unmatched[0]!.reason, 'candidates_used_up');
});

test('equal distances are broken by person key, whatever the input order', () => {
  const candidates = [person(30), person(10), person(20)];
  const a = matchComparisonGroup({ intervention: [person(1)], candidates });
  const b = matchComparisonGroup({ intervention: [person(1)], candidates: [...candidates].reverse() });
  assert.deepEqual(controlIds(a), { 1: [10] });
  assert.deepEqual(controlIds(b), { 1: [10] });
});

test('exact on sex, age band and index month', () => {
  const man = person(11, { sex: '1' });
  const sameDay = { intervention: [person(1, { risk: 0.5 })], candidates: [man, person(12, { risk: 0.9 })] };
  // The man is nearer on risk but never a match for a woman, even with no caliper.
  const bySex = matchComparisonGroup(sameDay, { ...riskOnly, ...noCalipers });
  assert.deepEqual(controlIds(bySex), { 1: [12] });

  const byBand = matchComparisonGroup({ intervention: [person(1, { age: 79 })], candidates: [person(11, { age: 80 })] });
  assert.deepEqual(byBand.unmatched.map((u) => u.reason), ['no_candidates_in_stratum']);
  assert.deepEqual(controlIds(matchComparisonGroup({ intervention: [person(1, { age: 79 })], candidates: [person(11, { age: 80 })] }, { ageBandYears: null, ...noCalipers })), { 1: [11] });

  const byMonth = { intervention: [person(1, { indexDate: '2024-05-10' })], candidates: [person(11, { indexDate: '2024-04-01' }), person(12, { indexDate: '2024-05-01' })] };
  assert.deepEqual(controlIds(matchComparisonGroup(byMonth)), { 1: [12] });
  const onlyApril = { ...byMonth, candidates: [person(11, { indexDate: '2024-04-01' })] };
  assert.deepEqual(matchComparisonGroup(onlyApril).unmatched.map((u) => u.reason), ['no_candidates_in_stratum']);
  assert.deepEqual(controlIds(matchComparisonGroup(onlyApril, { indexPeriod: 'any' })), { 1: [11] });
});

test('people who received the intervention are never comparisons', () => {
  const result = matchComparisonGroup({ intervention: [person(1), person(2, { risk: 0.6 })], candidates: [person(2), person(3)] }, { ...noCalipers });
  assert.equal(result.excludedCandidateRows, 1);
  assert.equal(result.candidateRows, 1);
  assert.deepEqual(controlIds(result), { 2: [3] });
});

test('1:k matches in rounds, so every case gets a first control before any gets a second', () => {
  // Case H (0.8) chooses first: candidate 0.79. Case L (0.2) then takes 0.5, its nearest. In round two H
  // finds nothing left. Choosing two at once would have given H both and left L with none.
  const result = matchComparisonGroup(
    { intervention: [person(1, { risk: 0.8 }), person(2, { risk: 0.2 })], candidates: [person(11, { risk: 0.79 }), person(12, { risk: 0.5 })] },
    { ...riskOnly, ...noCalipers, controlsPerCase: 2 },
  );
  assert.deepEqual(controlIds(result), { 1: [11], 2: [12] });

  const plenty = matchComparisonGroup(
    { intervention: [person(1, { risk: 0.8 }), person(2, { risk: 0.2 })], candidates: [0.79, 0.78, 0.5, 0.21, 0.22].map((risk, i) => person(11 + i, { risk })) },
    { ...riskOnly, ...noCalipers, controlsPerCase: 2 },
  );
  assert.deepEqual(controlIds(plenty), { 1: [11, 12], 2: [14, 15] });
});

test('matching is deterministic: the same matches whatever the order of the input', () => {
  const random = createSeededRandom(2024);
  const make = (id: number, treated: boolean) =>
    person(id, {
      age: 65 + Math.floor(random() * 30),
      sex: random() < 0.55 ? '2' : '1',
      // Coarse risk so that many candidates tie and the tie-break matters.
      risk: Math.round((treated ? 0.3 + random() * 0.6 : random() * random()) * 20) / 20,
      priorAe: Math.floor(random() * 4),
    });
  const intervention = Array.from({ length: 200 }, (_, i) => make(i + 1, true));
  const candidates = Array.from({ length: 5000 }, (_, i) => make(10_000 + i, false));
  const shuffle = <T>(items: T[], seed: number): T[] => {
    const r = createSeededRandom(seed);
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  const first = matchComparisonGroup({ intervention, candidates }, { controlsPerCase: 2 });
  const second = matchComparisonGroup({ intervention: shuffle(intervention, 1), candidates: shuffle(candidates, 2) }, { controlsPerCase: 2 });
  assert.ok(first.sets.length > 100);
  assert.deepEqual(controlIds(second), controlIds(first));
  assert.deepEqual(second.unmatched, first.unmatched);
  assert.deepEqual(second.balance, first.balance);
  const used = first.sets.flatMap((set) => set.controls.map((c) => c.personId));
  assert.equal(new Set(used).size, used.length, 'no candidate is used twice');
});

test('the nearest neighbour found by the windowed search is the nearest by brute force, with and without the risk caliper', () => {
  const random = createSeededRandom(99);
  const make = (id: number) => person(id, { age: 75 + Math.floor(random() * 5), risk: random(), priorAe: Math.floor(random() * 5) });
  const intervention = Array.from({ length: 40 }, (_, i) => make(i + 1));
  const candidates = Array.from({ length: 2000 }, (_, i) => make(1000 + i));
  // Re-derive the scales and check each case's control against every candidate still available when it chose.
  const variance = (values: number[]) => {
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    return values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1);
  };
  const scale = (get: (p: EvaluationPerson) => number) => Math.sqrt((variance(intervention.map(get)) + variance(candidates.map(get))) / 2);
  const getters = [(p: EvaluationPerson) => p.age, (p: EvaluationPerson) => p.riskScore, (p: EvaluationPerson) => p.before.aeAttendances];
  const scales = getters.map(scale);
  const distance = (a: EvaluationPerson, b: EvaluationPerson) => Math.sqrt(getters.reduce((sum, get, j) => sum + ((get(a) - get(b)) / scales[j]!) ** 2, 0));
  for (const riskCaliper of [null, 0.05]) {
    const result = matchComparisonGroup({ intervention, candidates }, { caliper: null, riskCaliper, covariates: ['age', 'riskScore', 'priorAeAttendances'] });
    const eligible = (a: EvaluationPerson, b: EvaluationPerson) => riskCaliper === null || Math.abs(a.riskScore - b.riskScore) / scales[1]! <= riskCaliper;
    const order = [...intervention].sort((a, b) => b.riskScore - a.riskScore);
    const taken = new Set<number>();
    let matched = 0;
    for (const c of order) {
      const available = candidates.filter((candidate) => !taken.has(candidate.personId) && eligible(c, candidate));
      const set = result.sets.find((s) => s.case.personId === c.personId);
      if (available.length === 0) {
        assert.equal(set, undefined);
        continue;
      }
      const best = Math.min(...available.map((candidate) => distance(c, candidate)));
      close(set!.distances[0], best, 1e-12);
      close(distance(c, set!.controls[0]!), best, 1e-12);
      taken.add(set!.controls[0]!.personId);
      matched++;
    }
    assert.equal(result.sets.length, matched);
  }
});

test('standardised mean differences on a hand example, before and after matching', () => {
  // Age: intervention 70, 80 (mean 75, variance 50); candidates 60, 70, 80 (mean 70, variance 100).
  //   Pooled SD = √((50 + 100)/2) = √75 = 8.660254; SMD before = (75 − 70)/8.660254 = 0.577350.
  // Female: intervention 1 of 2 (p = 0.5); candidates 2 of 3 (p = 2/3).
  //   Pooled SD = √((0.5·0.5 + (2/3)(1/3))/2) = √0.236111 = 0.485913; SMD before = (0.5 − 0.666667)/0.485913 = −0.342997.
  // After matching: the 80-year-old has controls aged 80 and 70 (weighted mean 75), the 70-year-old one
  //   aged 60; comparison mean (75 + 60)/2 = 67.5, SMD after = (75 − 67.5)/8.660254 = 0.866025, still
  //   over the pre-matching pooled SD.
  const a = person(1, { age: 70, sex: '2' });
  const b = person(2, { age: 80, sex: '1' });
  const c60 = person(11, { age: 60, sex: '2' });
  const c70 = person(12, { age: 70, sex: '2' });
  const c80 = person(13, { age: 80, sex: '1' });
  const sets: MatchedSet[] = [
    { case: b, controls: [c80, c70], distances: [0, 0] },
    { case: a, controls: [c60], distances: [0] },
  ];
  const balance = assessBalance([a, b], [c60, c70, c80], sets);
  const age = balance.find((row) => row.covariate === 'age')!;
  close(age.pooledSd, Math.sqrt(75));
  close(age.beforeMatching.smd, 0.57735, 1e-5);
  close(age.afterMatching.comparisonMean, 67.5);
  close(age.afterMatching.smd, 0.866025, 1e-6);
  const female = balance.find((row) => row.covariate === 'female')!;
  close(female.pooledSd, 0.485913, 1e-6);
  close(female.beforeMatching.smd, -0.342997, 1e-6);
  // After: cases 1 of 2 female; comparison ((0 + 1)/2 + 1)/2 = 0.75; (0.5 − 0.75)/0.485913 = −0.514496.
  close(female.afterMatching.smd, -0.514496, 1e-6);
  // A covariate nobody varies on: SMD 0, not NaN.
  assert.equal(balance.find((row) => row.covariate === 'priorBedDays')!.beforeMatching.smd, 0);
});

test('bad options and empty inputs are clear errors', () => {
  assert.throws(() => matchComparisonGroup({ intervention: [], candidates: [person(2)] }), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_EMPTY_COHORT' });
  assert.throws(() => matchComparisonGroup({ intervention: [person(1)], candidates: [] }), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_CANDIDATES' });
  const input = { intervention: [person(1)], candidates: [person(2)] };
  assert.throws(() => matchComparisonGroup(input, { controlsPerCase: 0 }), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_OPTIONS' });
  assert.throws(() => matchComparisonGroup(input, { caliper: -1 }), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_OPTIONS' });
  assert.throws(() => matchComparisonGroup(input, { riskCaliper: 0 }), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_OPTIONS' });
  assert.throws(() => matchComparisonGroup(input, { covariates: [] }), { code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_OPTIONS' });
});

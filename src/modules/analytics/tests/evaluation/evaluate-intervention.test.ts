import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSeededRandom } from '../../domain/evaluation/difference-in-differences.ts';
import { evaluateIntervention } from '../../domain/evaluation/evaluate-intervention.ts';
import type { EvaluationPerson, OutcomeMeasures } from '../../domain/evaluation/evaluation-input.ts';

/** Poisson draw by Knuth's multiplication method (fine for the small means used here). */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

/**
 * A simulated place where the truth is known. Each person has an underlying A&E rate λ set by their risk
 * score and age; the before window draws from λ, the after window from 1.2·λ (use is rising everywhere),
 * and the intervention lowers the after-window mean by exactly 0.5 attendances per person. People are
 * picked for the intervention more often when their risk is high *and* when their before-window A&E was
 * high, as case finding does: those people would fall back towards λ anyway (regression to the mean),
 * so a before/after look at the intervention group alone is badly wrong, and only a comparison matched
 * on prior use recovers the effect. Admissions, bed days and social care cost have no effect.
 */
function simulatePlace(seed: number, size: number) {
  const random = createSeededRandom(seed);
  const intervention: EvaluationPerson[] = [];
  const candidates: EvaluationPerson[] = [];
  for (let id = 1; id <= size; id++) {
    const age = 65 + Math.floor(random() * 30);
    const sex = random() < 0.55 ? '2' : '1';
    const riskScore = random() * random();
    const lambda = 0.5 + 4 * riskScore + 0.02 * (age - 65);
    const beforeAe = poisson(random, lambda);
    const odds = Math.exp(-7 + 4 * riskScore + 0.3 * beforeAe);
    const treated = random() < odds / (1 + odds);
    const afterAe = poisson(random, lambda - (treated ? 0.5 : 0));
    const window = (): OutcomeMeasures => {
      const admissions = poisson(random, 0.4 * lambda);
      let bedDays = 0;
      for (let a = 0; a < admissions; a++) bedDays += 1 + poisson(random, 4);
      const receivesCare = random() < 0.2 + 0.5 * riskScore;
      return { aeAttendances: 0, emergencyAdmissions: admissions, bedDays, socialCareCostPence: receivesCare ? 26 * Math.round(20_000 + random() * 60_000) : 0 };
    };
    const before = { ...window(), aeAttendances: beforeAe };
    const after = { ...window(), aeAttendances: afterAe };
    const person: EvaluationPerson = { personId: id, indexDate: '2024-04-01', age, sex, riskScore, before, after };
    (treated ? intervention : candidates).push(person);
  }
  return { intervention, candidates };
}

test('a simulated intervention that cuts A&E by 0.5 per person is recovered within the confidence interval', () => {
  const input = simulatePlace(12345, 100_000);
  assert.ok(input.intervention.length > 500, `${input.intervention.length} treated`);
  const result = evaluateIntervention(input);

  const ae = result.outcomes.find((o) => o.outcome === 'aeAttendances')!;
  assert.ok(ae.confidenceInterval!.lower <= -0.5 && -0.5 <= ae.confidenceInterval!.upper, `true effect −0.5 outside the t interval ${JSON.stringify(ae.confidenceInterval)}`);
  assert.ok(ae.bootstrapInterval!.lower <= -0.5 && -0.5 <= ae.bootstrapInterval!.upper, `true effect −0.5 outside the bootstrap interval ${JSON.stringify(ae.bootstrapInterval)}`);
  assert.ok(ae.confidenceInterval!.upper < 0, 'the effect is detected');
  // The naive before/after in the intervention group alone is nowhere near −0.5: regression to the mean.
  assert.ok(Math.abs(ae.intervention.meanChange - -0.5) > 0.5, `naive change ${ae.intervention.meanChange}`);

  assert.ok(result.matchedPairs >= 0.9 * result.interventionPeople, `${result.matchedPairs} of ${result.interventionPeople} matched`);
  assert.equal(result.matchedPairs + result.unmatched.length, result.interventionPeople);
  for (const row of result.balance) {
    assert.ok(Math.abs(row.afterMatching.smd!) < 0.1, `${row.covariate} SMD after matching ${row.afterMatching.smd}`);
  }
  const poorBefore = result.balance.filter((row) => Math.abs(row.beforeMatching.smd!) >= 0.1).map((row) => row.covariate);
  assert.ok(poorBefore.includes('riskScore') && poorBefore.includes('priorAeAttendances'), 'the cohort was selected on risk and prior use');
  assert.deepEqual(result.warnings.map((w) => w.code).filter((c) => c !== 'unmatched_intervention'), []);

  const cost = result.outcomes.find((o) => o.outcome === 'socialCareCostPence')!;
  assert.ok(Number.isSafeInteger(cost.intervention.totalBefore) && Number.isSafeInteger(cost.comparison.totalAfter));
  assert.equal(result.method.bootstrap?.resamples, 2000);
});

test('the same input gives the same evaluation, bootstrap included', () => {
  const input = simulatePlace(7, 5000);
  const reordered = { intervention: [...input.intervention].reverse(), candidates: [...input.candidates].reverse() };
  assert.deepEqual(evaluateIntervention(reordered), evaluateIntervention(input));
});

const none: OutcomeMeasures = { aeAttendances: 0, emergencyAdmissions: 0, bedDays: 0, socialCareCostPence: 0 };
const person = (personId: number, riskScore = 0.5, ae: [number, number] = [2, 1]): EvaluationPerson => ({
  personId,
  indexDate: '2024-04-01',
  age: 80,
  sex: '2',
  riskScore,
  before: { ...none, aeAttendances: ae[0] },
  after: { ...none, aeAttendances: ae[1] },
});

test('an empty intervention cohort is a clear error', () => {
  assert.throws(() => evaluateIntervention({ intervention: [], candidates: [person(2)] }), (error: Error & { code?: string; status?: number }) => {
    assert.equal(error.code, 'SEAMLESS_ERR_ANALYTICS_EVALUATION_EMPTY_COHORT');
    assert.equal(error.status, 400);
    assert.match(error.message, /intervention cohort is empty/);
    return true;
  });
});

test('no comparison candidates is a clear error', () => {
  assert.throws(() => evaluateIntervention({ intervention: [person(1)], candidates: [] }), {
    code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_CANDIDATES',
    message: /no comparison candidates/,
  });
  assert.throws(() => evaluateIntervention({ intervention: [person(1)], candidates: [person(1)] }), {
    code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_CANDIDATES',
    message: /also received the intervention/,
  });
});

test('candidates but nobody within the caliper is a clear error that says why', () => {
  const input = { intervention: [person(1, 0.1), person(2, 0.11)], candidates: [person(3, 0.9), person(4, 0.95)] };
  assert.throws(() => evaluateIntervention(input, { matching: { covariates: ['riskScore'] } }), (error: Error & { code?: string; details?: Record<string, unknown> }) => {
    assert.equal(error.code, 'SEAMLESS_ERR_ANALYTICS_EVALUATION_NO_MATCHES');
    assert.deepEqual(error.details, { unmatchedByReason: { no_candidates_in_stratum: 0, none_within_caliper: 2, candidates_used_up: 0 } });
    return true;
  });
});

test('malformed rows are reported by group, row and what is wrong', () => {
  const halfPenny = { ...person(2), after: { ...none, socialCareCostPence: 12.5 } };
  assert.throws(() => evaluateIntervention({ intervention: [person(1)], candidates: [halfPenny] }), {
    code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_PERSON',
    message: /Row 0 of candidates \(person 2\): after\.socialCareCostPence is 12\.5.*integer pence/,
  });
  assert.throws(() => evaluateIntervention({ intervention: [person(1), person(1)], candidates: [person(2)] }), {
    code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_PERSON',
    message: /more than once/,
  });
  assert.throws(() => evaluateIntervention({ intervention: [{ ...person(1), indexDate: '2024-02-30' }], candidates: [person(2)] }), {
    code: 'SEAMLESS_ERR_ANALYTICS_EVALUATION_INVALID_PERSON',
  });
});

test('few pairs, unmatched people and poor balance each give a warning; one pair gives no interval', () => {
  // Five identical cases and four identical candidates: one case is left over.
  const input = {
    intervention: [1, 2, 3, 4, 5].map((id) => person(id, 0.5)),
    candidates: [11, 12, 13, 14].map((id) => person(id, 0.5, [2, 2])),
  };
  const result = evaluateIntervention(input, { matching: { covariates: ['riskScore'] } });
  assert.equal(result.matchedPairs, 4);
  assert.deepEqual(result.unmatched, [{ personId: 5, indexDate: '2024-04-01', reason: 'candidates_used_up' }]);
  assert.deepEqual(result.warnings.map((w) => w.code), ['few_matched_sets', 'unmatched_intervention']);
  const ae = result.outcomes.find((o) => o.outcome === 'aeAttendances')!;
  assert.equal(ae.difference, -1); // each pair: (1 − 2) − (2 − 2)

  const single = evaluateIntervention({ intervention: [person(1)], candidates: [person(2, 0.5, [2, 2])] });
  assert.deepEqual(single.warnings.map((w) => w.code), ['no_uncertainty']);
  assert.equal(single.outcomes[0]!.confidenceInterval, null);

  // Matched on risk only, with no caliper: the control is far older, so age is out of balance.
  const old = { ...person(12, 0.5), age: 94 };
  const unbalanced = evaluateIntervention(
    { intervention: [person(1), { ...person(2), age: 70 }], candidates: [old, { ...person(13), age: 95 }] },
    { matching: { covariates: ['riskScore'], caliper: null, ageBandYears: null }, minimumMatchedSets: 0 },
  );
  const poor = unbalanced.warnings.find((w) => w.code === 'poor_balance');
  assert.ok(poor, JSON.stringify(unbalanced.warnings));
  assert.match(poor.message, /age/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSeamlessError } from '../../../../kernel/errors.ts';
import { buildCaseFindingList, compileTriggerRules } from '../../domain/triggers/find-cases.ts';
import { buildTriggerRuleSet, DEFAULT_TRIGGER_RULES, triggerRulesVersionId, type TriggerRuleSet } from '../../domain/triggers/trigger-rules.ts';
import { validateTriggerRules } from '../../domain/triggers/validate-trigger-rules.ts';
import { profileTable } from './profile-table.ts';

const defaults = compileTriggerRules(DEFAULT_TRIGGER_RULES);

test('each default rule at its threshold edge: one below does not trigger, the threshold does', () => {
  // rule | column | below | at
  const spec: Array<[string, string, number, number]> = [
    ['unplanned_admissions', 'emerg', 1, 2],
    ['falls', 'falls', 1, 2],
    ['polypharmacy', 'meds', 4, 5],
    ['frequent_ae_attender', 'ae', 4, 5],
  ];
  for (const [rule, column, below, at] of spec) {
    const [under, edge] = profileTable(`
      id | pct | ${column}
      1  | 95  | ${below}
      2  | 95  | ${at}
    `);
    assert.equal(defaults.evaluate(under!), null, `${rule}: ${below} does not trigger`);
    assert.deepEqual(defaults.evaluate(edge!)?.rulesMet.map((r) => r.key), [rule], `${rule}: ${at} triggers`);
  }
  const [one, two] = profileTable(`
    id | pct | ltcs          | unstable
    1  | 95  | copd+ckd      | copd
    2  | 95  | copd+ckd      | copd+ckd
  `);
  assert.equal(defaults.evaluate(one!), null, 'one unstable condition does not trigger');
  assert.deepEqual(defaults.evaluate(two!)?.rulesMet.map((r) => r.key), ['unstable_conditions']);
});

test('each hit is explained in plain words with its threshold', () => {
  const [person] = profileTable(`
    id | pct | risk | emerg | falls | unstable | meds | ae
    7  | 96  | 0.42 | 3     | 2     | copd+ckd | 9    | 6
  `);
  assert.deepEqual(defaults.evaluate(person!), {
    personId: 7,
    riskValue: 0.42,
    riskPercentile: 96,
    segment: null,
    rulesMet: [
      { key: 'unplanned_admissions', label: '2 or more unplanned admissions in the past year', explanation: '3 emergency admissions in the past year (threshold 2)' },
      { key: 'falls', label: '2 or more falls in the past year', explanation: '2 falls in the past year (threshold 2)' },
      { key: 'unstable_conditions', label: '2 or more unstable long-term conditions', explanation: '2 unstable long-term conditions (threshold 2)' },
      { key: 'polypharmacy', label: '5 or more medications', explanation: '9 current medications (threshold 5)' },
      { key: 'frequent_ae_attender', label: 'Frequent A&E attender (5 or more attendances in the past year)', explanation: '6 A&E attendances in the past year (threshold 5)' },
    ],
  });
});

const place = profileTable(`
  id | practice | locality | pct | risk | emerg | falls | meds | ae | dead
  1  | A81001   | NORTH    | 99  | 0.61 | 2     |       | 5    |    |
  2  | A81001   | NORTH    | 93  | 0.35 | 4     | 3     | 6    |    |
  3  | A81002   | NORTH    | 97  | 0.50 | 2     |       |      |    |
  4  | A81002   | SOUTH    | 91  | 0.30 |       | 2     | 5    |    |
  5  | B82001   | SOUTH    | 89  | 0.25 | 5     | 5     | 10   | 9  |
  6  | B82001   | SOUTH    | 95  | 0.45 |       |       | 2    |    |
  7  | B82001   | SOUTH    | 98  | 0.70 | 3     | 2     |      |    | y
  8  | A81001   | NORTH    |     |      | 2     |       |      |    |
  9  | A81002   | NORTH    | 92  |      | 3     |       |      |    |
`);

test('the case-finding list: top 10% only, living people only, most rules first, then highest risk', () => {
  const list = buildCaseFindingList(defaults, place);
  // 5 is below the 90th percentile, 7 has died, 8 has not been scored; 6 met no rule.
  assert.equal(list.screened, 6);
  assert.deepEqual(list.entries.map((e) => [e.personId, e.rulesMet.length]), [[2, 3], [1, 2], [4, 2], [3, 1], [9, 1]]);
  assert.equal(list.ruleSetVersion, defaults.versionId);
  assert.equal(list.ruleSetLabel, 'Case finding (Seamless default)');
  assert.deepEqual(buildCaseFindingList(defaults, place, { limit: 2 }).entries.map((e) => e.personId), [2, 1]);
});

test('a team sees only its own practices or locality', () => {
  const practiceTeam = buildCaseFindingList(defaults, place, { team: { field: 'gpPracticeCode', op: 'in', value: ['A81002'] } });
  assert.deepEqual(practiceTeam.entries.map((e) => e.personId), [4, 3, 9]);
  assert.equal(practiceTeam.screened, 3);
  const southTeam = buildCaseFindingList(defaults, place, { team: { field: 'localityCode', op: '=', value: 'SOUTH' } });
  assert.deepEqual(southTeam.entries.map((e) => e.personId), [4]);
  assert.throws(() => buildCaseFindingList(defaults, place, { team: { field: 'practice', op: '=', value: 'A81001' } }),
    (error: unknown) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_INVALID_CRITERIA' && /unknown field 'practice'/.test(error.message));
});

test('thresholds are configurable, and the cohort is criteria', () => {
  const [fourAe] = profileTable(`
    id | pct | ae
    1  | 95  | 4
  `);
  assert.equal(defaults.evaluate(fourAe!), null);
  const local = compileTriggerRules(buildTriggerRuleSet({ aeAttendances: 4 }));
  assert.deepEqual(local.evaluate(fourAe!)?.rulesMet.map((r) => r.explanation), ['4 A&E attendances in the past year (threshold 4)']);

  const top20 = compileTriggerRules({ ...DEFAULT_TRIGGER_RULES, cohort: { field: 'riskPercentile', op: '>=', value: 80 } });
  assert.deepEqual(buildCaseFindingList(top20, place).entries.map((e) => e.personId), [5, 2, 1, 4, 3, 9]);
});

test('versioning: same rules give the same id; a changed threshold gives a new one', () => {
  assert.match(defaults.versionId, /^trg-[0-9a-f]{16}$/);
  assert.equal(triggerRulesVersionId(buildTriggerRuleSet({}, { label: 'Renamed', effectiveFrom: '2027-01-01' })), defaults.versionId);
  assert.equal(triggerRulesVersionId(buildTriggerRuleSet({ emergencyAdmissions: 2 })), defaults.versionId);
  assert.notEqual(triggerRulesVersionId(buildTriggerRuleSet({ emergencyAdmissions: 3 })), defaults.versionId);
  assert.notEqual(triggerRulesVersionId(buildTriggerRuleSet({ cohortRiskPercentile: 95 })), defaults.versionId);
});

test('validation: duplicate rule keys, bad criteria and an empty rule list are refused with clear messages', () => {
  const broken: TriggerRuleSet = {
    label: 'Broken',
    effectiveFrom: '2026-04-01',
    cohort: { field: 'riskPercentile', op: '>=', value: 190 },
    rules: [
      { key: 'falls', label: 'Falls', criteria: { field: 'falls12m', op: '>=', value: 2 } },
      { key: 'falls', label: 'Falls again', criteria: { field: 'falls', op: '>=', value: 2 } },
    ],
  };
  assert.deepEqual(validateTriggerRules(broken).map((p) => [p.path, p.code]), [
    ['cohort', 'contradictory'],
    ['rules[1].key', 'duplicate_key'],
    ['rules[1].criteria.field', 'unknown_field'],
  ]);
  assert.deepEqual(validateTriggerRules({ ...broken, rules: [] }).map((p) => p.code), ['contradictory', 'no_rules']);
  assert.throws(() => compileTriggerRules(broken), (error: unknown) =>
    isSeamlessError(error) && error.code === 'SEAMLESS_ERR_ANALYTICS_INVALID_TRIGGER_RULES' && /rules\[1\]\.key: rule key 'falls' is used by rules\[0\] and rules\[1\]/.test(error.message));
});

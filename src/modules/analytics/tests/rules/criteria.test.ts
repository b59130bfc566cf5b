import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSeamlessError } from '../../../../kernel/errors.ts';
import { compileCriteria } from '../../domain/criteria/compile-criteria.ts';
import { CRITERIA_FIELDS } from '../../domain/criteria/criteria-fields.ts';
import type { Criteria } from '../../domain/criteria/criteria.types.ts';
import { describeCriteria, explainCriteria } from '../../domain/criteria/explain-criteria.ts';
import { canonicalJson, fnv1a64, ruleVersionId } from '../../domain/criteria/rule-version.ts';
import { validateCriteria } from '../../domain/criteria/validate-criteria.ts';
import { idsMatching, profileTable } from './profile-table.ts';

const people = profileTable(`
  id | age | sex | practice | ltcs               | unstable     | emerg | known | efi      | hfrs | pct | prevpct | segment
  1  | 84  | 2   | A81001   | copd+heart_failure | copd         | 3     | y     | severe   | high | 97  | 80      | frail
  2  | 67  | 1   | A81002   | diabetes           |              | 0     | n     | mild     |      | 55  | 60      | long_term_condition
  3  |     | 1   |          |                    |              | 1     | n     |          |      |     |         |
  4  | 79  | 2   | A81001   | copd+diabetes+ckd  | copd+ckd     | 2     | y     | moderate | low  | 91  | 75      | complex
`);

const matches = (tree: Criteria) => idsMatching(people, compileCriteria(tree));

test('criteria select the people the spec table says', () => {
  const spec: Array<[string, Criteria, number[]]> = [
    ['age 80 or over', { field: 'age', op: '>=', value: 80 }, [1]],
    ['age below 80 (unknown age is not below 80)', { field: 'age', op: '<', value: 80 }, [2, 4]],
    ['not (age >= 80) includes unknown age', { not: { field: 'age', op: '>=', value: 80 } }, [2, 3, 4]],
    ['age not recorded', { field: 'age', op: 'isUnknown' }, [3]],
    ['female', { field: 'sex', op: '=', value: '2' }, [1, 4]],
    ['practice in a list', { field: 'gpPracticeCode', op: 'in', value: ['A81001'] }, [1, 4]],
    ['practice not in a list (unrecorded practice is not matched)', { field: 'gpPracticeCode', op: 'notIn', value: ['A81001'] }, [2]],
    ['has COPD', { field: 'longTermConditions', op: 'contains', value: 'copd' }, [1, 4]],
    ['has COPD or diabetes', { field: 'longTermConditions', op: 'containsAny', value: ['copd', 'diabetes'] }, [1, 2, 4]],
    ['has COPD and diabetes', { field: 'longTermConditions', op: 'containsAll', value: ['copd', 'diabetes'] }, [4]],
    ['3 or more LTCs', { field: 'longTermConditions.count', op: '>=', value: 3 }, [4]],
    ['2 or more unstable', { field: 'unstableConditions.count', op: '>=', value: 2 }, [4]],
    ['eFI moderate or severe', { field: 'scores.efi.band', op: 'in', value: ['moderate', 'severe'] }, [1, 4]],
    ['eFI value above 0.3', { field: 'scores.efi.value', op: '>', value: 0.3 }, [1]],
    ['top 10% by risk', { field: 'riskPercentile', op: '>=', value: 90 }, [1, 4]],
    ['risk percentile up 10 or more', { field: 'riskPercentileChange', op: '>=', value: 10 }, [1, 4]],
    ['assigned segment', { field: 'segment', op: '=', value: 'frail' }, [1]],
    ['high risk and not known to social care', {
      all: [{ field: 'riskPercentile', op: '>=', value: 50 }, { not: { field: 'knownToSocialCare', op: '=', value: true } }],
    }, [2]],
    ['any of several (4 parts)', {
      any: [
        { field: 'age', op: '>=', value: 84 }, { field: 'emergencyAdmissions12m', op: '=', value: 1 },
        { field: 'sex', op: '=', value: '9' }, { field: 'scores.hfrs.band', op: '=', value: 'low' },
      ],
    }, [1, 3, 4]],
  ];
  for (const [name, tree, expected] of spec) assert.deepEqual(matches(tree), expected, name);
});

function problemsOf(tree: unknown) {
  return validateCriteria(tree).map((p) => ({ path: p.path, code: p.code, message: p.message }));
}

test('validation: every problem, with a path and a plain message', () => {
  const spec: Array<[string, unknown, string, string, RegExp]> = [
    ['unknown field', { field: 'agee', op: '>=', value: 80 }, '$.field', 'unknown_field', /unknown field 'agee' \(did you mean 'age'\?\)/],
    ['operator the field does not allow', { field: 'age', op: 'contains', value: 80 }, '$.op', 'operator_not_allowed', /'contains' cannot be used on age \(a number\); use one of =, !=, <, <=, >, >=/],
    ['unknown operator', { field: 'age', op: '=>', value: 80 }, '$.op', 'unknown_operator', /unknown operator "=>"/],
    ['wrong value type', { field: 'age', op: '>=', value: '80' }, '$.value', 'invalid_value', /age is compared with a number/],
    ['boolean compared with text', { field: 'knownToSocialCare', op: '=', value: 'yes' }, '$.value', 'invalid_value', /true or false/],
    ['unknown band for a score', { field: 'scores.efi.band', op: 'in', value: ['moderate', 'high'] }, '$.value[1]', 'unknown_band', /unknown electronic Frailty Index band 'high'; bands are fit, mild, moderate, severe/],
    ['band of a score without bands', { field: 'scores.charlson.band', op: '=', value: 'high' }, '$.field', 'score_has_no_bands', /charlson has no bands; compare scores.charlson.value/],
    ['unknown score', { field: 'scores.frailty.value', op: '>', value: 1 }, '$.field', 'unknown_field', /unknown score 'frailty'/],
    ['empty all', { all: [] }, '$.all', 'empty_group', /would match everyone/],
    ['empty any', { any: [] }, '$.any', 'empty_group', /would match nobody/],
    ['unknown condition key', { every: [] }, '$', 'unknown_key', /unknown condition key 'every'/],
    ['misspelt leaf key', { field: 'age', op: 'isKnown', valeu: 1 }, '$.valeu', 'unknown_key', /unknown condition key 'valeu'/],
    ['two kinds in one condition', { all: [{ field: 'age', op: 'isKnown' }], field: 'age' }, '$', 'ambiguous_condition', /both 'all' and 'field'/],
    ['not an object', { all: ['age >= 80'] }, '$.all[0]', 'invalid_shape', /must be an object/],
    ['presence test with a value', { field: 'age', op: 'isKnown', value: true }, '$.value', 'invalid_value', /takes no value/],
    ['presence test on a field always recorded', { field: 'falls12m', op: 'isUnknown' }, '$.op', 'operator_not_allowed', /cannot be used on falls12m/],
    ['empty list for in', { field: 'gpPracticeCode', op: 'in', value: [] }, '$.value', 'invalid_value', /non-empty list/],
    ['unknown sex code', { field: 'sex', op: '=', value: 'F' }, '$.value', 'invalid_value', /'F' is not a value of sex; values are 1, 2, 9, X/],
  ];
  for (const [name, tree, path, code, message] of spec) {
    const problems = problemsOf(tree);
    assert.equal(problems.length, 1, `${name}: ${JSON.stringify(problems)}`);
    assert.equal(problems[0]!.path, path, name);
    assert.equal(problems[0]!.code, code, name);
    assert.match(problems[0]!.message, message, name);
  }
});

test('validation: code criteria name a known code system, and are refused over profiles with a pointer to condition keys', () => {
  const unknownSystem = problemsOf({ hasCode: { system: 'Read v2', codes: ['H33..'] } });
  assert.deepEqual(unknownSystem.map((p) => [p.path, p.code]), [['$.hasCode.system', 'unknown_code_system'], ['$.hasCode', 'unsupported_code_criterion']]);
  assert.match(unknownSystem[0]!.message, /unknown code system 'Read v2'; use one of SNOMED CT, ICD-10, OPCS-4, dm\+d/);
  assert.match(unknownSystem[1]!.message, /profile holds condition keys, not codes.*longTermConditions/);

  const badIcd = problemsOf({ hasCode: { system: 'ICD-10', codes: ['J44.9', 'not a code'] } });
  assert.deepEqual(badIcd.map((p) => [p.path, p.code]), [['$.hasCode.codes[1]', 'invalid_code'], ['$.hasCode', 'unsupported_code_criterion']]);

  const good = problemsOf({ hasCode: { system: 'SNOMED CT', codes: ['195967001'] } });
  assert.deepEqual(good.map((p) => p.code), ['unsupported_code_criterion']);
});

test('validation: all the problems at once, and condition keys checked when the place gives its list', () => {
  const problems = validateCriteria(
    { all: [{ field: 'agee', op: '>=', value: 80 }, { any: [] }, { field: 'longTermConditions', op: 'contains', value: 'asthmaa' }] },
    { conditionKeys: ['asthma', 'copd'] },
  );
  assert.deepEqual(problems.map((p) => [p.path, p.code]), [
    ['$.all[0].field', 'unknown_field'], ['$.all[1].any', 'empty_group'], ['$.all[2].value', 'unknown_condition'],
  ]);
});

test('contradictions: conditions that can never be true are named', () => {
  const contradictory: Array<[string, Criteria, RegExp]> = [
    ['numeric range', { all: [{ field: 'age', op: '>=', value: 80 }, { field: 'age', op: '<', value: 65 }] }, /age >= 80 and age < 65: no value of age satisfies/],
    ['whole years leave no age', { all: [{ field: 'age', op: '>', value: 79 }, { field: 'age', op: '<', value: 80 }] }, /age > 79 and age < 80/],
    ['a count below zero', { field: 'falls12m', op: '<', value: 0 }, /falls12m < 0/],
    ['a percentile above 100', { field: 'riskPercentile', op: '>', value: 100 }, /riskPercentile > 100/],
    ['equality and exclusion', { all: [{ field: 'age', op: '=', value: 70 }, { field: 'age', op: '!=', value: 70 }] }, /age = 70 and age != 70/],
    ['boolean and its negation', { all: [{ field: 'knownToSocialCare', op: '=', value: true }, { not: { field: 'knownToSocialCare', op: '=', value: true } }] },
      /knownToSocialCare = true and not \(knownToSocialCare = true\)/],
    ['two different values', { all: [{ field: 'sex', op: '=', value: '1' }, { field: 'sex', op: '=', value: '2' }] }, /sex = "1" and sex = "2"/],
    ['bands that do not meet', { all: [{ field: 'scores.efi.band', op: 'in', value: ['fit', 'mild'] }, { field: 'scores.efi.band', op: '=', value: 'severe' }] }, /scores.efi.band/],
    ['recorded and unrecorded', { all: [{ field: 'age', op: 'isUnknown' }, { field: 'age', op: '>=', value: 80 }] }, /cannot be both recorded and unrecorded/],
    ['a condition required and excluded', { all: [{ field: 'longTermConditions', op: 'contains', value: 'copd' }, { not: { field: 'longTermConditions', op: 'containsAny', value: ['copd', 'asthma'] } }] },
      /'copd' is both required and excluded/],
    ['more conditions than the count allows', { all: [{ field: 'longTermConditions', op: 'containsAll', value: ['copd', 'asthma', 'ckd'] }, { field: 'longTermConditions.count', op: '<=', value: 2 }] },
      /3 longTermConditions are required but longTermConditions.count allows at most 2/],
    ['not of an or, pushed down', { all: [{ field: 'age', op: '>=', value: 80 }, { not: { any: [{ field: 'age', op: '>=', value: 65 }, { field: 'sex', op: '=', value: '1' }] } }] },
      /age >= 80 and not \(age >= 65\)/],
  ];
  for (const [name, tree, message] of contradictory) {
    const problems = validateCriteria(tree);
    assert.equal(problems.length, 1, `${name}: ${JSON.stringify(problems)}`);
    assert.equal(problems[0]!.code, 'contradictory', name);
    assert.match(problems[0]!.message, /^this condition can never be true: /, name);
    assert.match(problems[0]!.message, message, name);
  }
});

test('contradictions: a dead branch of an "or" is reported where it is; possible conditions are not', () => {
  const deadBranch = validateCriteria({
    any: [{ all: [{ field: 'age', op: '>=', value: 80 }, { field: 'age', op: '<', value: 65 }] }, { field: 'falls12m', op: '>=', value: 2 }],
  });
  assert.deepEqual(deadBranch.map((p) => [p.path, p.code]), [['$.any[0]', 'contradictory']]);

  const possible: Criteria[] = [
    { all: [{ field: 'age', op: '>=', value: 65 }, { field: 'age', op: '<', value: 80 }] },
    { all: [{ not: { field: 'age', op: '>=', value: 80 } }, { not: { field: 'age', op: '<', value: 80 } }] }, // age unknown
    { all: [{ field: 'age', op: '>', value: 79 }, { field: 'age', op: '<=', value: 80 }] },
    { all: [{ field: 'gpPracticeCode', op: '!=', value: 'A1' }, { field: 'gpPracticeCode', op: '!=', value: 'A2' }] },
    { all: [{ field: 'longTermConditions', op: 'contains', value: 'copd' }, { field: 'longTermConditions.count', op: '<=', value: 1 }] },
  ];
  for (const tree of possible) assert.deepEqual(validateCriteria(tree), [], JSON.stringify(tree));
});

test('compileCriteria refuses invalid criteria with a coded error listing every problem', () => {
  assert.throws(() => compileCriteria({ all: [{ field: 'agee', op: '>=', value: 80 }, { field: 'age', op: 'contains', value: 1 }] }), (error: unknown) => {
    assert.ok(isSeamlessError(error));
    assert.equal(error.code, 'SEAMLESS_ERR_ANALYTICS_INVALID_CRITERIA');
    assert.equal(error.status, 400);
    assert.match(error.message, /\$\.all\[0\]\.field: unknown field 'agee'.*; \$\.all\[1\]\.op: 'contains' cannot be used on age/);
    assert.equal((error.details?.problems as unknown[]).length, 2);
    return true;
  });
});

test('explainCriteria says which criteria held, in plain words with thresholds', () => {
  const [ada, , unknown] = people;
  const tree: Criteria = {
    all: [
      { field: 'emergencyAdmissions12m', op: '>=', value: 2 },
      { any: [{ field: 'scores.efi.band', op: 'in', value: ['moderate', 'severe'] }, { field: 'age', op: '<', value: 65 }] },
      { not: { field: 'longTermConditions', op: 'contains', value: 'diabetes' } },
      { field: 'knownToSocialCare', op: '=', value: true },
    ],
  };
  const explanation = explainCriteria(tree, ada!);
  assert.equal(explanation.met, true);
  assert.deepEqual(explanation.reasons, [
    '3 emergency admissions in the past year (threshold 2)',
    'electronic Frailty Index band severe (one of moderate, severe)',
    'long-term conditions do not include diabetes',
    'known to social care',
  ]);
  assert.deepEqual(explanation.criteria.map((c) => [c.path, c.met]), [
    ['$.all[0]', true], ['$.all[1].any[0]', true], ['$.all[1].any[1]', false], ['$.all[2].not', false], ['$.all[3]', true],
  ]);
  assert.equal(explanation.criteria[1]!.criterion, 'electronic Frailty Index band is one of moderate, severe');
  assert.equal(explanation.criteria[2]!.actual, 'aged 84');

  const notMet = explainCriteria(tree, unknown!);
  assert.equal(notMet.met, false);
  assert.deepEqual(notMet.reasons, []);
  assert.equal(notMet.criteria[2]!.actual, 'age not recorded');

  const below = explainCriteria({ not: { field: 'age', op: '>=', value: 80 } }, people[1]!);
  assert.deepEqual(below.reasons, ['aged 67 (below 80)']);
  const unrecorded = explainCriteria({ not: { field: 'age', op: '>=', value: 80 } }, unknown!);
  assert.deepEqual(unrecorded.reasons, ['age not recorded']);
});

test('describeCriteria puts a whole tree in words', () => {
  assert.equal(
    describeCriteria({ all: [{ field: 'age', op: '>=', value: 75 }, { any: [{ field: 'falls12m', op: '>=', value: 2 }, { field: 'receivingSocialCare', op: '=', value: false }] }] }),
    'age: at least 75 and (falls in the past year: at least 2 or not receiving social care)',
  );
});

test('the field registry lists each field with its type and operators', () => {
  const byName = new Map(CRITERIA_FIELDS.map((f) => [f.name, f]));
  assert.deepEqual(byName.get('age')?.operators, ['=', '!=', '<', '<=', '>', '>=', 'isKnown', 'isUnknown']);
  assert.equal(byName.get('knownToSocialCare')?.type, 'boolean');
  assert.equal(byName.get('longTermConditions')?.type, 'list');
  assert.equal(byName.get('scores.hfrs.band')?.type, 'choice');
  assert.equal(byName.has('scores.charlson.band'), false);
  assert.equal(byName.has('scores.charlson_quan.value'), true);
});

test('version ids: canonical JSON ignores key order; FNV-1a 64 matches its published test vectors', () => {
  assert.equal(fnv1a64(''), 'cbf29ce484222325');
  assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
  assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  assert.equal(canonicalJson({ op: '>=', field: 'age', value: 80, note: undefined }), '{"field":"age","op":">=","value":80}');
  assert.equal(
    ruleVersionId('x', { field: 'age', op: '>=', value: 80 }),
    ruleVersionId('x', { value: 80, op: '>=', field: 'age' }),
  );
  assert.notEqual(ruleVersionId('x', { field: 'age', op: '>=', value: 80 }), ruleVersionId('x', { field: 'age', op: '>=', value: 81 }));
});

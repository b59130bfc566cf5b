import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CriteriaFieldView } from './api/analytics.types.ts';
import {
  addRow, buildCohortInput, builderFromCriteria, emptyBuilder, errorList, errorsFromProblems, hasErrors, operatorLabel, removeRow, splitValues,
  updateRow, valueKind, type BuilderState,
} from './criteria-builder.ts';

const FIELDS: CriteriaFieldView[] = [
  { field: 'age', label: 'age', type: 'number', operators: ['>=', '<', 'isKnown', 'isUnknown'] },
  { field: 'knownToSocialCare', label: 'known to social care', type: 'boolean', operators: ['=', '!='] },
  { field: 'segment', label: 'segment', type: 'string', operators: ['=', 'in', 'notIn'], values: ['frail', 'complex', 'well'] },
  { field: 'localityCode', label: 'locality', type: 'string', operators: ['=', 'in'] },
  { field: 'longTermConditions', label: 'long-term conditions', type: 'list', operators: ['contains', 'containsAny'], values: ['copd', 'diabetes', 'heart_failure'] },
];

function filled(): BuilderState {
  let s = { ...emptyBuilder(), name: ' Frail and alone ', description: '  ' };
  s = updateRow(s, 1, { field: 'age' }, FIELDS);
  s = updateRow(s, 1, { op: '>=', value: ' 80 ' }, FIELDS);
  s = addRow(s);
  s = updateRow(s, 2, { field: 'knownToSocialCare' }, FIELDS);
  s = updateRow(s, 2, { value: 'false' }, FIELDS);
  s = addRow(s);
  s = updateRow(s, 3, { field: 'segment' }, FIELDS);
  s = updateRow(s, 3, { op: 'in' }, FIELDS);
  s = updateRow(s, 3, { values: ['well', 'frail'] }, FIELDS);
  s = addRow(s);
  s = updateRow(s, 4, { field: 'localityCode' }, FIELDS);
  s = updateRow(s, 4, { op: 'in', value: 'E1, W1;E1' }, FIELDS);
  s = addRow(s);
  s = updateRow(s, 5, { field: 'age' }, FIELDS);
  s = updateRow(s, 5, { op: 'isKnown' }, FIELDS);
  return s;
}

test('each field and operator gets the value box it needs', () => {
  const [age, social, segment, locality, ltc] = FIELDS;
  assert.equal(valueKind(age, '>='), 'number');
  assert.equal(valueKind(age, 'isUnknown'), 'none');
  assert.equal(valueKind(social, '='), 'boolean');
  assert.equal(valueKind(segment, '='), 'choice');
  assert.equal(valueKind(segment, 'notIn'), 'choices');
  assert.equal(valueKind(locality, '='), 'text');
  assert.equal(valueKind(locality, 'in'), 'texts');
  assert.equal(valueKind(ltc, 'contains'), 'choice');
  assert.equal(valueKind(ltc, 'containsAny'), 'choices');
  assert.equal(valueKind(undefined, '='), 'none');
  assert.equal(valueKind(age, ''), 'none');
  assert.equal(operatorLabel('>='), 'is at least');
  assert.equal(operatorLabel('containsAll'), 'includes all of');
  assert.equal(operatorLabel('~'), '~');
});

test('rows are added, changed and removed; a new field starts afresh', () => {
  let s = emptyBuilder();
  assert.equal(s.rows.length, 1);
  s = updateRow(s, 1, { field: 'age' }, FIELDS);
  assert.deepEqual(s.rows[0], { key: 1, field: 'age', op: '>=', value: '', values: [] });
  s = updateRow(s, 1, { value: '75' }, FIELDS);
  s = updateRow(s, 1, { op: '<' }, FIELDS);
  assert.equal(s.rows[0]!.value, '75', 'same kind of value: kept');
  s = updateRow(s, 1, { op: 'isKnown' }, FIELDS);
  assert.equal(s.rows[0]!.value, '', 'no value any more: cleared');
  s = updateRow(s, 1, { field: 'segment' }, FIELDS);
  assert.deepEqual(s.rows[0], { key: 1, field: 'segment', op: '=', value: '', values: [] });
  s = addRow(s);
  assert.deepEqual(s.rows.map((r) => r.key), [1, 2]);
  s = removeRow(s, 1);
  assert.deepEqual(s.rows.map((r) => r.key), [2]);
  s = removeRow(s, 2);
  assert.deepEqual(s.rows, [{ key: 3, field: '', op: '', value: '', values: [] }], 'the last row is emptied, not removed');
});

test('a filled builder becomes criteria JSON, trimmed and typed', () => {
  const { errors, input } = buildCohortInput(filled(), FIELDS);
  assert.equal(hasErrors(errors), false);
  assert.deepEqual(input, {
    name: 'Frail and alone',
    criteria: {
      all: [
        { field: 'age', op: '>=', value: 80 },
        { field: 'knownToSocialCare', op: '=', value: false },
        { field: 'segment', op: 'in', value: ['frail', 'well'] },
        { field: 'localityCode', op: 'in', value: ['E1', 'W1'] },
        { field: 'age', op: 'isKnown' },
      ],
    },
  });
  const any = buildCohortInput({ ...filled(), combine: 'any', description: ' For the MDT ' }, FIELDS).input!;
  assert.ok('any' in any.criteria);
  assert.equal(any.description, 'For the MDT');
});

test('empty boxes and numbers that are not numbers are found before sending', () => {
  let s = addRow(emptyBuilder());
  s = updateRow(s, 2, { field: 'age' }, FIELDS);
  s = updateRow(s, 2, { value: '80 years' }, FIELDS);
  s = addRow(s);
  s = updateRow(s, 3, { field: 'segment' }, FIELDS);
  s = updateRow(s, 3, { op: 'in' }, FIELDS);
  s = addRow(s);
  s = updateRow(s, 4, { field: 'knownToSocialCare' }, FIELDS);
  const { errors, input } = buildCohortInput(s, FIELDS);
  assert.equal(input, undefined);
  assert.deepEqual(errors, {
    name: 'Enter a name for the cohort',
    rows: {
      0: { field: 'Select what condition 1 is about' },
      1: { value: 'Enter a number, like 80 or 2.5, for condition 2' },
      2: { value: 'Select at least one value for condition 3' },
      3: { value: 'Select yes or no for condition 4' },
    },
    general: [],
  });
  const list = errorList(errors, 4, (i, part) => `row-${i}-${part}`, 'cohort-name');
  assert.deepEqual(list.map((e) => e.link), ['#cohort-name', '#row-0-field', '#row-1-value', '#row-2-value', '#row-3-value']);
  const badOp = buildCohortInput({ ...filled(), rows: [{ key: 1, field: 'age', op: 'contains', value: '1', values: [] }] }, FIELDS);
  assert.deepEqual(badOp.errors.rows[0], { op: 'Select how condition 1 compares age' });
});

test('criteria the builder can show come back as rows; anything nested does not', () => {
  const { input } = buildCohortInput(filled(), FIELDS);
  const back = builderFromCriteria(input!.criteria, FIELDS);
  assert.deepEqual(back?.rows.map(({ key, ...r }) => r), [
    { field: 'age', op: '>=', value: '80', values: [] },
    { field: 'knownToSocialCare', op: '=', value: 'false', values: [] },
    { field: 'segment', op: 'in', value: '', values: ['frail', 'well'] },
    { field: 'localityCode', op: 'in', value: 'E1, W1', values: [] },
    { field: 'age', op: 'isKnown', value: '', values: [] },
  ]);
  assert.equal(back?.combine, 'all');
  assert.equal(back?.nextKey, 6);
  // Round trip: the rows give the same criteria again.
  const again = buildCohortInput({ ...emptyBuilder(), ...back!, name: 'x' }, FIELDS);
  assert.deepEqual(again.input?.criteria, input!.criteria);
  assert.deepEqual(builderFromCriteria({ field: 'age', op: '>=', value: 90 }, FIELDS)?.rows.map((r) => r.value), ['90']);
  assert.equal(builderFromCriteria({ any: [{ field: 'age', op: '>=', value: 90 }] }, FIELDS)?.combine, 'any');
  assert.equal(builderFromCriteria({ not: { field: 'age', op: '>=', value: 90 } }, FIELDS), undefined);
  assert.equal(builderFromCriteria({ all: [{ any: [{ field: 'age', op: '>=', value: 90 }] }] }, FIELDS), undefined);
  assert.equal(builderFromCriteria({ all: [] }, FIELDS), undefined);
});

test("the server's problems land on the row and box they are about", () => {
  const errors = errorsFromProblems([
    { path: 'name', code: 'missing_label', message: 'the cohort needs a name' },
    { path: 'criteria.all[1].value', code: 'invalid_value', message: 'age is compared with a number, e.g. 2; got "x"' },
    { path: 'criteria.all[2].value[1]', code: 'unknown_segment', message: "unknown segment 'x'" },
    { path: 'criteria.all[2].value[0]', code: 'unknown_segment', message: "unknown segment 'y'" },
    { path: '$.any[0].op', code: 'operator_not_allowed', message: "'contains' is not allowed" },
    { path: 'criteria.all[0]', code: 'ambiguous_condition', message: 'ambiguous' },
    { path: 'criteria', code: 'contradictory', message: 'this condition can never be true: age at least 90 and under 50' },
    { path: 'criteria.all[9].value', code: 'invalid_value', message: 'out of range row' },
  ], 3);
  assert.equal(errors.name, 'The cohort needs a name');
  assert.deepEqual(errors.rows, {
    0: { op: "'contains' is not allowed", field: 'Ambiguous' },
    1: { value: 'Age is compared with a number, e.g. 2; got "x"' },
    2: { value: "Unknown segment 'x'; unknown segment 'y'" },
  });
  assert.deepEqual(errors.general, ['This condition can never be true: age at least 90 and under 50', 'Out of range row']);
  assert.equal(hasErrors(errorsFromProblems([], 1)), false);
});

test('values typed as a list are split on commas, semicolons and lines, once each', () => {
  assert.deepEqual(splitValues(' E1, W1;;E1\nN2 ,'), ['E1', 'W1', 'N2']);
  assert.deepEqual(splitValues(' , '), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEvaluationForm, EMPTY_EVALUATION_FORM } from './evaluation-form.ts';

test('the form asks for a cohort and a real date; windows default to 6 months', () => {
  const empty = checkEvaluationForm(EMPTY_EVALUATION_FORM);
  assert.equal(empty.input, undefined);
  assert.deepEqual(empty.errors, { cohortId: 'Select the cohort that received the intervention', interventionDate: 'Enter the date the intervention started' });
  const filled = checkEvaluationForm({ ...EMPTY_EVALUATION_FORM, cohortId: '3', interventionDate: { day: '1', month: '5', year: '2026' } });
  assert.deepEqual(filled.errors, {});
  assert.deepEqual(filled.input, { cohortId: 3, interventionDate: '2026-05-01', beforeMonths: 6, afterMonths: 6 });
});

test('dates and windows that cannot be used are named', () => {
  const bad = checkEvaluationForm({ cohortId: 'x', interventionDate: { day: '31', month: '2', year: '2026' }, beforeMonths: '0', afterMonths: '2.5' });
  assert.deepEqual(bad.errors, {
    cohortId: 'Select the cohort that received the intervention',
    interventionDate: 'Date the intervention started must be a real date',
    beforeMonths: 'Months before must be between 1 and 24',
    afterMonths: 'Months after must be a whole number, like 6',
  });
  assert.equal(checkEvaluationForm({ ...EMPTY_EVALUATION_FORM, cohortId: '1', interventionDate: { day: '1', month: '', year: '2026' }, beforeMonths: '' }).errors.beforeMonths, 'Enter the number of months before');
});

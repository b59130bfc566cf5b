import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiProblem } from '../../lib/http.ts';
import { checkAgreementForm, EMPTY_AGREEMENT_FORM, fieldOfProblem, inOrder, parseParties } from './agreement-form.ts';

const problem = (code: string, detail: string, extra: Record<string, unknown> = {}) => new ApiProblem({ title: 'Bad request', status: 400, code, detail, ...extra });

test('party codes are read from any list of codes', () => {
  assert.deepEqual(parseParties(' rr8, B82001;LA1\nla1 '), ['RR8', 'B82001', 'LA1']);
  assert.deepEqual(parseParties(' , '), []);
  assert.deepEqual(inOrder(['social_care', 'zzz', 'acute', 'demographics'], ['demographics', 'acute', 'social_care']), ['demographics', 'acute', 'social_care', 'zzz']);
});

test('the form asks for every field, then sends ISO dates and trimmed text', () => {
  const empty = checkAgreementForm(EMPTY_AGREEMENT_FORM);
  assert.equal(empty.input, undefined);
  assert.deepEqual(Object.keys(empty.errors), ['title', 'parties', 'purposes', 'dataCategories', 'legalBasis', 'startDate', 'endDate']);
  const filled = checkAgreementForm({
    ...EMPTY_AGREEMENT_FORM, title: ' Acute to GP ', parties: 'rr8 b82001', purposes: ['planning', 'direct_care'], dataCategories: ['social_care', 'acute'],
    legalBasis: 'UK GDPR 6(1)(e)', startDate: { day: '1', month: '4', year: '2026' }, endDate: { day: '31', month: '3', year: '2027' },
  });
  assert.deepEqual(filled.errors, {});
  assert.deepEqual(filled.input, {
    title: 'Acute to GP', parties: ['RR8', 'B82001'], purposes: ['direct_care', 'planning'], dataCategories: ['acute', 'social_care'], legalBasis: 'UK GDPR 6(1)(e)',
    startDate: '2026-04-01', endDate: '2027-03-31', status: 'active',
  });
});

test("the server's refusals land on the field they are about", () => {
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_GOVERNANCE_AGREEMENT_PARTIES', 'needs two')), 'parties');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_GOVERNANCE_UNKNOWN_ORGANISATION', "Unknown organisation 'ZZZ'")), 'parties');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES', 'The end date 2026-01-01 is before the start date 2026-02-01.')), 'endDate');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_GOVERNANCE_AGREEMENT_DATES', "The start date 'x' is not a date (YYYY-MM-DD).")), 'startDate');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID', 'The agreement needs a title of 3 to 200 characters.')), 'title');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_GOVERNANCE_AGREEMENT_INVALID', 'The agreement needs its legal basis (3 to 1000 characters).')), 'legalBasis');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_VALIDATION', 'too long', { errors: [{ where: 'body/title', message: 'too long' }] })), 'title');
  assert.equal(fieldOfProblem(problem('SEAMLESS_ERR_SOMETHING', 'other')), undefined);
  assert.equal(fieldOfProblem(new Error('x')), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toApiSearchQuery } from './search-query.ts';

test('British dates become ISO dates; other searches pass through tidied', () => {
  assert.equal(toApiSearchQuery('27/03/1941'), '1941-03-27');
  assert.equal(toApiSearchQuery(' 7-3-1941 '), '1941-03-07');
  assert.equal(toApiSearchQuery('27.03.1941'), '1941-03-27');
  assert.equal(toApiSearchQuery('1941-03-27'), '1941-03-27');
  assert.equal(toApiSearchQuery('943 476  5919'), '943 476 5919');
  assert.equal(toApiSearchQuery('  smith   john '), 'smith john');
});

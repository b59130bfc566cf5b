import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jaroWinkler } from '../domain/jaro-winkler.ts';
import { blockingDatesOfBirth, decideMatch, LINK_THRESHOLD, REVIEW_THRESHOLD, scoreMatch, type Demographics } from '../domain/match-person.ts';
import { normaliseName, normalisePostcode, normaliseSex } from '../domain/demographics.ts';

test('Jaro–Winkler reproduces Winkler\'s published examples', () => {
  assert.equal(jaroWinkler('MARTHA', 'MARHTA').toFixed(3), '0.961');
  assert.equal(jaroWinkler('DWAYNE', 'DUANE').toFixed(3), '0.840');
  assert.equal(jaroWinkler('DIXON', 'DICKSONX').toFixed(3), '0.813');
  assert.equal(jaroWinkler('', 'A'), 0);
});

test('normalising demographics', () => {
  assert.equal(normaliseName(" O'Brien-Smith "), 'OBRIENSMITH');
  assert.equal(normaliseName('Zoë'), 'ZOE');
  assert.equal(normalisePostcode('ls14ap'), 'LS1 4AP');
  assert.equal(normalisePostcode('not a postcode'), undefined);
  assert.equal(normaliseSex('female'), '2');
  assert.equal(normaliseSex('Male'), '1');
  assert.equal(normaliseSex('banana'), undefined);
});

const ada: Demographics = { familyName: 'LOVELACE', givenName: 'ADA', dateOfBirth: '1936-12-10', postcode: 'LS1 4AP', sex: '2' };

test('all fields agreeing scores 16 and is an exact demographic match', () => {
  const result = scoreMatch(ada, ada);
  assert.equal(result.score, 16);
  assert.equal(result.exact, true);
});

test('a typo in the family name and a move within the sector still links, probabilistically', () => {
  const incoming = { ...ada, familyName: 'LOVELACCE', postcode: 'LS1 4XY' };
  const result = scoreMatch(incoming, ada);
  assert.equal(result.score, 2 + 3 + 5 + 1 + 1);
  const decision = decideMatch(incoming, [{ id: 7, demographics: ada }]);
  assert.equal(decision.kind, 'link');
  assert.equal(decision.kind === 'link' && decision.method, 'probabilistic');
});

test('date of birth and postcode alone are not enough to link: new person, listed for review', () => {
  const incoming = { dateOfBirth: ada.dateOfBirth, postcode: ada.postcode, sex: ada.sex };
  const result = scoreMatch(incoming, ada);
  assert.equal(result.score, 9);
  assert.ok(result.score < LINK_THRESHOLD && result.score >= REVIEW_THRESHOLD);
  const decision = decideMatch(incoming, [{ id: 7, demographics: ada }]);
  assert.equal(decision.kind, 'new');
  assert.deepEqual(decision.kind === 'new' && decision.reviews.map((r) => r.personId), [7]);
});

test('a different person born the same day is neither linked nor reviewed', () => {
  const other = { familyName: 'SMITH', givenName: 'JOHN', dateOfBirth: ada.dateOfBirth, postcode: 'M1 1AA', sex: '1' as const };
  const decision = decideMatch(other, [{ id: 7, demographics: ada }]);
  assert.deepEqual(decision, { kind: 'new', reviews: [] });
});

test('two equally good candidates: no link, both reviewed (never merged silently)', () => {
  const twin = { ...ada };
  const decision = decideMatch(ada, [{ id: 1, demographics: ada }, { id: 2, demographics: twin }]);
  assert.equal(decision.kind, 'new');
  assert.deepEqual(decision.kind === 'new' && decision.reviews.map((r) => r.personId), [1, 2]);
});

test('day/month swaps are blocked together and score as near agreement', () => {
  assert.deepEqual(blockingDatesOfBirth('1950-03-04'), ['1950-03-04', '1950-04-03']);
  assert.deepEqual(blockingDatesOfBirth('1950-03-24'), ['1950-03-24']);
  const swapped = scoreMatch({ ...ada, dateOfBirth: '1936-10-12' }, ada);
  assert.ok(swapped.reasons.includes('date of birth nearly agrees (+2)'));
});

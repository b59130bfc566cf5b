import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNhsNumber, completeNhsNumber, formatNhsNumber, modulus11CheckDigit } from '../domain/nhs-number.ts';

// Worked example from the NHS Data Dictionary: 943 476 591 → weights 10..2 give 299; 299 mod 11 = 2; 11 − 2 = 9.
test('Modulus 11 worked example: 943476591 has check digit 9', () => {
  assert.equal(modulus11CheckDigit('943476591'), 9);
  assert.deepEqual(checkNhsNumber('943 476 5919'), { ok: true, nhsNumber: '9434765919' });
  assert.deepEqual(checkNhsNumber('943-476-5919'), { ok: true, nhsNumber: '9434765919' });
});

test('a remainder of 0 gives check digit 0 (11 → 0)', () => {
  assert.equal(modulus11CheckDigit('943476587'), 0);
  assert.equal(checkNhsNumber('9434765870').ok, true);
});

test('a check result of 10 means no valid NHS number exists for those nine digits', () => {
  // 000000006: 6 × 2 = 12; 12 mod 11 = 1; 11 − 1 = 10.
  assert.equal(modulus11CheckDigit('000000006'), undefined);
  assert.equal(completeNhsNumber('000000006'), undefined);
  for (let d = 0; d <= 9; d++) assert.equal(checkNhsNumber(`000000006${d}`).ok, false);
});

test('wrong check digit, wrong length, letters and repeated digits are refused with a reason', () => {
  assert.deepEqual(checkNhsNumber('9434765918'), { ok: false, reason: "NHS number '9434765918' fails the Modulus 11 check digit" });
  assert.match((checkNhsNumber('94347659') as { reason: string }).reason, /must be 10 digits/);
  assert.equal(checkNhsNumber('94347659A9').ok, false);
  assert.equal(checkNhsNumber('0000000000').ok, false); // passes Modulus 11 but is not a number anyone holds
  assert.equal(formatNhsNumber('9434765919'), '943 476 5919');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCode, codeSystemFromUri, hasValidVerhoeffCheckDigit } from '../codes.ts';

test('Verhoeff: the worked example 236 → check digit 3 (2363 valid, 2364 not)', () => {
  assert.equal(hasValidVerhoeffCheckDigit('2363'), true);
  assert.equal(hasValidVerhoeffCheckDigit('2364'), false);
});

test('SNOMED CT identifiers carry a Verhoeff check digit', () => {
  for (const id of ['38341003', '73211009', '22298006', '195967001', '514591000000108']) {
    assert.deepEqual(checkCode('SNOMED CT', id), { ok: true, code: { system: 'SNOMED CT', code: id } }, id);
  }
  assert.equal(checkCode('SNOMED CT', '38341004').ok, false); // check digit off by one
  assert.equal(checkCode('SNOMED CT', '01234').ok, false);
  const icdInSnomed = checkCode('SNOMED CT', 'E11.9');
  assert.deepEqual(icdInSnomed, { ok: false, reason: "'E11.9' is not a valid SNOMED CT code" });
});

test('ICD-10 is normalised the way HES and FHIR sources write it', () => {
  const cases: [string, string][] = [['I10X', 'I10'], ['i10.x', 'I10'], ['S72.0', 'S720'], ['E11.9-', 'E119'], ['G20XD', 'G20'], ['J440', 'J440'], [' r29.6 ', 'R296']];
  for (const [raw, expected] of cases) assert.deepEqual(checkCode('ICD-10', raw), { ok: true, code: { system: 'ICD-10', code: expected } }, raw);
  for (const bad of ['38341003', 'I1', '1234', 'ZZZZZZ', '']) assert.equal(checkCode('ICD-10', bad).ok, false, bad);
});

test('OPCS-4 codes: letter (not I) and 2–3 digits, dot optional', () => {
  assert.deepEqual(checkCode('OPCS-4', 'w37.1'), { ok: true, code: { system: 'OPCS-4', code: 'W371' } });
  assert.equal(checkCode('OPCS-4', 'I101').ok, false);
  assert.equal(checkCode('OPCS-4', 'W3712').ok, false);
});

test('FHIR system URIs map to code systems; unknown ones do not', () => {
  assert.equal(codeSystemFromUri('http://snomed.info/sct'), 'SNOMED CT');
  assert.equal(codeSystemFromUri('http://hl7.org/fhir/sid/icd-10'), 'ICD-10');
  assert.equal(codeSystemFromUri('http://loinc.org'), 'LOINC');
  assert.equal(codeSystemFromUri('http://example.org/codes'), undefined);
});

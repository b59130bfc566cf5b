import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScoreDefinitions } from '../../definitions/score-definitions.loader.ts';
import { bandCharlson, charlsonCategoryOf, compileCharlsonTable, scoreCharlson, type CharlsonTableRow } from '../../domain/scores/charlson.ts';
import { SCORE_DEFINITION_ERROR } from '../../domain/scores/score-common.util.ts';
import { readReferenceCsv } from '../../../../kernel/reference.ts';
import { groupBy, listCell, specTable } from './spec-table.ts';

const { charlson: table } = loadScoreDefinitions();
const AS_OF = '2026-03-10';

/**
 * Spells per person and the expected Charlson index on 2026-03-10 with Charlson 1987 weights
 * ('charlson') and Quan 2011 weights ('quan'). Quan 2005 prefixes (charlson_quan_icd10.csv): I21 ami
 * (1 / 0), I50 chf (1 / 2), E119 and E109 diabetes without complications (1 / 0), E102 diabetes with
 * complications (2 / 1), J44 chronic pulmonary (1 / 1), B18 mild liver (1 / 2), I850 moderate or
 * severe liver (3 / 4), C50 any malignancy (2 / 2), C78 metastatic (6 / 6), F00 dementia (1 / 2),
 * I252 old myocardial infarction (ami), B20 HIV (6 / 4).
 */
const SPELLS = specTable(`
  person | admitted   | diagnoses
  1      | 2025-06-01 | I21.9 I50.0 E11.9 J44.1 I10X
  2      | 2025-06-01 | B18.2 I85.0
  3      | 2025-06-01 | E10.9 E10.2
  4      | 2025-06-01 | C50.9 C78.0
  5      | 2025-06-01 | i50.9 I509 I50X
  5      | 2025-07-01 | i50
  6      | 2025-06-01 | I25.2
  7      | 2025-06-01 | I25.1 E11
  8      | 2024-03-10 | C78
  8      | 2024-03-11 | F00.0
  8      | 2026-03-10 | J44
  8      | 2026-03-11 | B20
  9      | 2025-06-01 | I21 I099 I70 G45 F00 I278 M05 K25 B18 E100 E102 G041 I120 C00 I850 C77 B20
  10     |            |
`);

const EXPECTED = specTable(`
  person | charlson | band | quan | quan band | why
  1      | 4        | 3-4  | 3    | 3-4       | ami, chf, diabetes, chronic pulmonary; hypertension is not a Charlson condition
  2      | 3        | 3-4  | 4    | 3-4       | moderate/severe liver disease present: mild liver disease scores 0
  3      | 2        | 1-2  | 1    | 1-2       | diabetes with complications present: diabetes without scores 0
  4      | 6        | 5+   | 6    | 5+        | metastatic tumour present: any malignancy scores 0
  5      | 1        | 1-2  | 2    | 1-2       | chf written four ways in two spells counts once
  6      | 1        | 1-2  | 0    | 0         | I25.2 matches the 4-character prefix I252 (ami, weight 0 in Quan 2011)
  7      | 0        | 0    | 0    | 0         | I25.1 is not I25.2; E11 alone is not in the Quan 2005 diabetes lists (they are 4-character)
  8      | 2        | 1-2  | 3    | 3-4       | dementia (a day inside two years) and chronic pulmonary (on the date); C78 two years to the day and B20 after the date are outside
  9      | 29       | 5+   | 24   | 5+        | every category: the maximum with the hierarchy rules
  10     | 0        | 0    | 0    | 0         | no spells
`);

test('Charlson spec: both weight sets on a date, with the hierarchy rules', () => {
  const byPerson = groupBy(SPELLS, 'person');
  for (const expected of EXPECTED) {
    const spells = byPerson.get(expected.person!)!.filter((r) => r.admitted !== '').map((r) => ({ admissionDate: r.admitted!, diagnoses: listCell(r.diagnoses) }));
    const { charlson, charlsonQuan } = scoreCharlson(table, { asOf: AS_OF, spells });
    const why = `person ${expected.person}: ${expected.why}`;
    assert.equal(charlson.value, Number(expected.charlson), `charlson, ${why}`);
    assert.equal(charlsonQuan.value, Number(expected.quan), `quan, ${why}`);
    assert.equal(charlson.band, expected.band, `charlson band, ${why}`);
    assert.equal(charlsonQuan.band, expected['quan band'], `quan band, ${why}`);
    for (const result of [charlson, charlsonQuan]) {
      assert.equal(result.factors.reduce((sum, f) => sum + f.contribution, 0), result.value, `${result.name} factors add up, ${why}`);
      assert.ok(result.factors.every((f) => f.contribution > 0), 'only contributing categories are listed');
    }
  }
});

test('Charlson factors: the condition, the earliest matching code and its date, by weight', () => {
  const { charlson, charlsonQuan } = scoreCharlson(table, {
    asOf: AS_OF, spells: [
      { admissionDate: '2025-06-01', diagnoses: ['I21.9', 'B18.2', 'I85.0'] },
      { admissionDate: '2025-01-01', diagnoses: ['i85.9', 'J44.1'] },
    ],
  });
  assert.deepEqual(charlson, {
    name: 'charlson', value: 5, band: '5+', version: 'charlson-1987-quan-2005-icd10',
    factors: [
      { label: 'Moderate or severe liver disease', code: 'I859', codeSystem: 'ICD-10', date: '2025-01-01', contribution: 3 },
      { label: 'Myocardial infarction', code: 'I219', codeSystem: 'ICD-10', date: '2025-06-01', contribution: 1 },
      { label: 'Chronic pulmonary disease', code: 'J441', codeSystem: 'ICD-10', date: '2025-01-01', contribution: 1 },
    ],
  });
  assert.deepEqual(charlsonQuan.factors.map((f) => [f.code, f.contribution]), [['I859', 4], ['J441', 1]], 'ami weighs 0 in Quan 2011; mild liver disease is zeroed');
  assert.equal(charlsonQuan.version, 'charlson-quan-2011-quan-2005-icd10');
});

test('Charlson look-back is configurable (2 years by default)', () => {
  const spells = [{ admissionDate: '2022-01-01', diagnoses: ['C78'] }, { admissionDate: '2026-03-11', diagnoses: ['B20'] }];
  assert.equal(scoreCharlson(table, { asOf: AS_OF, spells }).charlson.value, 0);
  assert.equal(scoreCharlson(table, { asOf: AS_OF, spells, lookbackYears: 5 }).charlson.value, 6, 'five years reach 2022; the spell after the date still does not count');
  assert.throws(() => scoreCharlson(table, { asOf: AS_OF, spells, lookbackYears: -1 }), RangeError);
  assert.throws(() => scoreCharlson(table, { asOf: AS_OF, spells, lookbackYears: 0.01 }), RangeError, 'not a whole number of months');
});

test('Charlson bands: 0, 1–2, 3–4, 5 or more', () => {
  const cases: [number, string][] = [[0, '0'], [1, '1-2'], [2, '1-2'], [3, '3-4'], [4, '3-4'], [5, '5+'], [29, '5+']];
  for (const [value, band] of cases) assert.equal(bandCharlson(value), band, String(value));
});

test('Charlson code matching: dot, case and spaces do not matter; prefixes are 3 or 4 characters', () => {
  const key = (code: string) => table.categories[charlsonCategoryOf(table, code)]?.key ?? null;
  assert.equal(key('i50.9'), 'chf');
  assert.equal(key(' I50 '), 'chf');
  assert.equal(key('I252'), 'ami');
  assert.equal(key('i25.2'), 'ami');
  assert.equal(key('I25.5'), 'chf');
  assert.equal(key('I25'), null);
  assert.equal(key('I2'), null);
  assert.equal(key(''), null);
  assert.equal(key('C44'), null, 'malignant neoplasm of skin is excluded');
  assert.equal(key('E10.2-'), 'diabwc', 'a trailing marker some sources append ends the code');
  assert.equal(key('e102*'), 'diabwc');
  assert.equal(key('I-50'), null);
  const { charlson } = scoreCharlson(table, { asOf: AS_OF, spells: [{ admissionDate: '2025-06-01', diagnoses: ['e10.2-'] }] });
  assert.equal(charlson.factors[0]?.code, 'E102', 'the factor shows the code normalised');
});

function referenceRows(): CharlsonTableRow[] {
  return readReferenceCsv('charlson_quan_icd10.csv').map((r) => ({ category: r.category!, icd10Prefix: r.icd10_prefix!, weightCharlson: r.weight_charlson!, weightQuan: r.weight_quan! }));
}

test('Charlson definition: a malformed table is refused with a clear error', () => {
  const rows = referenceRows();
  const isDefinitionError = (message: RegExp) => (error: Error & { code?: string }) => error.code === SCORE_DEFINITION_ERROR && message.test(error.message);
  assert.throws(() => compileCharlsonTable([...rows, { ...rows[0]!, category: 'frailty' }]), isDefinitionError(/unknown category 'frailty'/));
  assert.throws(() => compileCharlsonTable([...rows, { ...rows[0]!, category: 'chf', icd10Prefix: 'I219', weightCharlson: '1', weightQuan: '2' }]),
    isDefinitionError(/I219 \(chf\) starts with I21 of another category \(ami\)/));
  assert.throws(() => compileCharlsonTable([...rows, rows[0]!]), isDefinitionError(/listed twice/));
  assert.throws(() => compileCharlsonTable([...rows, { ...rows[0]!, icd10Prefix: 'I23', weightQuan: '3' }]), isDefinitionError(/weights differ/));
  assert.throws(() => compileCharlsonTable(rows.filter((r) => r.category !== 'aids')), isDefinitionError(/without any prefix: aids/));
  assert.throws(() => compileCharlsonTable([...rows, { ...rows[0]!, icd10Prefix: 'I2.1' }]), isDefinitionError(/not an ICD-10 prefix/));
});

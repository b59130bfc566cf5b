import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readReferenceCsv } from '../../../../kernel/reference.ts';
import { buildScoreDefinitions, loadScoreDefinitions, type ReadCsv } from '../../definitions/score-definitions.loader.ts';
import { SCORE_DEFINITION_ERROR } from '../../domain/scores/score-common.util.ts';

test('the reference files compile into the published definitions, once', () => {
  const definitions = loadScoreDefinitions();
  assert.equal(loadScoreDefinitions(), definitions, 'compiled once and shared');
  assert.equal(definitions.hfrs.categories.size, 109);
  assert.equal([...definitions.hfrs.categories.values()].reduce((sum, c) => sum + c.tenths, 0), 1732, 'points sum to 173.2 (reference/README.md)');
  assert.equal(definitions.efi.deficits.length, 36);
  assert.equal(definitions.efi.byCode.size, 2040, '2,040 distinct SNOMED CT codes');
  assert.equal([...definitions.efi.byCode.values()].filter((e) => e.deficits.length > 1).length, 48, '48 codes in two deficits');
  assert.equal(definitions.charlson.categories.length, 17);
  assert.equal(definitions.charlson.prefixes.size, 289);
  assert.deepEqual(definitions.charlson.prefixLengths, [3, 4]);
  assert.deepEqual([...definitions.lace.emergencyAdmissionMethods].sort(), ['21', '22', '23', '24', '25', '28', '2A', '2B', '2C', '2D']);
});

/** The reference reader with one file's rows changed. */
function readerWith(file: string, change: (rows: Record<string, string>[]) => Record<string, string>[]): ReadCsv {
  return (name) => (name === file ? change(readReferenceCsv(name).map((r) => ({ ...r }))) : readReferenceCsv(name));
}

test('a malformed reference file stops loading with an error that names the file', () => {
  const fails = (read: ReadCsv, message: RegExp) =>
    assert.throws(() => buildScoreDefinitions(read), (error: Error & { code?: string }) => error.code === SCORE_DEFINITION_ERROR && message.test(error.message), String(message));
  fails(readerWith('hfrs_points.csv', (rows) => rows.slice(1)), /^hfrs_points\.csv: 108 ICD-10 categories; the published definition has 109/);
  fails(readerWith('hfrs_points.csv', (rows) => rows.map(({ points: _points, ...rest }) => rest)), /^hfrs_points\.csv: row 1 has no 'points' column/);
  fails(readerWith('hfrs_points.csv', (rows) => { rows[3]!.points = '1,5'; return rows; }), /^hfrs_points\.csv: HFRS definition: row 4 .*points '1,5'/);
  fails(readerWith('efi_deficits_list.csv', (rows) => rows.slice(0, 35)), /^efi_deficits_list\.csv: 35 deficits; the published definition has 36/);
  fails(readerWith('efi_deficits.csv', (rows) => { rows[0]!.snomed_code = 'E11.9'; return rows; }), /^efi_deficits_list\.csv, efi_deficits\.csv, efi_bands\.csv: eFI definition: .*'E11\.9' is not a valid SNOMED CT code/);
  fails(readerWith('charlson_quan_icd10.csv', (rows) => rows.filter((r) => r.category !== 'aids')), /^charlson_quan_icd10\.csv: 16 categories; the published definition has 17/);
  fails(readerWith('lace_points.csv', (rows) => rows.filter((r) => r.range !== '>=14')), /^lace_points\.csv, apc_admission_method\.csv: LACE definition: component L: no range covers 14 or more/);
  fails(readerWith('lace_points.csv', () => []), /^lace_points\.csv: the file has no rows/);
});

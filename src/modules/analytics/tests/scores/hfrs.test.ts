import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScoreDefinitions } from '../../definitions/score-definitions.loader.ts';
import { bandHfrs, compileHfrsTable, scoreHfrs, scoreHfrsForSpell } from '../../domain/scores/hfrs.ts';
import { SCORE_DEFINITION_ERROR } from '../../domain/scores/score-common.util.ts';
import { groupBy, listCell, specTable } from './spec-table.ts';

const { hfrs: table } = loadScoreDefinitions();
const AS_OF = '2026-03-10';

/**
 * Each person's spells (admission date and ICD-10 codes in any position) and the expected HFRS on
 * 2026-03-10. Points from Gilbert 2018 (hfrs_points.csv): F00 7.1, R29 3.6, F05 3.2, N39 3.2, R31 3.0,
 * B96 2.9, R26 2.6, Z75 2.0, A04 1.1, R50 0.1.
 */
const SPELLS = specTable(`
  person | age | admitted   | diagnoses
  1      | 80  | 2025-06-01 | F00 R26 I10
  2      | 80  | 2025-06-01 | B96 Z75
  3      | 80  | 2025-06-01 | R31 Z75
  4      | 80  | 2025-06-01 | A04 F00 F05 R29
  5      | 80  | 2025-06-01 | A04 F00 F05 R29 R50
  6      | 80  | 2025-06-01 | f00.1 F001 F00X
  6      | 80  | 2025-07-01 | F00 r26.
  7      | 80  | 2024-03-10 | F00
  7      | 80  | 2024-03-11 | R26
  7      | 80  | 2026-03-10 | N39
  7      | 80  | 2026-03-11 | R31
  8      | 74  | 2025-06-01 | F00 R26
  9      | 75  | 2025-06-01 | F00 R26
  10     | 90  | 2025-06-01 | I10 E11 Z9 X
  11     | 80  |            |
`);

const EXPECTED = specTable(`
  person | value | band         | why
  1      | 9.7   | intermediate | F00 + R26; I10 is not an HFRS code
  2      | 4.9   | low          | just under 5
  3      | 5     | intermediate | 5 exactly is intermediate
  4      | 15    | intermediate | 15 exactly (1.1 + 7.1 + 3.2 + 3.6 sums to 14.999999999999998 in floating point)
  5      | 15.1  | high         | above 15
  6      | 9.7   | intermediate | F00 written four ways counts once, in two spells
  7      | 5.8   | intermediate | R26 (a day inside two years) + N39 (on the date); F00 two years to the day and R31 after the date are outside
  8      | null  |              | under 75: not scored
  9      | 9.7   | intermediate | 75 is eligible
  10     | 0     | low          | no HFRS codes; too-short codes ignored
  11     | 0     | low          | no spells
`);

test('HFRS spec: a person as of a date (Gilbert 2018)', () => {
  const byPerson = groupBy(SPELLS, 'person');
  for (const expected of EXPECTED) {
    const rows = byPerson.get(expected.person!)!;
    const spells = rows.filter((r) => r.admitted !== '').map((r) => ({ admissionDate: r.admitted!, diagnoses: listCell(r.diagnoses) }));
    const result = scoreHfrs(table, { age: Number(rows[0]!.age), asOf: AS_OF, spells });
    if (expected.value === 'null') {
      assert.equal(result, null, `person ${expected.person}: ${expected.why}`);
      continue;
    }
    assert.ok(result, `person ${expected.person}`);
    assert.equal(result.value, Number(expected.value), `person ${expected.person}: ${expected.why}`);
    assert.equal(result.band, expected.band, `person ${expected.person}: ${expected.why}`);
    assert.equal(result.version, 'hfrs-gilbert-2018');
    const tenths = result.factors.reduce((sum, f) => sum + Math.round(f.contribution * 10), 0);
    assert.equal(tenths, Math.round(result.value * 10), `person ${expected.person}: factors add up to the value`);
  }
});

test('HFRS factors: each category once, with points, description and the date first seen in the window, highest first', () => {
  const result = scoreHfrs(table, {
    age: 82, asOf: AS_OF, spells: [
      { admissionDate: '2025-07-01', diagnoses: ['R26.8', 'F00.1'] },
      { admissionDate: '2024-12-01', diagnoses: ['r26'] },
      { admissionDate: '2023-01-01', diagnoses: ['W19'] },
    ],
  });
  assert.deepEqual(result, {
    name: 'hfrs', value: 9.7, band: 'intermediate', version: 'hfrs-gilbert-2018',
    factors: [
      { label: "Dementia in Alzheimer's disease (F00)", code: 'F00', codeSystem: 'ICD-10', date: '2025-07-01', contribution: 7.1 },
      { label: 'Abnormalities of gait and mobility (R26)', code: 'R26', codeSystem: 'ICD-10', date: '2024-12-01', contribution: 2.6 },
    ],
  });
});

test('HFRS for an index spell: that spell plus spells admitted in the two years before it', () => {
  const index = { admissionDate: '2025-06-01', diagnoses: ['F00'] };
  const spells = [
    index,
    { admissionDate: '2023-06-02', diagnoses: ['R26'] }, // a day inside the window
    { admissionDate: '2023-06-01', diagnoses: ['R31'] }, // two years to the day: outside
    { admissionDate: '2025-06-01', diagnoses: ['Z75'] }, // same day as the index: inside
    { admissionDate: '2025-06-02', diagnoses: ['N39'] }, // after the index admission: ignored
  ];
  const result = scoreHfrsForSpell(table, { age: 79, indexSpell: index, spells });
  assert.equal(result?.value, 11.7); // 7.1 + 2.6 + 2.0
  assert.deepEqual(result?.factors.map((f) => f.code), ['F00', 'R26', 'Z75']);
  assert.equal(scoreHfrsForSpell(table, { age: 79, indexSpell: index, spells: [] })?.value, 7.1, 'the index spell alone');
  assert.equal(scoreHfrsForSpell(table, { age: 74, indexSpell: index, spells }), null, 'under 75 on admission');
  assert.equal(scoreHfrsForSpell(table, { age: null, indexSpell: index, spells }), null, 'age unknown');
});

test('HFRS eligibility: an unknown age is not scored', () => {
  assert.equal(scoreHfrs(table, { age: null, asOf: AS_OF, spells: [{ admissionDate: '2025-06-01', diagnoses: ['F00'] }] }), null);
});

test('HFRS bands: low < 5, intermediate 5–15, high > 15', () => {
  const cases: [number, string][] = [[0, 'low'], [4.9, 'low'], [5, 'intermediate'], [15, 'intermediate'], [15.000000000000002, 'intermediate'], [15.1, 'high'], [173.2, 'high']];
  for (const [value, band] of cases) assert.equal(bandHfrs(value), band, String(value));
});

test('HFRS table: a malformed row is refused with a clear error', () => {
  const good = { icd10Code: 'F00', points: '7.1', description: 'Dementia in Alzheimer disease' };
  assert.equal(compileHfrsTable([good]).categories.get('F00')?.tenths, 71);
  const bad: [Partial<typeof good>, RegExp][] = [
    [{ icd10Code: 'F00.1' }, /not an ICD-10 3-character category/],
    [{ points: '7.15' }, /at most one decimal place/],
    [{ points: 'x' }, /positive number/],
    [{ description: ' ' }, /description is empty/],
  ];
  for (const [change, message] of bad) {
    assert.throws(() => compileHfrsTable([{ ...good, ...change }]), (error: Error & { code?: string }) => error.code === SCORE_DEFINITION_ERROR && message.test(error.message));
  }
  assert.throws(() => compileHfrsTable([good, good]), /listed twice/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScoreDefinitions } from '../../definitions/score-definitions.loader.ts';
import { bandLace, compileLaceTable, scoreLace, type LaceIndexSpell, type LacePointsRow } from '../../domain/scores/lace.ts';
import { SCORE_DEFINITION_ERROR } from '../../domain/scores/score-common.util.ts';
import { readReferenceCsv } from '../../../../kernel/reference.ts';
import { groupBy, listCell, specTable } from './spec-table.ts';

const { lace: laceTable, charlson: charlsonTable } = loadScoreDefinitions();

/**
 * One discharge per person (van Walraven 2010 points, lace_points.csv): L length of stay (<1 day 0,
 * 1–3 days 1–3, 4–6 → 4, 7–13 → 5, ≥14 → 7); A emergency admission 3; C Charlson index (1987 weights)
 * 0–3 as is, ≥4 → 5; E A&E attendances in the 6 months before admission 0–3 as is, ≥4 → 4.
 * Charlson codes: I50 chf 1, J44 chronic pulmonary 1, C78 metastatic 6, F00 dementia 1, N18 renal 2.
 */
const DISCHARGES = specTable(`
  person | admitted   | discharged | method | discharge method | diagnoses
  1      | 2025-01-10 | 2025-01-15 | 21     | 1                | I50.0 J44.1
  2      | 2025-01-10 | 2025-01-10 | 11     | 1                |
  3      | 2025-01-10 | 2025-01-24 | 2a     | 1                | C78.0
  4      | 2025-01-10 | 2025-01-17 | 81     | 1                | F00
  5      | 2025-01-10 | 2025-01-11 | 22     | 1                |
  6      | 2025-01-10 |            | 21     |                  | I50.0
  7      | 2025-01-10 | 2025-01-15 | 21     | 4                | I50.0
  8      | 2025-01-10 | 2025-01-09 | 21     | 1                |
`);

/** Earlier (and later) spells, read for the Charlson history: the two years up to the admission date. */
const OTHER_SPELLS = specTable(`
  person | admitted   | diagnoses
  4      | 2023-01-11 | N18.4
  4      | 2023-01-10 | C78
  4      | 2025-01-20 | J44
`);

const ATTENDANCES = specTable(`
  person | arrival
  1      | 2024-12-01T22:15:00Z
  1      | 2024-10-15
  1      | 2025-01-10T08:00:00Z
  3      | 2024-08-01
  3      | 2024-09-01
  3      | 2024-10-01
  3      | 2024-11-01
  3      | 2024-12-01
  5      | 2024-07-11
  5      | 2024-07-10
  5      | 2025-01-09
`);

const EXPECTED = specTable(`
  person | L | A | C | E | value | band     | why
  1      | 4 | 3 | 2 | 2 | 11    | high     | 5 days, emergency, chf + chronic pulmonary, 2 attendances (the one on the admission day led to it)
  2      | 0 | 0 | 0 | 0 | 0     | low      | same-day elective
  3      | 7 | 3 | 5 | 4 | 19    | high     | the maximum: 14 days, emergency (2A in any case), Charlson 6 → 5 points, 5 attendances → 4 points
  4      | 5 | 0 | 3 | 0 | 8     | moderate | transfer 81 is not an emergency; dementia 1 + renal 2 from a spell a day inside two years; C78 two years to the day and the later J44 are outside
  5      | 1 | 3 | 0 | 2 | 6     | moderate | 6 months before 2025-01-10 is 2024-07-10: that day is outside, the next inside
  6      |   |   |   |   | null  |          | not discharged
  7      |   |   |   |   | null  |          | died in hospital
  8      |   |   |   |   | null  |          | discharge before admission
`);

test('LACE spec: one discharge (van Walraven 2010)', () => {
  const others = groupBy(OTHER_SPELLS, 'person');
  const attendances = groupBy(ATTENDANCES, 'person');
  const discharges = groupBy(DISCHARGES, 'person');
  for (const expected of EXPECTED) {
    const row = discharges.get(expected.person!)![0]!;
    const indexSpell: LaceIndexSpell = {
      admissionDate: row.admitted!, dischargeDate: row.discharged || undefined, admissionMethod: row.method!,
      dischargeMethod: row['discharge method'] || undefined, diagnoses: listCell(row.diagnoses),
    };
    const result = scoreLace(laceTable, charlsonTable, {
      indexSpell,
      spells: (others.get(expected.person!) ?? []).map((r) => ({ admissionDate: r.admitted!, diagnoses: listCell(r.diagnoses) })),
      emergencyAttendances: (attendances.get(expected.person!) ?? []).map((r) => ({ arrivalAt: r.arrival! })),
    });
    const why = `person ${expected.person}: ${expected.why}`;
    if (expected.value === 'null') {
      assert.equal(result, null, why);
      continue;
    }
    assert.ok(result, why);
    assert.deepEqual(result.factors.map((f) => f.contribution), [Number(expected.L), Number(expected.A), Number(expected.C), Number(expected.E)], why);
    assert.equal(result.value, Number(expected.value), why);
    assert.equal(result.band, expected.band, why);
  }
});

test('LACE factors: the four components with the value behind each', () => {
  const result = scoreLace(laceTable, charlsonTable, {
    indexSpell: { admissionDate: '2025-01-10', dischargeDate: '2025-01-11', admissionMethod: '21', diagnoses: ['I50.0', 'J44.1'] },
    spells: [],
    emergencyAttendances: [{ arrivalAt: '2024-12-01' }],
  });
  assert.deepEqual(result, {
    name: 'lace', value: 7, band: 'moderate', version: 'lace-van-walraven-2010',
    factors: [
      { label: 'Length of stay: 1 day', date: '2025-01-11', contribution: 1 },
      { label: 'Emergency admission (admission method 21)', date: '2025-01-10', contribution: 3 },
      { label: 'Charlson comorbidity index 2 (Congestive heart failure; Chronic pulmonary disease)', contribution: 2 },
      { label: 'A&E attendances in the 6 months before admission: 1', contribution: 1 },
    ],
  });
});

test('LACE length of stay points at every edge', () => {
  const cases: [string, number][] = [
    ['2025-01-10', 0], ['2025-01-11', 1], ['2025-01-12', 2], ['2025-01-13', 3], ['2025-01-14', 4], ['2025-01-16', 4],
    ['2025-01-17', 5], ['2025-01-23', 5], ['2025-01-24', 7], ['2025-03-01', 7],
  ];
  for (const [dischargeDate, points] of cases) {
    const result = scoreLace(laceTable, charlsonTable, { indexSpell: { admissionDate: '2025-01-10', dischargeDate, admissionMethod: '11', diagnoses: [] }, spells: [], emergencyAttendances: [] });
    assert.equal(result?.factors[0]?.contribution, points, dischargeDate);
  }
});

test('LACE acuity: NHS Data Dictionary emergency admission methods score 3, all others 0', () => {
  const acuity = (admissionMethod: string) => scoreLace(laceTable, charlsonTable, {
    indexSpell: { admissionDate: '2025-01-10', dischargeDate: '2025-01-10', admissionMethod, diagnoses: [] }, spells: [], emergencyAttendances: [],
  })?.factors[1]?.contribution;
  for (const method of ['21', '22', '23', '24', '25', '2A', '2B', '2C', '2D', '28', '2d', ' 21 ']) assert.equal(acuity(method), 3, method);
  for (const method of ['11', '12', '13', '31', '32', '81', '82', '83', '98', '99', '']) assert.equal(acuity(method), 0, method);
});

test('LACE comorbidity points: Charlson 0–3 as is, 4 or more → 5', () => {
  const comorbidity = (diagnoses: string[]) => scoreLace(laceTable, charlsonTable, {
    indexSpell: { admissionDate: '2025-01-10', dischargeDate: '2025-01-10', admissionMethod: '11', diagnoses }, spells: [], emergencyAttendances: [],
  })?.factors[2]?.contribution;
  assert.equal(comorbidity(['N18.5', 'I50.0']), 3, 'renal 2 + chf 1');
  assert.equal(comorbidity(['N18.5', 'E10.2']), 5, 'renal 2 + diabetes with complications 2 = 4');
  assert.equal(comorbidity(['B18.2', 'I85.0']), 3, 'hierarchy: moderate/severe liver 3, mild liver 0');
});

test('LACE emergency department visits: 4 or more → 4', () => {
  const visits = (n: number) => scoreLace(laceTable, charlsonTable, {
    indexSpell: { admissionDate: '2025-01-10', dischargeDate: '2025-01-10', admissionMethod: '11', diagnoses: [] }, spells: [],
    emergencyAttendances: Array.from({ length: n }, (_, i) => ({ arrivalAt: `2024-12-${String(i + 1).padStart(2, '0')}` })),
  })?.factors[3]?.contribution;
  assert.deepEqual([0, 1, 2, 3, 4, 9].map(visits), [0, 1, 2, 3, 4, 4]);
});

test('LACE bands: low 0–4, moderate 5–9, high 10 or more', () => {
  const cases: [number, string][] = [[0, 'low'], [4, 'low'], [5, 'moderate'], [9, 'moderate'], [10, 'high'], [19, 'high']];
  for (const [value, band] of cases) assert.equal(bandLace(value), band, String(value));
});

function referenceRows(): LacePointsRow[] {
  return readReferenceCsv('lace_points.csv').map((r) => ({ component: r.component!, range: r.range!, points: r.points! }));
}

test('LACE definition: a malformed table is refused with a clear error', () => {
  const rows = referenceRows();
  const emergency = ['21'];
  const isDefinitionError = (message: RegExp) => (error: Error & { code?: string }) => error.code === SCORE_DEFINITION_ERROR && message.test(error.message);
  assert.equal(compileLaceTable(rows, emergency).acuity.emergency, 3);
  assert.throws(() => compileLaceTable(rows.filter((r) => !(r.component === 'L' && r.range === '3')), emergency), isDefinitionError(/component L: the ranges leave a gap at 3/));
  assert.throws(() => compileLaceTable([...rows, { component: 'E', range: '2-5', points: '2' }], emergency), isDefinitionError(/component E: the ranges overlap/));
  assert.throws(() => compileLaceTable(rows.filter((r) => r.range !== '>=4'), emergency), isDefinitionError(/no range covers 4 or more/));
  assert.throws(() => compileLaceTable([...rows, { component: 'X', range: '1', points: '1' }], emergency), isDefinitionError(/unknown component 'X'/));
  assert.throws(() => compileLaceTable([...rows, { component: 'L', range: 'a while', points: '1' }], emergency), isDefinitionError(/range 'a while'/));
  assert.throws(() => compileLaceTable(rows.filter((r) => r.range !== 'emergency'), emergency), isDefinitionError(/needs both/));
  assert.throws(() => compileLaceTable(rows, []), isDefinitionError(/no emergency admission method/));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadScoreDefinitions } from '../../definitions/score-definitions.loader.ts';
import { compileEfiTable, countDistinctMedications, scoreEfi, type CodedEvent, type EfiDefinitionRows, type MedicationRecord } from '../../domain/scores/efi.ts';
import { SCORE_DEFINITION_ERROR } from '../../domain/scores/score-common.util.ts';
import { readReferenceCsv } from '../../../../kernel/reference.ts';
import { groupBy, specTable, type SpecRow } from './spec-table.ts';

const { efi: table } = loadScoreDefinitions();
const AS_OF = '2025-12-31';

/**
 * GP coded events per person (SNOMED CT unless the system says otherwise). Deficits (efi_deficits.csv):
 * 21134002 Disability → activity limitation; 1912002 Fall → falls; 420279001 Renal disorder due to
 * type 2 diabetes → chronic kidney disease AND diabetes; 4855003 Retinopathy due to diabetes →
 * diabetes; 160689007 Housebound → housebound; 10692681000119108 Aspirin exacerbated respiratory
 * disease → respiratory disease (an identifier above Number.MAX_SAFE_INTEGER).
 */
const EVENTS = specTable(`
  person | age | date       | system    | code
  1      | 80  | 2019-04-01 | SNOMED CT | 21134002
  1      | 80  | 2025-12-31 | SNOMED CT | 1912002
  1      | 80  | 2020-01-01 | SNOMED CT | 420279001
  1      | 80  | 2021-01-01 | SNOMED CT | 4855003
  1      | 80  | 2021-01-01 | SNOMED CT | 4855003
  1      | 80  | 2026-01-01 | SNOMED CT | 160689007
  2      | 80  | 2019-04-01 | SNOMED CT | 21134002
  2      | 80  | 2025-12-31 | SNOMED CT | 1912002
  2      | 80  | 2020-01-01 | SNOMED CT | 420279001
  3      | 80  | 2020-01-01 | ICD-10    | 21134002
  3      | 80  | 2020-01-01 | ICD-10    | E11
  4      | 64  | 2020-01-01 | SNOMED CT | 21134002
  5      | 65  | 2020-01-01 | SNOMED CT | 21134002
  6      | 70  | 1990-01-01 | SNOMED CT | 10692681000119108
  7      | 80  |            |           |
  8      | 80  |            |           |
`);

/** Medications per person: distinct codes prescribed in the 365 days to 2025-12-31 (from 2025-01-01). */
const MEDICATIONS = specTable(`
  person | start      | end        | system | code
  2      | 2025-02-01 |            | dm+d   | 39720311000001101
  2      | 2024-06-01 |            | dm+d   | 42206811000001100
  2      | 2023-01-01 | 2025-01-01 | dm+d   | 322236009
  2      | 2025-12-31 |            | dm+d   | 317972000
  2      | 2025-03-01 | 2025-04-01 | dm+d   | 318135004
  7      | 2025-02-01 |            | dm+d   | 39720311000001101
  7      | 2025-03-01 |            | dm+d   | 39720311000001101
  7      | 2025-02-01 |            | dm+d   | 42206811000001100
  7      | 2025-02-01 |            | dm+d   | 322236009
  7      | 2025-02-01 |            | dm+d   | 317972000
  8      | 2025-02-01 |            | dm+d   | 39720311000001101
  8      | 2025-02-01 |            | dm+d   | 42206811000001100
  8      | 2025-02-01 |            | dm+d   | 322236009
  8      | 2025-02-01 |            | dm+d   | 317972000
  8      | 2023-01-01 | 2024-12-31 | dm+d   | 318135004
  8      | 2026-01-01 |            | dm+d   | 319740004
`);

const EXPECTED = specTable(`
  person | deficits | band | why
  1      | 4        | fit  | activity limitation, falls (on the date), CKD and diabetes from one code, diabetes again once; housebound is after the date
  2      | 5        | mild | 3 coded (CKD and diabetes from one code) + polypharmacy: 5 medications current in the 12 months
  3      | 0        | fit  | codes in ICD-10 are not read, even when the digits match a SNOMED CT code
  4      | null     |      | under 65: not scored
  5      | 1        | fit  | 65 is eligible
  6      | 1        | fit  | a SNOMED CT id beyond MAX_SAFE_INTEGER matches as text, however old
  7      | 0        | fit  | 5 records but 4 distinct medications
  8      | 0        | fit  | 4 in the window: one ended the day before it, one starts after the date
`);

function eventsOf(rows: readonly SpecRow[]): CodedEvent[] {
  return rows.filter((r) => r.code !== '').map((r) => ({ eventDate: r.date!, code: { system: r.system!, code: r.code! } }));
}

function medicationsOf(rows: readonly SpecRow[]): MedicationRecord[] {
  return rows.map((r) => ({ startDate: r.start!, endDate: r.end || undefined, code: { system: r.system!, code: r.code! } }));
}

test('eFI spec: deficits on a date (Clegg 2016)', () => {
  const events = groupBy(EVENTS, 'person');
  const medications = groupBy(MEDICATIONS, 'person');
  for (const expected of EXPECTED) {
    const rows = events.get(expected.person!)!;
    const result = scoreEfi(table, {
      age: Number(rows[0]!.age), asOf: AS_OF, events: eventsOf(rows), medications: medicationsOf(medications.get(expected.person!) ?? []),
    });
    const why = `person ${expected.person}: ${expected.why}`;
    if (expected.deficits === 'null') {
      assert.equal(result, null, why);
      continue;
    }
    assert.ok(result, why);
    assert.equal(result.factors.length, Number(expected.deficits), why);
    assert.equal(result.value, Number(expected.deficits) / 36, why);
    assert.equal(result.band, expected.band, why);
  }
});

test('eFI factors: one per deficit in Box 1 order, with the earliest code and its date; polypharmacy gives the count', () => {
  const result = scoreEfi(table, {
    age: 80, asOf: AS_OF,
    events: [
      { eventDate: '2021-01-01', code: { system: 'SNOMED CT', code: '4855003' } },
      { eventDate: '2020-01-01', code: { system: 'SNOMED CT', code: '420279001' } },
      { eventDate: '2019-04-01', code: { system: 'SNOMED CT', code: ' 21134002 ' } },
    ],
    medications: ['1', '2', '3', '4', '5', '6'].map((code) => ({ startDate: '2025-06-01', code: { system: 'dm+d', code } })),
  });
  assert.deepEqual(result, {
    name: 'efi', value: 4 / 36, band: 'fit', version: 'efi-clegg-2016-snomed-gmsde',
    factors: [
      { label: 'Activity limitation: Disability (finding)', code: '21134002', codeSystem: 'SNOMED CT', date: '2019-04-01', contribution: 1 },
      { label: 'Chronic kidney disease: Renal disorder due to type 2 diabetes mellitus (disorder)', code: '420279001', codeSystem: 'SNOMED CT', date: '2020-01-01', contribution: 1 },
      { label: 'Diabetes: Renal disorder due to type 2 diabetes mellitus (disorder)', code: '420279001', codeSystem: 'SNOMED CT', date: '2020-01-01', contribution: 1 },
      { label: 'Polypharmacy: 6 medications prescribed in the 12 months to 2025-12-31', contribution: 1 },
    ],
  });
});

/** One code for each of the first n coded deficits, as events. */
function deficitEvents(n: number): CodedEvent[] {
  const coded = table.deficits.filter((d) => d.definitionType === 'coded');
  // Codes that are in only one deficit, so n events give exactly n deficits.
  const single = new Map<string, string>();
  for (const [code, entry] of table.byCode) if (entry.deficits.length === 1 && !single.has(entry.deficits[0]!.key)) single.set(entry.deficits[0]!.key, code);
  return coded.slice(0, n).map((d) => ({ eventDate: '2020-01-01', code: { system: 'SNOMED CT', code: single.get(d.key)! } }));
}

test('eFI bands by deficit count: fit 0–4, mild 5–8, moderate 9–12, severe 13–36', () => {
  const cases: [number, string][] = [[0, 'fit'], [4, 'fit'], [5, 'mild'], [8, 'mild'], [9, 'moderate'], [12, 'moderate'], [13, 'severe'], [35, 'severe']];
  for (const [n, band] of cases) {
    const result = scoreEfi(table, { age: 80, asOf: AS_OF, events: deficitEvents(n), medications: [] })!;
    assert.equal(result.factors.length, n);
    assert.equal(result.band, band, `${n} deficits`);
    assert.equal(result.value, n / 36);
  }
  const all = scoreEfi(table, {
    age: 80, asOf: AS_OF, events: deficitEvents(35),
    medications: ['1', '2', '3', '4', '5'].map((code) => ({ startDate: '2025-06-01', code: { system: 'dm+d', code } })),
  })!;
  assert.equal(all.value, 1, 'all 36 deficits');
  assert.equal(all.band, 'severe');
  assert.equal(all.factors[25]?.label.startsWith('Polypharmacy'), true, 'polypharmacy is deficit 26 in Box 1 order');
});

test('eFI polypharmacy: 5 distinct medications in the 365 days up to and including the date', () => {
  const med = (code: string, startDate: string, endDate?: string, system = 'dm+d'): MedicationRecord => ({ startDate, endDate, code: { system, code } });
  assert.equal(countDistinctMedications([], AS_OF), 0);
  assert.equal(countDistinctMedications([med('1', '2025-12-31'), med('2', '2026-01-01')], AS_OF), 1, 'starts after the date');
  assert.equal(countDistinctMedications([med('1', '2020-01-01', '2025-01-01'), med('2', '2020-01-01', '2024-12-31')], AS_OF), 1, 'window starts 2025-01-01');
  assert.equal(countDistinctMedications([med('1', '2025-01-01'), med('1', '2025-06-01')], AS_OF), 1, 'the same code twice');
  assert.equal(countDistinctMedications([med('1', '2025-01-01'), med('1', '2025-06-01', undefined, 'RxNorm')], AS_OF), 2, 'same digits in another system');
  const many = Array.from({ length: 100 }, (_, i) => med(String(i % 70), '2025-06-01'));
  assert.equal(countDistinctMedications(many, AS_OF), 70, 'long lists are counted the same way');
});

test('eFI eligibility: an unknown age is not scored', () => {
  assert.equal(scoreEfi(table, { age: null, asOf: AS_OF, events: deficitEvents(3), medications: [] }), null);
});

function referenceRows(): EfiDefinitionRows {
  return {
    deficits: readReferenceCsv('efi_deficits_list.csv').map((r) => ({ deficitNumber: r.deficit_number!, deficit: r.deficit!, deficitName: r.deficit_name!, definitionType: r.definition_type! })),
    codes: readReferenceCsv('efi_deficits.csv').map((r) => ({ deficit: r.deficit!, system: 'SNOMED CT', code: r.snomed_code!, term: r.description! })),
    bands: readReferenceCsv('efi_bands.csv').map((r) => ({ band: r.band!, minDeficits: r.min_deficits!, maxDeficits: r.max_deficits! })),
  };
}

test('eFI definition: code lists must be SNOMED CT, and the table must be the 36-deficit eFI', () => {
  const rows = referenceRows();
  assert.equal(compileEfiTable(rows).byCode.size, table.byCode.size);
  const isDefinitionError = (message: RegExp) => (error: Error & { code?: string }) => error.code === SCORE_DEFINITION_ERROR && message.test(error.message);
  const codes = rows.codes;
  assert.throws(() => compileEfiTable({ ...rows, codes: [{ ...codes[0]!, system: 'ICD-10', code: 'E11.9' }, ...codes.slice(1)] }),
    isDefinitionError(/code system 'ICD-10'; eFI code lists must be SNOMED CT/));
  assert.throws(() => compileEfiTable({ ...rows, codes: [{ ...codes[0]!, code: 'E11.9' }, ...codes.slice(1)] }),
    isDefinitionError(/'E11.9' is not a valid SNOMED CT code/));
  assert.throws(() => compileEfiTable({ ...rows, codes: [{ ...codes[0]!, code: '21134003' }, ...codes.slice(1)] }),
    isDefinitionError(/not a valid SNOMED CT code/), 'a wrong check digit');
  assert.throws(() => compileEfiTable({ ...rows, codes: [...codes, { ...codes[0]!, deficit: 'polypharmacy' }] }), isDefinitionError(/computed and takes no codes/));
  assert.throws(() => compileEfiTable({ ...rows, codes: [...codes, { ...codes[0]!, deficit: 'frailty' }] }), isDefinitionError(/unknown deficit 'frailty'/));
  assert.throws(() => compileEfiTable({ ...rows, codes: codes.filter((c) => c.deficit !== 'falls') }), isDefinitionError(/without any code: falls/));
  assert.throws(() => compileEfiTable({ ...rows, deficits: rows.deficits.slice(1) }), isDefinitionError(/35 deficits; the eFI has 36/));
  assert.throws(() => compileEfiTable({ ...rows, bands: rows.bands.slice(0, 3) }), isDefinitionError(/no band covers 13 deficits/));
  assert.throws(() => compileEfiTable({ ...rows, bands: [...rows.bands, { band: 'very severe', minDeficits: '30', maxDeficits: '36' }] }), isDefinitionError(/overlap at 30/));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Activity } from '../domain/activity.ts';
import {
  activityToCsvValues, CSV_LAYOUTS, deriveWeeklyCostPence, detectCsvLayout, LAYOUT_OF_KIND, parseCsvRow, personToCsvValues,
  type BoundCsvLayout, type CsvLayoutName, type CsvParseContext,
} from '../domain/csv-layouts.ts';
import { createCsvTokenizer } from '../domain/csv-reader.ts';
import { isIsoDate } from '../domain/csv-values.ts';
import { loadImportVocabulary } from '../import/import-vocabulary.ts';
import { IMPORT_TODAY, NHS } from './fixtures/import-support.ts';
import { SAMPLE_PERSONS } from './fixtures/sample-place.ts';

const ctx: CsvParseContext = { today: IMPORT_TODAY, now: `${IMPORT_TODAY}T23:59:59.999Z`, vocabulary: loadImportVocabulary() };

function bind(header: string): BoundCsvLayout {
  const detected = detectCsvLayout(header.split(','));
  if (!detected.ok) throw new Error(detected.reason);
  return detected.bound;
}

function parse(header: string, row: string) {
  return parseCsvRow(bind(header), row.split(','), ctx);
}

function reasonOf(header: string, row: string): string {
  const result = parse(header, row);
  assert.equal(result.ok, false, `expected ${row} to be rejected`);
  return (result as { reason: string }).reason;
}

test('every layout is recognised from the header its writer writes', () => {
  for (const [name, layout] of CSV_LAYOUTS) {
    const detected = detectCsvLayout([...layout.writerColumns]);
    assert.ok(detected.ok, `${name}: ${(detected as { reason?: string }).reason}`);
    assert.equal(detected.bound.layout.name, name);
    assert.deepEqual(detected.bound.ignoredColumns, []);
  }
});

test('header names match without case or punctuation, and real aliases are read', () => {
  const hes = bind('NHS Number,Spell_ID,ADMIDATE,DisDate,AdmiMeth,DISDEST,DIAG_4_01');
  assert.equal(hes.layout.name, 'apc_spells');
  assert.equal(hes.index.admission_date, 2);
  assert.equal(hes.index.discharge_destination, 5);
  assert.equal(hes.index.record_id, 1);
  const cld = bind('NHS_Number,LA_Person_Unique_Identifier,Gender,Event_Type,Event_Start_Date,Client_Type,Unknown_Extra');
  assert.equal(cld.layout.name, 'social_care_events');
  assert.equal(cld.index.local_person_id, 1);
  assert.equal(cld.index.sex, 2);
  assert.deepEqual(cld.ignoredColumns, ['Unknown_Extra']);
  assert.equal(bind('nhs number,Date Of Birth,SURNAME').layout.name, 'persons');
});

test('a header that is not a layout gets a reason naming what is missing', () => {
  const partial = detectCsvLayout(['nhs_number', 'admission_date', 'discharge_date']);
  assert.deepEqual(partial, { ok: false, reason: 'header looks like apc_spells but has no column admission_method' });
  const unknown = detectCsvLayout(['colour', 'size']);
  assert.equal(unknown.ok, false);
  assert.match((unknown as { reason: string }).reason, /^header is not one Seamless knows \(columns: colour, size\)/);
  const twice = detectCsvLayout(['nhs_number', 'NHS Number', 'event_date', 'snomed_code']);
  assert.deepEqual(twice, { ok: false, reason: "header names column 'NHS Number' twice" });
  const noIdentity = detectCsvLayout(['event_date', 'snomed_code']);
  assert.equal(noIdentity.ok, false);
});

const GP = 'nhs_number,record_id,event_date,snomed_code,term,value,unit';
const APC = 'nhs_number,record_id,admission_date,discharge_date,admission_method,discharge_destination,primary_diagnosis,secondary_diagnoses,procedures,cost';

test('rejected rows say what is wrong in words a person can act on', () => {
  // Spec table: row → reason.
  const cases: [header: string, row: string, reason: string][] = [
    [APC, `${NHS[0]},S1,2031-01-01,,21,19,J18.9,,,`, "admission_date '2031-01-01' is in the future"],
    ['nhs_number,admidate,admimeth', `${NHS[0]},2031-01-01,21`, "admidate '2031-01-01' is in the future"],
    [GP, `${NHS[0]},E1,2024-01-01,E11.9,,,`, "'E11.9' is not a valid SNOMED CT code in column snomed_code"],
    [GP, `${NHS[0]},E1,2024-01-01,44054006,,,,,`, 'row has 9 fields, header has 7'],
    [GP, '9434765918,E1,2024-01-01,44054006,,,', "NHS number '9434765918' fails the Modulus 11 check digit"],
    [GP, '12345,E1,2024-01-01,44054006,,,', "NHS number '12345' must be 10 digits"],
    [GP, `${NHS[0]},E1,2024-02-30,44054006,,,`, "event_date '2024-02-30' is not a date (use YYYY-MM-DD)"],
    [GP, `${NHS[0]},E1,,44054006,,,`, 'event_date is empty'],
    [GP, `${NHS[0]},E1,2024-01-01,44054006,,high,`, "value 'high' is not a number"],
    [GP, ',E1,2024-01-01,44054006,,,', 'row does not identify the person: give nhs_number, local_person_id, or date_of_birth with family_name'],
    [APC, `${NHS[0]},S1,2024-01-05,2024-01-03,21,19,J18.9,,,`, "discharge_date '2024-01-03' is before admission_date '2024-01-05'"],
    [APC, `${NHS[0]},S1,2024-01-05,,77,,J18.9,,,`, "admission_method '77' is not a known admission method value (e.g. '11', '12', '13')"],
    [APC, `${NHS[0]},S1,2024-01-05,,21,19,J18.9,I10;44054006,,`, "'44054006' is not a valid ICD-10 code in column secondary_diagnoses"],
    [APC, `${NHS[0]},S1,2024-01-05,,21,19,J18.9,,Z99.9X,`, "'Z99.9X' is not a valid OPCS-4 code in column procedures"],
    [APC, `${NHS[0]},S1,2024-01-05,,21,19,J18.9,,,-5`, "cost '-5' is negative"],
    ['local_person_id,Event_Type,Event_Start_Date,Client_Type', 'LA-1,Visit,2024-01-01,Service user', "Event_Type 'Visit' is not a known CLD Event_Type value (e.g. 'Request', 'Assessment', 'Service')"],
    ['local_person_id,Event_Type,Event_Start_Date,Client_Type,Service_Type', 'LA-1,Service,2024-01-01,Service user,Home care', "Service_Type 'Home care' is not a known CLD Service_Type value (e.g. 'Long term support: Nursing care', 'Long term support: Residential care', 'Long term support: Community')"],
    ['nhs_number,setting,contact_date', `${NHS[0]},hospital,2024-01-01`, "setting 'hospital' must be 'community' or 'mental_health'"],
    ['nhs_number,service,contact_at', `${NHS[0]},ambulance,2025-07-01T10:00:00Z`, "contact_at '2025-07-01T10:00:00Z' is in the future"],
  ];
  for (const [header, row, reason] of cases) assert.equal(reasonOf(header, row), reason, row);
});

test('valid rows become the activity with codes normalised and money in pence', () => {
  const apc = parse(APC, `${NHS[0]},S1,03/01/2024,2024-01-09,21,19,j18.9,I10X;E11.9,X29.2,"3521.5"`.replace('"3521.5"', '3521.5'));
  assert.ok(apc.ok);
  assert.deepEqual(apc.identity, { nhsNumber: NHS[0], localId: undefined, familyName: undefined, givenName: undefined, postcode: undefined });
  assert.deepEqual(apc.activity, {
    kind: 'apc_spell', recordKey: 'S1', sourceOrg: undefined, spellNumber: undefined, admissionDate: '2024-01-03', dischargeDate: '2024-01-09',
    admissionMethod: '21', admissionSource: undefined, dischargeMethod: undefined, dischargeDestination: '19', diagnoses: ['J189', 'I10', 'E119'],
    procedures: [{ code: 'X292', date: undefined }], lengthOfStay: undefined, costPence: 352150,
  });
});

test('CLD values are matched without case and stored in the current spelling; weekly cost is derived', () => {
  const header = 'local_person_id,Event_Type,Event_Start_Date,Client_Type,Service_Type,Unit_Cost,Cost_Frequency_Unit_Type,Planned_units_per_week';
  const result = parse(header, 'LA-1,service,2024-01-01,SERVICE USER,long term support: community,24.50,hourly,10');
  assert.ok(result.ok);
  const event = result.activity as Extract<Activity, { kind: 'social_care_event' }>;
  assert.equal(event.eventType, 'Service');
  assert.equal(event.clientType, 'Service user');
  assert.equal(event.serviceType, 'Long term support: Community');
  assert.equal(event.costFrequencyUnitType, 'Hourly');
  assert.equal(event.weeklyCostPence, 24_500);
});

test('weekly cost from unit cost and frequency', () => {
  const table: [unit: number | undefined, frequency: string | undefined, planned: number | undefined, weekly: number | undefined][] = [
    [2450, 'Hourly', 10, 24_500],
    [2450, 'Hourly', undefined, undefined],
    [8000, 'Daily', 2.5, 20_000],
    [70000, 'Weekly', undefined, 70_000],
    [70000, 'Weekly', 2, 140_000],
    [100000, 'Fortnightly', undefined, 50_000],
    [100000, '4-weekly', undefined, 25_000],
    [52000, 'Monthly', undefined, 12_000],
    [52000, 'Quarterly', undefined, 4_000],
    [52000, 'Annually', undefined, 1_000],
    [50000, 'One-off', undefined, undefined],
    [undefined, 'No charge to client', undefined, 0],
    [2450, undefined, 10, undefined],
  ];
  for (const [unit, frequency, planned, weekly] of table) assert.equal(deriveWeeklyCostPence(unit, frequency, planned), weekly, `${unit} ${frequency} ${planned}`);
});

test('a row without a record id is keyed by its activity fields, not its identity columns', () => {
  const header = 'nhs_number,date_of_birth,event_date,snomed_code';
  const a = parse(header, `${NHS[0]},1936-12-10,2024-01-01,44054006`);
  const b = parse(header, `${NHS[0]},,2024-01-01,44054006`);
  const c = parse(header, `${NHS[0]},,2024-01-02,44054006`);
  assert.ok(a.ok && b.ok && c.ok);
  assert.match(a.activity!.recordKey, /^h[0-9a-f]{16}$/);
  assert.equal(a.activity!.recordKey, b.activity!.recordKey);
  assert.notEqual(a.activity!.recordKey, c.activity!.recordKey);
});

test('what the CSV writer writes reads back as the same person and activity', () => {
  for (const { person, activities } of SAMPLE_PERSONS) {
    const personRow = parseCsvRow(bind(CSV_LAYOUTS.get('persons')!.writerColumns.join(',')), personToCsvValues(person), ctx);
    assert.ok(personRow.ok);
    assert.equal(personRow.identity.nhsNumber, person.nhsNumber);
    assert.equal(personRow.identity.dateOfBirth, person.dateOfBirth);
    for (const activity of activities) {
      const name: CsvLayoutName = LAYOUT_OF_KIND[activity.kind];
      const row = parseCsvRow(bind(CSV_LAYOUTS.get(name)!.writerColumns.join(',')), activityToCsvValues(person, activity), ctx);
      assert.ok(row.ok, `${activity.kind}: ${(row as { reason?: string }).reason}`);
      assert.deepEqual(stripUndefined(row.activity), stripUndefined(activity), activity.kind);
    }
  }
});

function stripUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

test('the tokenizer gives the same records whatever the chunk size, with lines and raw text', () => {
  const text = 'a,b,c\r\n1,"x,y",3\n\n"multi\nline","q""q",z\n4,5,"6"\r\nlast,"cut';
  const expected: unknown[] = [];
  const collect = (out: unknown[]) => createCsvTokenizer((fields, line, raw, error) => out.push({ fields, line, raw, error }));
  const whole = collect(expected);
  whole.push(text);
  whole.end();
  assert.deepEqual(expected, [
    { fields: ['a', 'b', 'c'], line: 1, raw: 'a,b,c', error: undefined },
    { fields: ['1', 'x,y', '3'], line: 2, raw: '1,"x,y",3', error: undefined },
    { fields: ['multi\nline', 'q"q', 'z'], line: 4, raw: '"multi\nline","q""q",z', error: undefined },
    { fields: ['4', '5', '6'], line: 6, raw: '4,5,"6"', error: undefined },
    { fields: ['last', 'cut'], line: 7, raw: 'last,"cut', error: 'file ends inside a quoted field (a closing " is missing)' },
  ]);
  for (const size of [1, 2, 3, 7]) {
    const got: unknown[] = [];
    const tokenizer = collect(got);
    for (let i = 0; i < text.length; i += size) tokenizer.push(text.slice(i, i + size));
    tokenizer.end();
    assert.deepEqual(got, expected, `chunk size ${size}`);
  }
});

test('calendar dates are checked without a Date object', () => {
  for (const [text, ok] of [['2024-02-29', true], ['2023-02-29', false], ['1900-02-29', false], ['2000-02-29', true], ['2024-13-01', false],
    ['2024-04-31', false], ['2024-4-01', false], ['2024-01-0a', false], ['20240101', false]] as const) {
    assert.equal(isIsoDate(text), ok, text);
  }
});

test('docs/importing.md documents every column of every layout', async () => {
  const { readFileSync } = await import('node:fs');
  const docs = readFileSync(new URL('../../../../docs/importing.md', import.meta.url), 'utf8');
  const identity = new Set(['nhs_number', 'local_person_id', 'source_system', 'source_patient_id', 'family_name', 'given_name', 'date_of_birth', 'sex', 'postcode']);
  for (const [name, layout] of CSV_LAYOUTS) {
    const start = docs.indexOf(`\n### ${name}\n`);
    assert.ok(start >= 0, `no section for ${name}`);
    const end = docs.indexOf('\n### ', start + 1);
    const section = docs.slice(start, end < 0 ? undefined : end);
    assert.ok(section.includes(`examples/csv/${name}.csv`), `${name}: example file`);
    for (const column of layout.columns) {
      if (name !== 'persons' && identity.has(column.name)) continue;
      assert.ok(section.includes(`| \`${column.name}\` |`), `${name}: column ${column.name} is not documented`);
    }
  }
});

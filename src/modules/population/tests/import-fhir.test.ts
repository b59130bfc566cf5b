import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { importFiles, listQuarantine } from '../import/index.ts';
import { countAll, IMPORT_TODAY, makeTempDir, NHS, selectRows, SYNTHEA_DIR, writeFile } from './fixtures/import-support.ts';

const opts = { today: IMPORT_TODAY };
const SNOMED = 'http://snomed.info/sct';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const OPCS4 = 'http://hl7.org/fhir/sid/opcs-4';
const LOINC = 'http://loinc.org';
const DMD = 'https://dmd.nhs.uk';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const subject = { reference: 'Patient/p1' };

/** An NDJSON file exercising the mapping and every kind of bad line; the comment is the expected outcome. */
const NDJSON_LINES: string[] = [
  /* 1 GP event for a Patient not seen yet */ JSON.stringify({ resourceType: 'Condition', id: 'c1', subject, code: { coding: [{ system: SNOMED, code: '44054006', display: 'Type 2 diabetes' }] }, onsetDateTime: '2023-04-18' }),
  /* 2 the Patient: same person, NHS number filled */ JSON.stringify({ resourceType: 'Patient', id: 'p1', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: NHS[3] }], name: [{ family: 'Herschel', given: ['Caroline'] }], gender: 'female', birthDate: '1950-03-16', address: [{ postalCode: 'ls7 3qb' }] }),
  /* 3 hospital spell */ JSON.stringify({ resourceType: 'Encounter', id: 'e1', status: 'finished', class: { system: ACT, code: 'IMP' }, subject, period: { start: '2024-03-01T10:00:00Z', end: '2024-03-05T12:00:00Z' }, hospitalization: { extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod', valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland', code: '21' }] } }], dischargeDisposition: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland', code: '19' }] } } }),
  /* 4 primary diagnosis */ JSON.stringify({ resourceType: 'Condition', id: 'c2', subject, encounter: { reference: 'Encounter/e1' }, code: { coding: [{ system: ICD10, code: 'J18.9' }] } }),
  /* 5 secondary diagnosis */ JSON.stringify({ resourceType: 'Condition', id: 'c3', subject, encounter: { reference: 'Encounter/e1' }, code: { coding: [{ system: ICD10, code: 'I10X' }] } }),
  /* 6 spell procedure */ JSON.stringify({ resourceType: 'Procedure', id: 'pr1', status: 'completed', subject, encounter: { reference: 'Encounter/e1' }, code: { coding: [{ system: OPCS4, code: 'X29.2' }] }, performedDateTime: '2024-03-02' }),
  /* 7 skipped: LOINC only */ JSON.stringify({ resourceType: 'Observation', id: 'o1', status: 'final', subject, code: { coding: [{ system: LOINC, code: '8302-2' }] }, effectiveDateTime: '2024-01-01', valueQuantity: { value: 160, unit: 'cm' } }),
  /* 8 GP event with a value */ JSON.stringify({ resourceType: 'Observation', id: 'o2', status: 'final', subject, code: { coding: [{ system: LOINC, code: '39156-5' }, { system: SNOMED, code: '60621009' }] }, effectiveDateTime: '2024-02-11', valueQuantity: { value: 31.5, unit: 'kg/m2' } }),
  /* 9 skipped: not used */ JSON.stringify({ resourceType: 'Claim', id: 'cl1', patient: subject }),
  /* 10 */ '{not json',
  /* 11 wrong code system */ JSON.stringify({ resourceType: 'Condition', id: 'c4', subject, code: { coding: [{ system: SNOMED, code: 'E11.9' }] }, onsetDateTime: '2024-01-01' }),
  /* 12 invalid NHS number */ JSON.stringify({ resourceType: 'Patient', id: 'p2', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }], birthDate: '1960-01-01' }),
  /* 13 future */ JSON.stringify({ resourceType: 'Encounter', id: 'e2', status: 'finished', class: { system: ACT, code: 'EMER' }, subject, period: { start: '2031-01-01T10:00:00Z' } }),
  /* 14 unknown spell */ JSON.stringify({ resourceType: 'Condition', id: 'c5', subject, encounter: { reference: 'Encounter/nowhere' }, code: { coding: [{ system: ICD10, code: 'R69' }] } }),
  /* 15 medication */ JSON.stringify({ resourceType: 'MedicationRequest', id: 'm1', status: 'active', intent: 'order', subject, medicationCodeableConcept: { coding: [{ system: DMD, code: '39113611000001102', display: 'Metformin 500mg tablets' }] }, authoredOn: '2023-04-18' }),
  /* 16 cut short */ '{"resourceType":"Observation","id":"cut","status":"fi',
];

for (const store of storeNames()) {
  test(`the three Synthea bundles load without error on ${store}`, async () => {
    await withStore(store, async (db) => {
      const summary = await importFiles(db, [SYNTHEA_DIR], opts);
      assert.equal(summary.files.length, 3);
      assert.equal(summary.quarantined, 0);
      assert.deepEqual(summary.files.map((f) => [path.basename(f.file).slice(11, 19), f.format, f.loaded, f.skipped]), [
        ['Carroll4', 'fhir-bundle', 29, 142],
        ['Frankie1', 'fhir-bundle', 68, 219],
        ['Kallie86', 'fhir-bundle', 82, 215],
      ]);
      assert.deepEqual(summary.files[0]!.skippedByType, {
        Organization: 2, Practitioner: 2, Claim: 16, ExplanationOfBenefit: 14, 'Observation (LOINC only)': 88, Immunization: 11,
        DiagnosticReport: 5, CareTeam: 2, CarePlan: 2,
      });
      const counts = await countAll(db);
      assert.deepEqual([counts.person, counts.op_appointment, counts.ae_attendance, counts.gp_event, counts.gp_medication, counts.apc_spell], [3, 71, 4, 46, 55, 0]);
      const persons = await selectRows<{ local_id: string; family_name: string; date_of_birth: string; sex: string; date_of_death: string | null; nhs_number: string | null }>(db,
        'select local_id, family_name, date_of_birth, sex, date_of_death, nhs_number from person order by date_of_birth');
      assert.deepEqual(persons.map((p) => [p.family_name, p.date_of_birth, p.sex, p.date_of_death, p.nhs_number, /^L\d{9}$/.test(p.local_id)]), [
        ['Frami345', '1945-12-19', '2', '2011-09-07', null, true],
        ["O'Hara248", '1954-06-13', '1', null, null, true],
        ['Jast432', '1975-08-12', '1', null, null, true],
      ]);
      const sources = await selectRows<{ n: number }>(db, "select count(*) as n from person_identifier where system = 'source:fhir'");
      assert.equal(Number(sources[0]!.n), 3);
    });
  });

  for (const batchSize of [3, 1000]) {
    test(`NDJSON: mapping, references before their Patient, and bad lines (batches of ${batchSize}) on ${store}`, async (t) => {
      await withStore(store, async (db) => {
        const dir = makeTempDir(t);
        const file = writeFile(dir, 'mixed.ndjson', NDJSON_LINES.join('\n'));
        const summary = await importFiles(db, [file], { ...opts, batchSize });
        const f = summary.files[0]!;
        assert.equal(f.format, 'fhir-ndjson');
        assert.deepEqual([f.loaded, f.duplicates, f.quarantined, f.skipped], [7, 1, 6, 2]);
        assert.deepEqual(f.skippedByType, { 'Observation (LOINC only)': 1, Claim: 1 });
        assert.deepEqual((await listQuarantine(db, f.runId)).map((q) => [q.line, q.reason]), [
          [10, `line is not valid JSON (${jsonErrorOf('{not json')})`],
          [11, "Condition: 'E11.9' is not a valid SNOMED CT code in Condition.code"],
          [12, "Patient: NHS number '9434765918' fails the Modulus 11 check digit (Patient.identifier)"],
          [13, "Encounter: Encounter.period.start '2031-01-01T10:00:00Z' is in the future"],
          [14, 'Condition: refers to Encounter/nowhere, which is not a hospital spell loaded in Seamless (import the Encounter first; ICD-10 and OPCS-4 codes are kept on hospital spells only)'],
          [16, 'file ends in the middle of a JSON document (the last line is cut short)'],
        ]);
        const persons = await selectRows<{ id: number; nhs_number: string; family_name: string; postcode: string; sex: string }>(db,
          'select id, nhs_number, family_name, postcode, sex from person');
        assert.deepEqual(persons.map((p) => [p.nhs_number, p.family_name, p.postcode, p.sex]), [[NHS[3], 'Herschel', 'LS7 3QB', '2']]);
        const spell = await selectRows(db, 'select record_key, admission_date, discharge_date, admission_method, discharge_destination, primary_diagnosis, length_of_stay from apc_spell');
        assert.deepEqual(spell, [{ record_key: 'e1', admission_date: '2024-03-01', discharge_date: '2024-03-05', admission_method: '21', discharge_destination: '19', primary_diagnosis: 'J189', length_of_stay: 4 }]);
        assert.deepEqual(await selectRows(db, 'select position, icd10_code from apc_diagnosis order by position'), [{ position: 1, icd10_code: 'J189' }, { position: 2, icd10_code: 'I10' }]);
        assert.deepEqual(await selectRows(db, 'select position, opcs4_code, procedure_date from apc_procedure'), [{ position: 1, opcs4_code: 'X292', procedure_date: '2024-03-02' }]);
        assert.deepEqual(await selectRows(db, 'select record_key, code, value from gp_event order by record_key'), [
          { record_key: 'c1', code: '44054006', value: null }, { record_key: 'o2', code: '60621009', value: 31.5 },
        ]);
        assert.deepEqual(await selectRows(db, 'select record_key, code_system, code, term from gp_medication'), [
          { record_key: 'm1', code_system: 'dm+d', code: '39113611000001102', term: 'Metformin 500mg tablets' },
        ]);
        // Every record, early or late, is about the one person.
        const owners = await selectRows<{ person_id: number }>(db, 'select distinct person_id from gp_event union select person_id from apc_spell union select person_id from gp_medication');
        assert.deepEqual(owners.map((o) => Number(o.person_id)), [persons[0]!.id]);
        const identifiers = await selectRows<{ system: string; match_method: string }>(db, 'select system, match_method from person_identifier order by system');
        assert.deepEqual(identifiers.map((i) => [i.system, i.match_method]), [['nhs-number', 'source_id'], ['source:fhir', 'new']]);

        await t.test('the diagnoses sent again in another file are not added twice', async () => {
          const again = writeFile(dir, 'again.ndjson', `${NDJSON_LINES[3]}\n${NDJSON_LINES[4]}\n${NDJSON_LINES[5]}\n`);
          const g = (await importFiles(db, [again], opts)).files[0]!;
          assert.deepEqual([g.loaded, g.duplicates, g.quarantined], [0, 3, 0]);
          assert.equal((await countAll(db)).apc_diagnosis, 2);
        });
      });
    });
  }

  test(`Bundle JSON: a bundle cut in half and a malformed entry on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const dir = makeTempDir(t);
      const text = fs.readFileSync(path.join(SYNTHEA_DIR, 'synthea_r4_Carroll471_OHara248_274f5452.json'), 'utf8');
      const cut = writeFile(dir, 'cut.json', text.slice(0, Math.floor(text.length / 2)));
      const f = (await importFiles(db, [cut], opts)).files[0]!;
      const quarantine = await listQuarantine(db, f.runId);
      assert.equal(quarantine.length, 1);
      assert.equal(quarantine[0]!.reason, 'file ends in the middle of a JSON document');
      assert.ok(f.loaded > 5 && f.loaded < 29, `loaded ${f.loaded}`);
      assert.equal(f.loaded + f.skipped + 1, quarantine[0]!.line, 'every complete entry before the cut was read');
      assert.equal((await countAll(db)).person, 1);

      const bad = writeFile(dir, 'bad-entry.json', `{"resourceType":"Bundle","type":"collection","entry":[
        {"fullUrl":"urn:uuid:aaa","resource":{"resourceType":"Patient","id":"aaa","birthDate":"1950-01-01","name":[{"family":"Noakes"}]}},
        {"resource":{"resourceType":"Patient","id":bbb}},
        {"resource":{"resourceType":"Encounter","id":"enc","status":"finished","class":{"code":"AMB"},"subject":{"reference":"urn:uuid:aaa"},"period":{"start":"2024-01-01"}}}
      ]}`);
      const g = (await importFiles(db, [bad], opts)).files[0]!;
      assert.deepEqual([g.loaded, g.quarantined], [2, 1]);
      assert.match((await listQuarantine(db, g.runId))[0]!.reason, /^entry 2 is not valid JSON \(/);
      const owner = await selectRows<{ family_name: string }>(db, "select family_name from person where id = (select person_id from op_appointment where record_key = 'enc')");
      assert.deepEqual(owner, [{ family_name: 'Noakes' }]);
    });
  });
}

function jsonErrorOf(text: string): string {
  try { JSON.parse(text); } catch (error) { return (error as Error).message.replace(/^Unexpected/, 'unexpected').slice(0, 120); }
  return '';
}

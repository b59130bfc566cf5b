import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { withTransaction, type Database } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { extractLocalId } from '../domain/csv-layouts.ts';
import { createCsvExtractWriter, createFhirNdjsonWriter, type ExtractWriter } from '../export/index.ts';
import { importFiles } from '../import/index.ts';
import { insertActivities } from '../store/activity.repository.ts';
import { insertPersons } from '../store/person.repository.ts';
import { IMPORT_TODAY, makeTempDir, selectRows } from './fixtures/import-support.ts';
import { SAMPLE_PERSONS } from './fixtures/sample-place.ts';

const TABLES: [table: string, order: string][] = [
  ['person', 'id'], ['gp_event', 'person_id, record_key'], ['gp_medication', 'person_id, record_key'], ['apc_spell', 'person_id, record_key'],
  ['apc_diagnosis', 'person_id, record_key, position'], ['apc_procedure', 'person_id, record_key, position'], ['ae_attendance', 'person_id, record_key'],
  ['op_appointment', 'person_id, record_key'], ['community_contact', 'person_id, record_key'], ['urgent_care_contact', 'person_id, record_key'],
  ['social_care_event', 'person_id, record_key'],
];

async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of TABLES) {
    const rows = await selectRows<Record<string, unknown>>(db, `select * from ${table} order by ${order}`);
    out[table] = rows.map((r) => { delete r.created_at; return r; });
  }
  return out;
}

async function writeSample(writer: ExtractWriter): Promise<{ files: string[]; records: number }> {
  for (const { person, activities } of SAMPLE_PERSONS) await writer.write(person, activities);
  return writer.close();
}

for (const store of storeNames()) {
  test(`what the CSV and FHIR writers write, the importers read back unchanged, on ${store}`, async (t) => {
    // The reference: the sample stored directly, with the local id an extract gives a person who has none.
    const expected = await withStore(store, async (db) => {
      await withTransaction(db, async (tx) => {
        await insertPersons(tx, SAMPLE_PERSONS.map(({ person }) => ({ ...person, localId: extractLocalId(person) })));
        await insertActivities(tx, SAMPLE_PERSONS.flatMap(({ person, activities }) => activities.map((activity) => ({ personId: person.id, activity }))));
      });
      return snapshot(db);
    });
    assert.equal(expected.apc_diagnosis!.length, 3);

    for (const [format, create, parseInWorker] of [['csv', createCsvExtractWriter, 'never'], ['fhir', createFhirNdjsonWriter, 'never'],
      ['csv', createCsvExtractWriter, 'always'], ['fhir', createFhirNdjsonWriter, 'always']] as const) {
      await t.test(`${format}${parseInWorker === 'always' ? ', parsed on a second thread' : ''}`, async () => {
        const dir = makeTempDir(t);
        const written = await writeSample(await create(dir));
        assert.equal(written.records, SAMPLE_PERSONS.length + SAMPLE_PERSONS.reduce((n, p) => n + p.activities.length, 0));
        assert.deepEqual(written.files.map((f) => path.basename(f)).sort(), format === 'csv'
          ? ['ae_attendances.csv', 'apc_spells.csv', 'community_contacts.csv', 'gp_events.csv', 'gp_medications.csv', 'op_appointments.csv', 'persons.csv',
            'social_care_events.csv', 'urgent_care_contacts.csv']
          : ['Condition.ndjson', 'Encounter.ndjson', 'MedicationRequest.ndjson', 'Observation.ndjson', 'Patient.ndjson', 'Procedure.ndjson', 'social_care_events.csv']);
        const actual = await withStore(store, async (db) => {
          const summary = await importFiles(db, [dir], { today: IMPORT_TODAY, parseInWorker });
          assert.equal(summary.quarantined, 0);
          assert.equal(summary.skipped, 0);
          // In FHIR a spell's procedures travel as Procedure resources of their own, each one record.
          const procedures = SAMPLE_PERSONS.flatMap((p) => p.activities).reduce((n, a) => n + (a.kind === 'apc_spell' ? a.procedures.length : 0), 0);
          assert.equal(summary.loaded, written.records + (format === 'fhir' ? procedures : 0));
          return snapshot(db);
        });
        for (const [table] of TABLES) assert.deepEqual(actual[table], expected[table], `${format}: ${table}`);
      });
    }
  });
}

test('the CSV writer streams a large extract to disk in full', async (t) => {
  const dir = makeTempDir(t);
  const writer = await createCsvExtractWriter(dir);
  const { person, activities } = SAMPLE_PERSONS[0]!;
  for (let i = 1; i <= 4000; i++) {
    await writer.write({ ...person, id: i, nhsNumber: undefined, localId: `LA-${i}` }, activities.map((a) => ({ ...a, recordKey: `${a.recordKey}-${i}` })));
  }
  const { files, records } = await writer.close();
  assert.equal(records, 4000 * (1 + activities.length));
  const lines = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').trimEnd().split('\n').length - 1;
  assert.equal(lines('persons.csv'), 4000);
  assert.equal(lines('gp_events.csv'), 8000);
  assert.equal(files.length, 8);
});

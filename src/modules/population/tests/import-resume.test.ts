import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from '../../../kernel/db/database.ts';
import { isSeamlessError } from '../../../kernel/errors.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { createFhirNdjsonWriter } from '../export/index.ts';
import { findImportRunBySha, importFiles, sha256File, type ImportOptions } from '../import/index.ts';
import { countAll, IMPORT_TODAY, makeTempDir, NHS, writeFile } from './fixtures/import-support.ts';
import { SAMPLE_PERSONS } from './fixtures/sample-place.ts';

/** 23 rows: persons made on the way, three bad rows spread through the file, one duplicate. */
function eventsFile(): string {
  const lines = ['nhs_number,given_name,family_name,date_of_birth,sex,record_id,event_date,snomed_code'];
  for (let i = 0; i < 23; i++) {
    const nhs = NHS[i % NHS.length]!;
    if (i === 3) lines.push(`9434765918,Bad,Number,1950-01-01,1,R${i},2024-01-01,44054006`);
    else if (i === 12) lines.push(`${nhs},A,B,1950-01-01,1,R${i},2030-01-01,44054006`);
    else if (i === 19) lines.push(`${nhs},A,B,1950-01-01,1,R${i},2024-01-01,E11.9`);
    else if (i === 21) lines.push(`${NHS[20 % NHS.length]},A,B,1950-01-01,1,R20,2024-01-20,44054006`); // the row before, again
    else lines.push(`${nhs},A,B,1950-01-0${1 + (i % 8)},1,R${i},2024-01-${String(1 + i).padStart(2, '0')},44054006`);
  }
  return `${lines.join('\n')}\n`;
}

async function interrupted(db: Database, paths: string[], options: ImportOptions): Promise<void> {
  await assert.rejects(importFiles(db, paths, options), (error: unknown) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_POPULATION_IMPORT_INTERRUPTED');
}

for (const store of storeNames()) {
  for (const parseInWorker of ['never', 'always'] as const) test(`an import killed half way resumes after its last batch, nothing lost or doubled (CSV${parseInWorker === 'always' ? ', parsed on a second thread' : ''}) on ${store}`, async (t) => {
    const dir = makeTempDir(t);
    const file = writeFile(dir, 'events.csv', eventsFile());
    const options = { today: IMPORT_TODAY, batchSize: 5, parseInWorker };
    const clean = await withStore(store, async (db) => {
      const summary = await importFiles(db, [file], options);
      return { counts: await countAll(db), file: summary.files[0]! };
    });
    assert.deepEqual([clean.file.loaded, clean.file.duplicates, clean.file.quarantined], [19, 1, 3]);

    await withStore(store, async (db) => {
      await interrupted(db, [file], { ...options, failAfterBatches: 2 });
      const run = (await findImportRunBySha(db, await sha256File(file)))!;
      // Two batches of five rows committed: lines 2–11; the third batch rolled back with the failure.
      assert.deepEqual([run.status, run.linesDone, run.loaded, run.quarantined], ['running', 11, 9, 1]);
      const partial = await countAll(db);
      assert.deepEqual([partial.gp_event, partial.import_quarantine], [9, 1]);

      const resumed = await importFiles(db, [file], options);
      const f = resumed.files[0]!;
      assert.equal(f.status, 'resumed');
      assert.equal(f.records, 23 - 10, 'only the rows after the checkpoint were read again');
      assert.deepEqual([f.loaded, f.duplicates, f.quarantined], [clean.file.loaded, clean.file.duplicates, clean.file.quarantined]);
      assert.deepEqual(await countAll(db), clean.counts);
      assert.equal((await importFiles(db, [file], options)).files[0]!.status, 'already_imported');
    });
  });

  test(`a folder import killed in its second file resumes there (FHIR NDJSON) on ${store}`, async (t) => {
    const dir = makeTempDir(t);
    const writer = await createFhirNdjsonWriter(dir);
    for (const { person, activities } of SAMPLE_PERSONS) await writer.write(person, activities);
    await writer.close();
    const options = { today: IMPORT_TODAY, batchSize: 2 };
    const clean = await withStore(store, async (db) => {
      await importFiles(db, [dir], options);
      return countAll(db);
    });
    await withStore(store, async (db) => {
      // Patient.ndjson (3 lines) takes two batches; the third batch is the first of Encounter.ndjson.
      await interrupted(db, [dir], { ...options, failAfterBatches: 2 });
      const partial = await countAll(db);
      assert.deepEqual([partial.person, partial.apc_spell + partial.ae_attendance + partial.op_appointment], [3, 0]);
      const summary = await importFiles(db, [dir], options);
      assert.deepEqual(summary.files.map((f) => f.status), ['already_imported', 'resumed', 'imported', 'imported', 'imported', 'imported', 'imported']);
      assert.deepEqual(await countAll(db), clean);
    });
  });
}

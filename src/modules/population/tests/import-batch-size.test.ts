import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSeamlessError } from '../../../kernel/errors.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { DEFAULT_IMPORT_BATCH_SIZE, DEFAULT_PERSONS_BATCH_SIZE, findImportRunBySha, importFiles, sha256File } from '../import/index.ts';
import { countAll, IMPORT_TODAY, makeTempDir, writeFile } from './fixtures/import-support.ts';

/**
 * Without --batch-size, a persons file commits in batches of DEFAULT_PERSONS_BATCH_SIZE (its indexes
 * are keyed at random, so larger commits write far less) and activity in DEFAULT_IMPORT_BATCH_SIZE.
 * Seen through where an import stopped on purpose leaves each file's checkpoint.
 */
const ROWS = DEFAULT_IMPORT_BATCH_SIZE + 1;
const localId = (i: number) => `LA-${String(i).padStart(6, '0')}`;

/** A different date of birth for each person (days above 12, so no day/month swap is another's), so none is matched to another. */
function dateOfBirth(i: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${1930 + (i % 60)}-${pad(1 + (Math.floor(i / 60) % 12))}-${pad(13 + (Math.floor(i / 720) % 16))}`;
}

function personsFile(): string {
  const lines = ['local_person_id,family_name,given_name,date_of_birth,sex'];
  for (let i = 0; i < ROWS; i++) lines.push(`${localId(i)},Family${i},Given,${dateOfBirth(i)},${1 + (i % 2)}`);
  return `${lines.join('\n')}\n`;
}

function eventsFile(): string {
  const lines = ['local_person_id,record_id,event_date,snomed_code'];
  for (let i = 0; i < ROWS; i++) lines.push(`${localId(i)},EV-${i},2024-01-01,44054006`);
  return `${lines.join('\n')}\n`;
}

for (const store of storeNames()) {
  test(`a persons file commits in batches of ${DEFAULT_PERSONS_BATCH_SIZE}, activity in batches of ${DEFAULT_IMPORT_BATCH_SIZE}, unless told otherwise, on ${store}`, async (t) => {
    assert.ok(ROWS < DEFAULT_PERSONS_BATCH_SIZE, 'the persons file fits in one batch of its own size');
    const dir = makeTempDir(t);
    const persons = writeFile(dir, 'persons.csv', personsFile());
    const events = writeFile(dir, 'events.csv', eventsFile());
    await withStore(store, async (db) => {
      // Batch 1 is the whole persons file; batch 2, the first of the events file, commits; batch 3 fails.
      await assert.rejects(importFiles(db, [dir], { today: IMPORT_TODAY, failAfterBatches: 2 }),
        (error: unknown) => isSeamlessError(error) && error.code === 'SEAMLESS_ERR_POPULATION_IMPORT_INTERRUPTED');
      const personsRun = (await findImportRunBySha(db, await sha256File(persons)))!;
      const eventsRun = (await findImportRunBySha(db, await sha256File(events)))!;
      assert.deepEqual([personsRun.status, personsRun.loaded], ['completed', ROWS]);
      assert.deepEqual([eventsRun.status, eventsRun.loaded, eventsRun.linesDone], ['running', DEFAULT_IMPORT_BATCH_SIZE, DEFAULT_IMPORT_BATCH_SIZE + 1]);
      assert.equal((await countAll(db)).gp_event, DEFAULT_IMPORT_BATCH_SIZE);
    });
    await withStore(store, async (db) => {
      // A batch size given by the caller serves every file: 4,000 persons commit, then the import stops.
      await assert.rejects(importFiles(db, [dir], { today: IMPORT_TODAY, batchSize: 4000, failAfterBatches: 1 }));
      assert.equal((await countAll(db)).person, 4000);
    });
  });
}

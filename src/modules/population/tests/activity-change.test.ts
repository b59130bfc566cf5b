import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTransaction } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { decodePersonIdSet, encodePersonIdSet } from '../domain/person-id-set.ts';
import type { Activity } from '../domain/activity.ts';
import { latestActivityChange, listPersonsChangedBetween } from '../store/activity-change.repository.ts';
import { insertActivities } from '../store/activity.repository.ts';
import { insertPersons } from '../store/person.repository.ts';

test('person id sets: ascending, each id once, as base-36 steps', () => {
  assert.equal(encodePersonIdSet([12, 10, 11, 112, 11]), 'a,1,1,2s');
  assert.deepEqual(decodePersonIdSet('a,1,1,2s'), [10, 11, 12, 112]);
  assert.equal(encodePersonIdSet([]), '');
  assert.deepEqual(decodePersonIdSet(''), []);
  const many = Array.from({ length: 5000 }, (_, i) => 1 + i * 37 + (i % 3));
  assert.deepEqual(decodePersonIdSet(encodePersonIdSet(many)), many);
  assert.throws(() => encodePersonIdSet([0]), /positive integer/);
  assert.throws(() => encodePersonIdSet([1.5]), /positive integer/);
  assert.throws(() => decodePersonIdSet('1,-1'), /not a step/);
  assert.throws(() => decodePersonIdSet('1,,2'), /not a step/);
});

const fall = (recordKey: string): Activity => ({ kind: 'gp_event', recordKey, eventDate: '2026-10-20', code: { system: 'SNOMED CT', code: '161898004' } });

for (const store of storeNames()) {
  test(`activity and person writes go in the change log with their persons on ${store}`, async () => {
    await withStore(store, async (db) => {
      const ids = [101, 102, 103];
      assert.equal(await latestActivityChange(db), 0);
      await withTransaction(db, (tx) => insertActivities(tx, [{ personId: ids[0]!, activity: fall('A') }, { personId: ids[2]!, activity: fall('B') }]));
      const first = await latestActivityChange(db);
      assert.ok(first > 0);
      assert.deepEqual(await listPersonsChangedBetween(db, 0, first), [ids[0], ids[2]]);
      // Writing only what is already stored changes nothing.
      await withTransaction(db, (tx) => insertActivities(tx, [{ personId: ids[0]!, activity: fall('A') }]));
      assert.equal(await latestActivityChange(db), first);
      await withTransaction(db, (tx) => insertActivities(tx, [{ personId: ids[1]!, activity: fall('C') }]));
      const second = await latestActivityChange(db);
      assert.deepEqual(await listPersonsChangedBetween(db, first, second), [ids[1]]);
      assert.deepEqual(await listPersonsChangedBetween(db, 0, second), ids);
      assert.deepEqual(await listPersonsChangedBetween(db, second, second), []);
      // New persons have not been scored either.
      await withTransaction(db, (tx) => insertPersons(tx, [{ id: 104, sex: '2', localId: 'LOCAL-104', dateOfBirth: '1938-05-01' }]));
      const third = await latestActivityChange(db);
      assert.deepEqual(await listPersonsChangedBetween(db, second, third), [104]);
    });
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../../app.ts';
import { withTransaction } from '../../../kernel/db/database.ts';
import { storeNames, withStore } from '../../../testing/stores.ts';
import { allocatePersonIds, insertIdentifiers, insertPersons, insertPossibleDuplicates } from '../store/person.repository.ts';
import { insertActivities } from '../store/activity.repository.ts';
import { actor } from './support/access.ts';

for (const store of storeNames()) {
  test(`reviewing possible duplicates on ${store}`, async (t) => {
    await withStore(store, async (db) => {
      const [earlier, later, other] = await withTransaction(db, async (tx) => {
        const ids = (await allocatePersonIds(tx, 3)) as [number, number, number];
        await insertPersons(tx, [
          { id: ids[0], nhsNumber: '9434765919', familyName: 'Lovelace', givenName: 'Ada', dateOfBirth: '1936-12-10', sex: '2', postcode: 'LS1 4AP', gpPracticeCode: 'B82001' },
          { id: ids[1], localId: 'L0000002', dateOfBirth: '1936-12-10', sex: '2', postcode: 'LS1 4AP', gpPracticeCode: 'B82001' },
          { id: ids[2], localId: 'L0000003', familyName: 'Smith', dateOfBirth: '1936-12-10', sex: '1' },
        ]);
        await insertIdentifiers(tx, [
          { system: 'nhs-number', value: '9434765919', personId: ids[0], matchMethod: 'nhs_number' },
          { system: 'local', value: 'L0000002', personId: ids[1], matchMethod: 'new' },
        ]);
        const event = (recordKey: string) => ({ kind: 'gp_event' as const, recordKey, sourceOrg: 'B82001', eventDate: '2026-01-01', code: { system: 'SNOMED CT' as const, code: '38341003' } });
        await insertActivities(tx, [
          { personId: ids[0], activity: event('shared') },
          { personId: ids[1], activity: event('shared') },
          { personId: ids[1], activity: event('only-later') },
        ]);
        await insertPossibleDuplicates(tx, [
          { personId: ids[1], candidatePersonId: ids[0], score: 9, reasons: ['date of birth agrees (+5)'] },
          { personId: ids[2], candidatePersonId: ids[1], score: 7, reasons: ['date of birth agrees (+5)'] },
        ]);
        return ids;
      });
      const app = await buildApp({ db, actorFor: (request) => (request.headers['x-test-role'] === 'gp' ? actor('gp', 'B82001') : actor('administrator', 'LA1', [], 'J Bloggs')) });
      t.after(() => app.close());

      const open = (await app.inject({ url: '/api/population/duplicates' })).json();
      assert.equal(open.total, 2);
      assert.equal(open.items[0].person.id, later);
      assert.equal(open.items[0].candidate.nhsNumber, '9434765919');
      const first = open.items[0].id;

      const merged = await app.inject({ method: 'POST', url: `/api/population/duplicates/${first}/review`, payload: { decision: 'same_person' } });
      assert.equal(merged.statusCode, 200);
      assert.deepEqual(merged.json(), { status: 'merged', movedRecords: 1 }); // the shared record is kept once

      const record = (await app.inject({ url: `/api/population/persons/${earlier}`, headers: { 'x-test-role': 'gp' } })).json();
      assert.equal(record.counts.gp_event, 2);
      assert.deepEqual(record.identifiers.map((i: { value: string }) => i.value).sort(), ['9434765919', 'L0000002']);
      assert.equal((await app.inject({ url: `/api/population/persons/${later}`, headers: { 'x-test-role': 'gp' } })).statusCode, 404);

      // The other open review named the merged-away person: it now names the surviving one.
      const still = (await app.inject({ url: '/api/population/duplicates' })).json();
      assert.equal(still.total, 1);
      assert.deepEqual([still.items[0].person.id, still.items[0].candidate.id], [other, earlier]);

      const again = await app.inject({ method: 'POST', url: `/api/population/duplicates/${first}/review`, payload: { decision: 'not_duplicate' } });
      assert.equal(again.statusCode, 409);
      assert.match(again.json().detail, /already reviewed \(merged by J Bloggs\)/);

      const notDup = await app.inject({ method: 'POST', url: `/api/population/duplicates/${still.items[0].id}/review`, payload: { decision: 'not_duplicate' } });
      assert.deepEqual(notDup.json(), { status: 'not_duplicate', movedRecords: 0 });
      assert.equal((await app.inject({ url: `/api/population/persons/${other}`, headers: { 'x-test-role': 'gp' } })).statusCode, 200);

      const gp = await app.inject({ url: '/api/population/duplicates', headers: { 'x-test-role': 'gp' } });
      assert.equal(gp.statusCode, 403);

      const badBody = await app.inject({ method: 'POST', url: `/api/population/duplicates/${first}/review`, payload: { decision: 'maybe' } });
      assert.equal(badBody.statusCode, 400);
    });
  });
}

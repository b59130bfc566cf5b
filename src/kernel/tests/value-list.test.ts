import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { inValueList } from '../db/value-list.ts';
import { storeNames, withStore } from '../../testing/stores.ts';

// The one-parameter IN list must select exactly what a plain IN would, on both engines.
for (const store of storeNames()) {
  test(`inValueList matches exactly the listed values, never NULL or partial codes (${store})`, async () => {
    await withStore(store, async (db) => {
      const rows = ['A1', 'A12', 'B2', 'X|Y', null, ''];
      const values = sql.join(rows.map((v, i) => sql`(${i}, ${v})`));
      const pick = async (list: string[]) => {
        const result = await sql<{ id: number }>`with t(id, org) as (values ${values})
          select id from t where ${inValueList(db.dialect, sql.ref('org'), list)} order by id`.execute(db.kysely);
        return result.rows.map((r) => Number(r.id));
      };
      assert.deepEqual(await pick(['A1', 'B2']), [0, 2], 'A12 is not A1: whole values only');
      assert.deepEqual(await pick(['A12']), [1]);
      assert.deepEqual(await pick([]), []);
      assert.deepEqual(await pick(['X|Y', 'A1']), [0, 3], 'a value holding the separator still matches itself');
      assert.deepEqual(await pick(['X', 'Y']), [], 'and its parts match nothing');
      assert.deepEqual(await pick(['', 'B2']), [2, 5]);
    });
  });
}

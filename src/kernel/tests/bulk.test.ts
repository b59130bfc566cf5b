import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { insertRows, replaceRows, type BulkTable } from '../db/bulk.ts';
import { autocommit } from '../db/database.ts';
import { storeNames, withStore } from '../../testing/stores.ts';

const SPEC: BulkTable = { table: 'bulk_probe', columns: [['person_id', 'bigint'], ['name', 'text'], ['value', 'double precision']], key: ['person_id', 'name'] };

for (const store of storeNames()) {
  test(`bulk writes on ${store}: insertRows keeps stored rows, replaceRows overwrites them`, async () => {
    await withStore(store, async (db) => {
      await sql`create table bulk_probe (person_id bigint not null, name text not null, value double precision, primary key (person_id, name))`.execute(db.kysely);
      const tx = autocommit(db);
      // 120 rows: SQLite writes them as multi-row statements and a one-row remainder.
      const first = Array.from({ length: 120 }, (_, i) => [i, 'hfrs', i] as const);
      assert.equal(await insertRows(tx, SPEC, first), 120);
      assert.equal(await insertRows(tx, SPEC, first.map(([id, name]) => [id, name, -1])), 0, 'stored rows are left as they were');
      const again = first.map(([id, name]) => [id, name, id * 10]);
      assert.equal(await replaceRows(tx, SPEC, [...again, [500, 'efi', 0.5]]), 121);
      const rows = await sql<{ person_id: number; name: string; value: number }>`select person_id, name, value from bulk_probe order by person_id`.execute(db.kysely);
      assert.equal(rows.rows.length, 121);
      assert.deepEqual(rows.rows.slice(0, 3).map((r) => [Number(r.person_id), r.name, Number(r.value)]), [[0, 'hfrs', 0], [1, 'hfrs', 10], [2, 'hfrs', 20]]);
      assert.deepEqual(rows.rows.at(-1) && [Number(rows.rows.at(-1)!.person_id), rows.rows.at(-1)!.name], [500, 'efi']);
      await assert.rejects(replaceRows(tx, { table: 'bulk_probe', columns: SPEC.columns }, first), /has no key/);
    });
  });

  test(`replaceRows with kept columns on ${store}: stored rows keep them, new rows take them`, async () => {
    await withStore(store, async (db) => {
      await sql`create table kept_probe (person_id bigint primary key, practice text, value double precision)`.execute(db.kysely);
      await sql`create index kept_probe_practice on kept_probe (practice, person_id)`.execute(db.kysely);
      const spec: BulkTable = { table: 'kept_probe', columns: [['person_id', 'bigint'], ['practice', 'text'], ['value', 'double precision']], key: ['person_id'] };
      const tx = autocommit(db);
      assert.equal(await replaceRows(tx, spec, Array.from({ length: 60 }, (_, i) => [i, 'A', i]), ['practice']), 60);
      assert.equal(await replaceRows(tx, spec, Array.from({ length: 61 }, (_, i) => [i, 'B', -i]), ['practice']), 61);
      const rows = (await sql<{ person_id: number; practice: string; value: number }>`select person_id, practice, value from kept_probe order by person_id`
        .execute(db.kysely)).rows.map((r) => [Number(r.person_id), r.practice, Number(r.value)]);
      assert.deepEqual(rows[7], [7, 'A', -7], 'a stored row keeps its practice and takes the new value');
      assert.deepEqual(rows[60], [60, 'B', -60], 'a new row takes the practice given');
      const byIndex = await sql<{ n: number }>`select count(*) as n from kept_probe where practice = 'A'`.execute(db.kysely);
      assert.equal(Number(byIndex.rows[0]!.n), 60);
    });
  });
}

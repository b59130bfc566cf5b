import assert from 'node:assert/strict';
import test from 'node:test';
import { sql } from 'kysely';
import { storeNames, withStore } from '../../../../testing/stores.ts';
import type { ScoreResult } from '../../domain/score-result.ts';
import { up } from '../../store/migrations/2026_11_25_0900_person_score_per_person.ts';

/**
 * Migration 2026_11_25_0900 turns person_score's row per score into a row per person and drops
 * person_segment; the scores stored before it are carried over, factors and all.
 */
for (const store of storeNames()) {
  test(`person_score becomes one row per person, keeping stored scores, on ${store}`, async () => {
    await withStore(store, async (db) => {
      // The tables as they were before the migration.
      await db.kysely.schema.dropTable('person_score').execute();
      await sql`CREATE TABLE person_score (person_id bigint NOT NULL, name text NOT NULL, value double precision NOT NULL, band text,
        version text NOT NULL, as_of text NOT NULL, computed_at text NOT NULL, run_id bigint NOT NULL, factors text NOT NULL,
        PRIMARY KEY (person_id, name))`.execute(db.kysely);
      await sql`CREATE TABLE person_segment (person_id bigint PRIMARY KEY, segment text NOT NULL)`.execute(db.kysely);
      const factor = { label: 'Dementia (F03)', code: 'F03', codeSystem: 'ICD-10', contribution: 7.1 };
      await sql`INSERT INTO person_score VALUES
        (1, 'hfrs', 7.1, 'intermediate', 'hfrs-v1', '2026-11-01', '2026-11-01T08:00:00.000Z', 3, ${JSON.stringify([factor])}),
        (1, 'charlson', 0, 'none', 'charlson-v1', '2026-11-01', '2026-11-01T08:00:00.000Z', 3, '[]'),
        (2, 'charlson', 2, 'moderate', 'charlson-v1', '2026-11-01', '2026-11-01T08:00:00.000Z', 4, '[]')`.execute(db.kysely);

      await up(db.kysely);

      const rows = await db.kysely.selectFrom('person_score').select(['person_id', 'run_id', 'scores']).orderBy('person_id').execute();
      assert.deepEqual(rows.map((r) => [Number(r.person_id), Number(r.run_id)]), [[1, 3], [2, 4]]);
      const first = (JSON.parse(rows[0]!.scores) as ScoreResult[]).sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(first, [
        { name: 'charlson', value: 0, band: 'none', version: 'charlson-v1', factors: [] },
        { name: 'hfrs', value: 7.1, band: 'intermediate', version: 'hfrs-v1', factors: [factor] },
      ]);
      assert.deepEqual(JSON.parse(rows[1]!.scores), [{ name: 'charlson', value: 2, band: 'moderate', version: 'charlson-v1', factors: [] }]);
      const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
      assert.ok(!tables.includes('person_segment'));
      assert.ok(!tables.includes('person_score_new'));
    });
  });
}

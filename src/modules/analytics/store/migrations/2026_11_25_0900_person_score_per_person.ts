import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../../kernel/db/schema.ts';

/**
 * person_score becomes one row per person: every score the person has, as one JSON array of
 * ScoreResult (name, value, band, definition or model version, contributing factors), with the run
 * that computed them; the date the scores hold on and when they were computed are the run's (as_of,
 * started_at). person_segment goes: the segment is in person_facts, its rule version in the run.
 *
 * Why: a run over 1,000,000 people wrote about 3.5 million score rows (each repeating the version,
 * dates and run) and a million segment rows besides its million profiles, and on SQLite the writing
 * took most of the run (bench/stratify.bench.ts). One row per person and table is what a run needs.
 *
 * Stored scores are carried over (grouped per person); segments already live in person_facts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema.createTable('person_score_new')
    .addColumn('person_id', 'bigint', (c) => c.notNull().primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.notNull())
    // JSON array of ScoreResult, in no particular order.
    .addColumn('scores', 'text', (c) => c.notNull())
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  const scores = postgres
    ? sql`json_agg(json_build_object('name', name, 'value', value, 'band', band, 'version', version, 'factors', factors::json) ORDER BY name)::text`
    : sql`json_group_array(json_object('name', name, 'value', value, 'band', band, 'version', version, 'factors', json(factors)))`;
  await sql`INSERT INTO person_score_new (person_id, run_id, scores)
    SELECT person_id, max(run_id), ${scores} FROM person_score GROUP BY person_id`.execute(db);
  await db.schema.dropTable('person_score').execute();
  await db.schema.alterTable('person_score_new').renameTo('person_score').execute();
  await db.schema.dropTable('person_segment').execute();
}

export async function down(): Promise<void> {
  throw new Error('2026_11_25_0900_person_score_per_person cannot be undone: re-run the stratification after restoring an older Seamless.');
}

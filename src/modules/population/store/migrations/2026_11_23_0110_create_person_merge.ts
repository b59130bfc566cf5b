import type { Kysely } from 'kysely';
import { nowDefault } from '../../../../kernel/db/schema.ts';

/** The record of every merge a reviewer confirmed: which person was folded into which, by whom, from which review. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('person_merge')
    .addColumn('from_person_id', 'bigint', (c) => c.primaryKey())
    .addColumn('into_person_id', 'bigint', (c) => c.notNull())
    .addColumn('duplicate_id', 'bigint')
    .addColumn('merged_by', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('moved_records', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_merge').ifExists().execute();
}

import type { Kysely } from 'kysely';
import { addGeneratedId, nowDefault } from '../../../../kernel/db/schema.ts';

/**
 * The activity change log: one row per write to persons' linked records (an import batch of activity
 * or of persons, a generated batch, a merge), naming the persons it wrote for, in the same transaction
 * as the records. Derived data kept per person (population analytics) reads it to recompute only the
 * persons whose records changed since it last ran. Not person-keyed (each row names many persons): on Citus it stays a local table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addGeneratedId(db, db.schema.createTable('activity_change'))
    // The person ids, ascending, delta-encoded in base 36 (domain/person-id-set.ts).
    .addColumn('persons', 'text', (c) => c.notNull())
    .addColumn('person_count', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activity_change').ifExists().execute();
}

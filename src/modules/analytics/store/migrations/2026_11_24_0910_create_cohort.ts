import type { Kysely } from 'kysely';
import { addGeneratedId } from '../../../../kernel/db/schema.ts';

/**
 * Saved cohorts. A cohort's criteria are versioned in rule_set (kind 'cohort', version = content hash
 * of the criteria, the engine's versioning), so two cohorts with the same criteria share one version
 * and an edited cohort is a new version; this table names them: who saved which version, when, with
 * what name and description. Cohort definitions hold no personal data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await addGeneratedId(db, db.schema.createTable('cohort'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cohort_created_idx').on('cohort').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cohort').ifExists().execute();
}

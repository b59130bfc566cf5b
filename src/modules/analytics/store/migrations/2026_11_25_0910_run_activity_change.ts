import type { Kysely } from 'kysely';

/**
 * analytics_run.activity_change_through: the latest entry of population's activity change log when
 * the run started. A full run, and a run over the persons changed since the previous such run
 * (`seamless stratify --changed`), reflect every change up to it; a run over persons named by the
 * caller leaves it NULL (it reflects only theirs). The next `--changed` run recomputes the persons in
 * the changes after it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('analytics_run').addColumn('activity_change_through', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('analytics_run').dropColumn('activity_change_through').execute();
}

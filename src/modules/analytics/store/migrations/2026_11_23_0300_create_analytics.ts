import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { addGeneratedId, isPostgres } from '../../../../kernel/db/schema.ts';

/**
 * Population analytics: stratification runs, each person's latest scores and segment, the case-finding
 * list, and the versioned models and rule sets they were computed with.
 *
 * Person-keyed tables have person_id first in their primary key, so PostgreSQL/Citus can distribute
 * them by person like the activity tables. On SQLite they are WITHOUT ROWID tables: the rows live in
 * primary key order, so writing a batch of persons (ids ascending) appends to the B-tree and reading one
 * person's scores is one range.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const withoutRowid = <T extends string>(builder: CreateTableBuilder<T, any>) => (isPostgres(db) ? builder : builder.modifyEnd(sql`without rowid`));

  await addGeneratedId(db, db.schema.createTable('analytics_run'))
    // 'stratify' (everyone) or 'stratify_incremental' (the persons given).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    // Persons read, and activity records read for them.
    .addColumn('persons', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('events', 'bigint', (c) => c.notNull().defaultTo(0))
    // 'running', 'completed' or 'failed'.
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: the definition, model and rule set versions used, counts, and warnings (never personal data).
    .addColumn('versions', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_run_kind_idx').on('analytics_run').columns(['kind', 'status', 'id']).execute();

  // Each person's latest value of each score; a run replaces a person's rows in one transaction.
  await withoutRowid(db.schema.createTable('person_score')
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('band', 'text')
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.notNull())
    // JSON array of ScoreFactor: why the person has this value.
    .addColumn('factors', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_score_pk', ['person_id', 'name'])).execute();
  // No index on (name, value): kept in order of value it made writing a run's scores several times
  // slower (random inserts); distributions are read by a scan, once per incremental run.

  await withoutRowid(db.schema.createTable('person_segment')
    .addColumn('person_id', 'bigint', (c) => c.notNull().primaryKey())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.notNull())).execute();
  await db.schema.createIndex('person_segment_segment_idx').on('person_segment').column('segment').execute();

  // The current case-finding list: people in the trigger rules' cohort who met at least one rule.
  await withoutRowid(db.schema.createTable('case_finding_entry')
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.notNull())
    .addColumn('rule_version', 'text', (c) => c.notNull())
    // JSON array of TriggerHit: the rules met, each with why in plain words.
    .addColumn('rules_met', 'text', (c) => c.notNull())
    .addColumn('rules_met_count', 'integer', (c) => c.notNull())
    .addColumn('risk_value', 'double precision')
    .addColumn('risk_percentile', 'double precision')
    .addColumn('segment', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_finding_entry_pk', ['person_id', 'run_id'])).execute();
  await db.schema.createIndex('case_finding_entry_run_idx').on('case_finding_entry').column('run_id').execute();

  await db.schema.createTable('model_version')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scoring_as_of', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // JSON: the training report (discrimination, calibration) and the whole model.
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_version_name_idx').on('model_version').columns(['name', 'created_at']).execute();

  // Segmentations, trigger rule sets and cohort definitions, each version kept (version = content hash).
  await db.schema.createTable('rule_set')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rule_set_pk', ['kind', 'version'])
    .execute();
  await db.schema.createIndex('rule_set_kind_created_idx').on('rule_set').columns(['kind', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rule_set', 'model_version', 'case_finding_entry', 'person_segment', 'person_score', 'analytics_run']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

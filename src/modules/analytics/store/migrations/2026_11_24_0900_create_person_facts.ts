import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../../kernel/db/schema.ts';

/**
 * Each person's profile as the latest stratification left it: the facts cohorts, the dashboard and
 * the needs profile read (PersonFacts), the score values and bands, the segment, the risk percentile
 * and the risk at the previous stratification (for "rising risk"). One row per person, replaced by
 * every run that recomputes the person (full or incremental) in the same transaction as their segment
 * and case-finding entry, so the API can read the whole place back in one pass instead of recomputing
 * it from the activity tables.
 *
 * Person-keyed (person_id is the primary key, first), WITHOUT ROWID on SQLite, like person_score.
 * Flags are 0/1 integers; condition lists are comma-separated condition keys ('' for none).
 * Scores not computed for the person (too young for HFRS or the eFI, no discharge for LACE, no model)
 * are NULL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema.createTable('person_facts')
    .addColumn('person_id', 'bigint', (c) => c.notNull().primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('locality_code', 'text')
    .addColumn('gp_practice_code', 'text')
    .addColumn('dead', 'integer', (c) => c.notNull())
    .addColumn('long_term_conditions', 'text', (c) => c.notNull())
    .addColumn('unstable_conditions', 'text', (c) => c.notNull())
    .addColumn('medication_count', 'integer', (c) => c.notNull())
    .addColumn('emergency_admissions_12m', 'integer', (c) => c.notNull())
    .addColumn('elective_admissions_12m', 'integer', (c) => c.notNull())
    .addColumn('bed_days_12m', 'integer', (c) => c.notNull())
    .addColumn('ae_attendances_12m', 'integer', (c) => c.notNull())
    .addColumn('outpatient_appointments_12m', 'integer', (c) => c.notNull())
    .addColumn('falls_12m', 'integer', (c) => c.notNull())
    .addColumn('community_contacts_12m', 'integer', (c) => c.notNull())
    .addColumn('mental_health_contacts_12m', 'integer', (c) => c.notNull())
    .addColumn('ambulance_contacts_12m', 'integer', (c) => c.notNull())
    .addColumn('nhs111_contacts_12m', 'integer', (c) => c.notNull())
    .addColumn('known_to_social_care', 'integer', (c) => c.notNull())
    .addColumn('receiving_social_care', 'integer', (c) => c.notNull())
    .addColumn('social_care_weekly_cost_pence', 'bigint', (c) => c.notNull())
    .addColumn('end_of_life', 'integer', (c) => c.notNull())
    // Scores: value and band (the band as the score's definition gave it).
    .addColumn('hfrs', 'double precision')
    .addColumn('hfrs_band', 'text')
    .addColumn('efi', 'double precision')
    .addColumn('efi_band', 'text')
    .addColumn('charlson', 'integer')
    .addColumn('charlson_band', 'text')
    .addColumn('charlson_quan', 'integer')
    .addColumn('charlson_quan_band', 'text')
    .addColumn('lace', 'integer')
    .addColumn('lace_band', 'text')
    .addColumn('risk_value', 'double precision')
    .addColumn('risk_band', 'text')
    .addColumn('risk_percentile', 'double precision')
    .addColumn('segment', 'text')
    // The person's risk at the latest earlier-dated stratification (NULL when there was none).
    .addColumn('previous_risk_value', 'double precision')
    .addColumn('previous_risk_percentile', 'double precision')
    .addColumn('previous_as_of', 'text');
  if (!isPostgres(db)) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  // Dashboards and needs profiles by area; case finding by team (practices).
  await db.schema.createIndex('person_facts_practice_idx').on('person_facts').columns(['gp_practice_code', 'person_id']).execute();
  await db.schema.createIndex('person_facts_locality_idx').on('person_facts').columns(['locality_code', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_facts').ifExists().execute();
}

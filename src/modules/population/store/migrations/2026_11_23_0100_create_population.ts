import { sql, type Kysely } from 'kysely';
import { addGeneratedId, nowDefault } from '../../../../kernel/db/schema.ts';

/**
 * The linked population: the person index and every partner's activity. Activity tables are keyed
 * (person_id, record_key) so that PostgreSQL/Citus can distribute them by person and so that
 * re-importing a record is a no-op. record_key is the source system's own identifier for the record
 * where it has one, otherwise a hash of the record's content.
 */
const activityKey = ['person_id', 'record_key'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('locality')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await addGeneratedId(db, db.schema.createTable('person'))
    .addColumn('nhs_number', 'text')
    .addColumn('local_id', 'text')
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('date_of_birth', 'text')
    .addColumn('sex', 'text', (c) => c.notNull().defaultTo('X'))
    .addColumn('postcode', 'text')
    .addColumn('lsoa_code', 'text')
    .addColumn('locality_code', 'text')
    .addColumn('gp_practice_code', 'text')
    .addColumn('date_of_death', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('person_nhs_number_idx').on('person').column('nhs_number').execute();
  await db.schema.createIndex('person_local_id_idx').on('person').column('local_id').execute();
  await db.schema.createIndex('person_dob_idx').on('person').column('date_of_birth').execute();
  // Matching a record whose NHS number is new looks only at persons without one (two different NHS
  // numbers are two people): this partial index keeps that lookup small however large the index grows.
  await db.schema.createIndex('person_dob_no_nhs_idx').on('person').column('date_of_birth').where(sql.ref('nhs_number'), 'is', null).execute();
  await db.schema.createIndex('person_family_name_idx').on('person').expression(sql`lower(family_name)`).execute();
  await db.schema.createIndex('person_practice_idx').on('person').column('gp_practice_code').execute();

  // Every identifier a person is known by (NHS number, council ID, a source system's own ID), with how
  // the link was made. The primary key makes an identifier belong to one person only.
  await db.schema.createTable('person_identifier')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('match_method', 'text', (c) => c.notNull())
    .addColumn('match_score', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .addPrimaryKeyConstraint('person_identifier_pk', ['system', 'value'])
    .execute();
  await db.schema.createIndex('person_identifier_person_idx').on('person_identifier').column('person_id').execute();

  await addGeneratedId(db, db.schema.createTable('possible_duplicate'))
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('candidate_person_id', 'bigint', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .execute();
  await db.schema.createIndex('possible_duplicate_pair_idx').on('possible_duplicate').columns(['person_id', 'candidate_person_id']).unique().execute();

  await activity(db, 'gp_event')
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('term', 'text')
    .addColumn('value', 'double precision')
    .addColumn('unit', 'text')
    .addPrimaryKeyConstraint('gp_event_pk', activityKey as never)
    .execute();

  await activity(db, 'gp_medication')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('term', 'text')
    .addPrimaryKeyConstraint('gp_medication_pk', activityKey as never)
    .execute();

  // Admitted patient care, one row per hospital provider spell (NHS Data Dictionary / HES APC names).
  await activity(db, 'apc_spell')
    .addColumn('spell_number', 'text')
    .addColumn('admission_date', 'text', (c) => c.notNull())
    .addColumn('discharge_date', 'text')
    .addColumn('admission_method', 'text', (c) => c.notNull())
    .addColumn('admission_source', 'text')
    .addColumn('discharge_method', 'text')
    .addColumn('discharge_destination', 'text')
    .addColumn('primary_diagnosis', 'text')
    .addColumn('length_of_stay', 'integer')
    .addColumn('cost_pence', 'bigint')
    .addPrimaryKeyConstraint('apc_spell_pk', activityKey as never)
    .execute();

  await db.schema.createTable('apc_diagnosis')
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('icd10_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('apc_diagnosis_pk', ['person_id', 'record_key', 'position'])
    .execute();

  await db.schema.createTable('apc_procedure')
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('opcs4_code', 'text', (c) => c.notNull())
    .addColumn('procedure_date', 'text')
    .addPrimaryKeyConstraint('apc_procedure_pk', ['person_id', 'record_key', 'position'])
    .execute();

  await activity(db, 'ae_attendance')
    .addColumn('arrival_at', 'text', (c) => c.notNull())
    .addColumn('departure_at', 'text')
    .addColumn('arrival_mode', 'text')
    .addColumn('chief_complaint_snomed', 'text')
    .addColumn('diagnosis_snomed', 'text')
    .addColumn('disposal', 'text')
    .addColumn('cost_pence', 'bigint')
    .addPrimaryKeyConstraint('ae_attendance_pk', activityKey as never)
    .execute();

  await activity(db, 'op_appointment')
    .addColumn('appointment_date', 'text', (c) => c.notNull())
    .addColumn('treatment_function_code', 'text')
    .addColumn('first_attendance', 'text')
    .addColumn('attended_or_dna', 'text')
    .addColumn('cost_pence', 'bigint')
    .addPrimaryKeyConstraint('op_appointment_pk', activityKey as never)
    .execute();

  await activity(db, 'community_contact')
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('contact_date', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('contact_mode', 'text')
    .addColumn('professional', 'text')
    .addColumn('duration_minutes', 'integer')
    .addPrimaryKeyConstraint('community_contact_pk', activityKey as never)
    .execute();

  await activity(db, 'urgent_care_contact')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('contact_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('urgent_care_contact_pk', activityKey as never)
    .execute();

  // Adult social care in the shape of the Client Level Data return (field names as CLD spells them).
  await activity(db, 'social_care_event')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_reference', 'text')
    .addColumn('event_start_date', 'text', (c) => c.notNull())
    .addColumn('event_end_date', 'text')
    .addColumn('event_outcome', 'text')
    .addColumn('client_type', 'text', (c) => c.notNull())
    .addColumn('primary_support_reason', 'text')
    .addColumn('assessment_type', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('service_type', 'text')
    .addColumn('service_component', 'text')
    .addColumn('delivery_mechanism', 'text')
    .addColumn('support_setting', 'text')
    .addColumn('unit_cost_pence', 'bigint')
    .addColumn('cost_frequency_unit_type', 'text')
    .addColumn('planned_units_per_week', 'double precision')
    .addColumn('weekly_cost_pence', 'bigint')
    .addColumn('funder', 'text')
    .addColumn('client_funding_status', 'text')
    .addPrimaryKeyConstraint('social_care_event_pk', activityKey as never)
    .execute();

  // Imports: one run per file content; the checkpoint commits with each batch so a killed import resumes.
  await addGeneratedId(db, db.schema.createTable('import_run'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('loaded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('quarantined', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'bigint', (c) => c.notNull().defaultTo(0))
    // JSON object: resource type (and reason) → count of records skipped as not used by Seamless.
    .addColumn('skipped_by_type', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_run_sha_idx').on('import_run').column('file_sha256').unique().execute();

  await db.schema.createTable('import_quarantine')
    .addColumn('run_id', 'bigint', (c) => c.notNull())
    .addColumn('line', 'bigint', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .addPrimaryKeyConstraint('import_quarantine_pk', ['run_id', 'line'])
    .execute();
}

function activity(db: Kysely<any>, table: string) {
  return db.schema.createTable(table)
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('source_org', 'text');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['import_quarantine', 'import_run', 'social_care_event', 'urgent_care_contact', 'community_contact',
    'op_appointment', 'ae_attendance', 'apc_procedure', 'apc_diagnosis', 'apc_spell', 'gp_medication', 'gp_event',
    'possible_duplicate', 'person_identifier', 'person', 'locality']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

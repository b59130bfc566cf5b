import type { Generated } from 'kysely';

/** Row types of the population module's tables (snake_case, as stored). */
export interface LocalityTable { code: string; name: string }

export interface PersonTable {
  id: Generated<number>;
  nhs_number: string | null;
  local_id: string | null;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  /** NHS Data Dictionary PERSON STATED GENDER CODE: 1 male, 2 female, 9 indeterminate, X not known. */
  sex: string;
  postcode: string | null;
  lsoa_code: string | null;
  locality_code: string | null;
  gp_practice_code: string | null;
  date_of_death: string | null;
  created_at: Generated<string>;
}

export interface PersonIdentifierTable {
  system: string;
  value: string;
  person_id: number;
  match_method: string;
  match_score: number | null;
  created_at: Generated<string>;
}

export interface PossibleDuplicateTable {
  id: Generated<number>;
  person_id: number;
  candidate_person_id: number;
  score: number;
  reasons: string;
  status: Generated<string>;
  created_at: Generated<string>;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

interface ActivityColumns { person_id: number; record_key: string; source_org: string | null }

export interface GpEventTable extends ActivityColumns {
  event_date: string; code_system: string; code: string; term: string | null; value: number | null; unit: string | null;
}
export interface GpMedicationTable extends ActivityColumns {
  start_date: string; end_date: string | null; code_system: string; code: string; term: string | null;
}
export interface ApcSpellTable extends ActivityColumns {
  spell_number: string | null; admission_date: string; discharge_date: string | null; admission_method: string;
  admission_source: string | null; discharge_method: string | null; discharge_destination: string | null;
  primary_diagnosis: string | null; length_of_stay: number | null; cost_pence: number | null;
}
export interface ApcDiagnosisTable { person_id: number; record_key: string; position: number; icd10_code: string }
export interface ApcProcedureTable { person_id: number; record_key: string; position: number; opcs4_code: string; procedure_date: string | null }
export interface AeAttendanceTable extends ActivityColumns {
  arrival_at: string; departure_at: string | null; arrival_mode: string | null; chief_complaint_snomed: string | null;
  diagnosis_snomed: string | null; disposal: string | null; cost_pence: number | null;
}
export interface OpAppointmentTable extends ActivityColumns {
  appointment_date: string; treatment_function_code: string | null; first_attendance: string | null;
  attended_or_dna: string | null; cost_pence: number | null;
}
export interface CommunityContactTable extends ActivityColumns {
  setting: string; contact_date: string; service: string | null; contact_mode: string | null;
  professional: string | null; duration_minutes: number | null;
}
export interface UrgentCareContactTable extends ActivityColumns { service: string; contact_at: string; outcome: string | null }
export interface SocialCareEventTable extends ActivityColumns {
  event_type: string; event_reference: string | null; event_start_date: string; event_end_date: string | null;
  event_outcome: string | null; client_type: string; primary_support_reason: string | null; assessment_type: string | null;
  review_reason: string | null; service_type: string | null; service_component: string | null; delivery_mechanism: string | null;
  support_setting: string | null; unit_cost_pence: number | null; cost_frequency_unit_type: string | null;
  planned_units_per_week: number | null; weekly_cost_pence: number | null; funder: string | null;
  client_funding_status: string | null;
}

export interface ImportRunTable {
  id: Generated<number>; file_name: string; file_sha256: string; format: string; status: string;
  lines_done: Generated<number>; loaded: Generated<number>; duplicates: Generated<number>;
  quarantined: Generated<number>; skipped: Generated<number>; skipped_by_type: string | null; started_at: Generated<string>; finished_at: string | null;
}
export interface ImportQuarantineTable {
  run_id: number; line: number; file_name: string; reason: string; raw: string | null; created_at: Generated<string>;
}

export interface PersonMergeTable {
  from_person_id: number; into_person_id: number; duplicate_id: number | null; merged_by: string; merged_at: Generated<string>; moved_records: number;
}

/** The activity change log (migration 2026_11_25_0905). */
export interface ActivityChangeTable {
  id: Generated<number>; persons: string; person_count: number; changed_at: Generated<string>;
}

export interface PopulationTables {
  activity_change: ActivityChangeTable;
  person_merge: PersonMergeTable;
  locality: LocalityTable;
  person: PersonTable;
  person_identifier: PersonIdentifierTable;
  possible_duplicate: PossibleDuplicateTable;
  gp_event: GpEventTable;
  gp_medication: GpMedicationTable;
  apc_spell: ApcSpellTable;
  apc_diagnosis: ApcDiagnosisTable;
  apc_procedure: ApcProcedureTable;
  ae_attendance: AeAttendanceTable;
  op_appointment: OpAppointmentTable;
  community_contact: CommunityContactTable;
  urgent_care_contact: UrgentCareContactTable;
  social_care_event: SocialCareEventTable;
  import_run: ImportRunTable;
  import_quarantine: ImportQuarantineTable;
}

import type { Generated } from 'kysely';

/** Row types of the analytics module's tables (snake_case, as stored). */
export interface AnalyticsRunTable {
  id: Generated<number>;
  kind: string;
  as_of: string;
  started_at: string;
  finished_at: string | null;
  started_by: string;
  persons: number;
  events: number;
  status: string;
  versions: string;
  /** The activity change log entry the run reflects everything up to (migration 2026_11_25_0910), or NULL. */
  activity_change_through: number | null;
}

/** Every score of one person, as the run that last recomputed them left them (migration 2026_11_25_0900). */
export interface PersonScoreTable {
  person_id: number;
  run_id: number;
  /** JSON array of ScoreResult. */
  scores: string;
}

export interface CaseFindingEntryTable {
  person_id: number;
  run_id: number;
  rule_version: string;
  rules_met: string;
  rules_met_count: number;
  risk_value: number | null;
  risk_percentile: number | null;
  segment: string | null;
  computed_at: string;
}

export interface ModelVersionTable {
  version: string;
  name: string;
  scoring_as_of: string;
  created_at: string;
  report: string;
  model: string;
}

export interface RuleSetTable {
  kind: string;
  version: string;
  label: string;
  effective_from: string | null;
  rules: string;
  created_at: string;
  created_by: string;
}

/** A person's profile as the latest stratification left it (migration 2026_11_24_0900). */
export interface PersonFactsTable {
  person_id: number;
  run_id: number;
  as_of: string;
  age: number | null;
  sex: string;
  locality_code: string | null;
  gp_practice_code: string | null;
  dead: number;
  long_term_conditions: string;
  unstable_conditions: string;
  medication_count: number;
  emergency_admissions_12m: number;
  elective_admissions_12m: number;
  bed_days_12m: number;
  ae_attendances_12m: number;
  outpatient_appointments_12m: number;
  falls_12m: number;
  community_contacts_12m: number;
  mental_health_contacts_12m: number;
  ambulance_contacts_12m: number;
  nhs111_contacts_12m: number;
  known_to_social_care: number;
  receiving_social_care: number;
  social_care_weekly_cost_pence: number;
  end_of_life: number;
  hfrs: number | null;
  hfrs_band: string | null;
  efi: number | null;
  efi_band: string | null;
  charlson: number | null;
  charlson_band: string | null;
  charlson_quan: number | null;
  charlson_quan_band: string | null;
  lace: number | null;
  lace_band: string | null;
  risk_value: number | null;
  risk_band: string | null;
  risk_percentile: number | null;
  segment: string | null;
  previous_risk_value: number | null;
  previous_risk_percentile: number | null;
  previous_as_of: string | null;
}

/** A saved cohort: a name for one version of criteria in rule_set (migration 2026_11_24_0910). */
export interface CohortTable {
  id: Generated<number>;
  name: string;
  description: string;
  version_id: string;
  created_by: string;
  created_at: string;
}

export interface AnalyticsTables {
  analytics_run: AnalyticsRunTable;
  person_score: PersonScoreTable;
  case_finding_entry: CaseFindingEntryTable;
  model_version: ModelVersionTable;
  rule_set: RuleSetTable;
  person_facts: PersonFactsTable;
  cohort: CohortTable;
}

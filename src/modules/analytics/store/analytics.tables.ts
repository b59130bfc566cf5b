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
}

export interface PersonScoreTable {
  person_id: number;
  name: string;
  value: number;
  band: string | null;
  version: string;
  as_of: string;
  computed_at: string;
  run_id: number;
  factors: string;
}

export interface PersonSegmentTable {
  person_id: number;
  segment: string;
  rule_version: string;
  as_of: string;
  computed_at: string;
  run_id: number;
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

export interface AnalyticsTables {
  analytics_run: AnalyticsRunTable;
  person_score: PersonScoreTable;
  person_segment: PersonSegmentTable;
  case_finding_entry: CaseFindingEntryTable;
  model_version: ModelVersionTable;
  rule_set: RuleSetTable;
}

import type { Criteria } from '../../../../../src/modules/analytics/domain/criteria/criteria.types.ts';
import type { CohortView, CriteriaFieldView } from '../../../../../src/modules/analytics/domain/views.ts';

/**
 * The shapes GET/POST /api/analytics/... answer with: the analytics module's own views
 * (src/modules/analytics/domain/views.ts), so the server and the screens cannot drift.
 */
export type {
  CaseFindingView, CohortComparisonView, CohortView, CriteriaFieldView, DashboardView, EvaluationView, PersonRef, PersonScoresView, RateView,
  RunView, ScoreView,
} from '../../../../../src/modules/analytics/domain/views.ts';
export type { Criteria, CriteriaOperator, FieldCriterion } from '../../../../../src/modules/analytics/domain/criteria/criteria.types.ts';
export type { RuleProblem } from '../../../../../src/modules/analytics/domain/criteria/rule-problems.ts';
export type { ScoreFactor, ScoreName } from '../../../../../src/modules/analytics/domain/score-result.ts';
export type { SuppressedCount } from '../../../../../src/modules/governance/domain/disclosure-control.ts';
export type { BalanceRow } from '../../../../../src/modules/analytics/domain/evaluation/matching.ts';
export type { OutcomeEffect } from '../../../../../src/modules/analytics/domain/evaluation/difference-in-differences.ts';
export type { EvaluationWarning } from '../../../../../src/modules/analytics/domain/evaluation/evaluate-intervention.ts';

export interface ListOf<T> {
  items: T[];
}

export type CriteriaFieldList = ListOf<CriteriaFieldView>;
export type CohortList = ListOf<CohortView>;

/** POST /api/analytics/cohorts. */
export interface CohortInput {
  name: string;
  criteria: Criteria;
  description?: string | undefined;
}

/** One side of a comparison: a saved cohort, or criteria with a name (a preset's). */
export type CohortSide = { cohortId: number } | { name: string; criteria: Criteria };

export type ComparisonShow = 'onlyA' | 'both';

/** POST /api/analytics/cohorts/compare. */
export interface ComparisonInput {
  a: CohortSide;
  b: CohortSide;
  show?: ComparisonShow | undefined;
  limit?: number | undefined;
}

/** GET /api/analytics/cohort-comparisons/presets: ready-made questions, e.g. "high risk and not known to social care". */
export interface ComparisonPreset {
  key: string;
  label: string;
  a: { name: string; criteria: Criteria };
  b: { name: string; criteria: Criteria };
  show: ComparisonShow;
}

/** POST /api/analytics/evaluations. */
export interface EvaluationInput {
  cohortId: number;
  interventionDate: string;
  beforeMonths?: number | undefined;
  afterMonths?: number | undefined;
}

import type { Criteria } from '../../../../../src/modules/analytics/domain/criteria/criteria.types.ts';
import type { CohortSide, CohortView, ComparisonShow, CriteriaFieldView } from '../../../../../src/modules/analytics/domain/views.ts';

/**
 * The shapes GET/POST /api/analytics/... answer with: the analytics module's own views
 * (src/modules/analytics/domain/views.ts), so the server and the screens cannot drift.
 */
export type {
  CaseFindingView, CohortComparisonView, CohortSide, CohortView, ComparisonPreset, ComparisonShow, CriteriaFieldView, DashboardView, EvaluationView,
  PersonRef, PersonScoresView, RateView, RunView, ScoreView,
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

/** POST /api/analytics/cohorts/compare. */
export interface ComparisonInput {
  a: CohortSide;
  b: CohortSide;
  show?: ComparisonShow | undefined;
  limit?: number | undefined;
}

/** POST /api/analytics/evaluations. */
export interface EvaluationInput {
  cohortId: number;
  interventionDate: string;
  beforeMonths?: number | undefined;
  afterMonths?: number | undefined;
}

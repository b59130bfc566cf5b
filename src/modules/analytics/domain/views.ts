import type { SuppressedCount } from '../../governance/domain/disclosure-control.ts';
import type { Criteria } from './criteria/criteria.types.ts';
import type { EvaluationResult } from './evaluation/evaluate-intervention.ts';
import type { ScoreFactor, ScoreName } from './score-result.ts';

/**
 * What the /api/analytics routes answer with: one set of shapes for the server and the web app (pure
 * types). Planning users (analysts, commissioners) get pseudonymised person keys and counts with small
 * numbers suppressed ('<8'); direct-care users get identities only for the people the access filter
 * lets them see.
 */

/** A person as an analytics list shows them: identity for direct care, a pseudonymised key for planning. */
export interface PersonRef {
  /** Present for direct care only (links to the person page). */
  personId?: number | undefined;
  /** Present for planning only. */
  personKey?: string | undefined;
  name?: string | undefined;
  nhsNumber?: string | null | undefined;
  /** Exact age for direct care; null for planning, who get ageBand instead. */
  age: number | null;
  /** Five-year age band (planning only). */
  ageBand?: string | null | undefined;
  sex: string;
  gpPracticeCode: string | null;
  localityCode: string | null;
}

export interface RunView { id: number; asOf: string; startedAt: string; finishedAt: string | null; persons: number; events: number; status: string; versions: Record<string, string> }

/** A stored score as the person page and `seamless scores` show it. */
export interface ScoreView { name: ScoreName; value: number; band: string | null; version: string; computedAt: string; factors: ScoreFactor[] }

export interface PersonScoresView { personId: number; asOf: string | null; segment: { key: string; label: string } | null; scores: ScoreView[] }

export interface RateView { rate: number; lower: number; upper: number | null }

/** GET /api/analytics/dashboard?area=place|locality:<code>|practice:<code> */
export interface DashboardView {
  run: RunView | null;
  area: { type: 'place' | 'locality' | 'practice'; code: string | null; name: string };
  /** True when small counts are suppressed (planning users). */
  suppressed: boolean;
  population: SuppressedCount;
  segments: { key: string; label: string; count: SuppressedCount }[];
  /** Count of people in each band of each banded score (HFRS, eFI, Charlson, LACE, emergency admission risk). */
  scoreDistributions: { name: ScoreName; label: string; bands: { band: string; count: SuppressedCount }[] }[];
  /** Needs indicators for the area: crude rate and directly age-standardised rate per 100,000 with 95% limits. */
  rates: { key: string; label: string; events: SuppressedCount; population: number; crude: RateView | null; dsr: RateView | null; note: string | null }[];
  /**
   * Population projection by age band for the area (illustrative: cohort ageing, see
   * domain/stats/population-projection.ts). Small band counts are suppressed for planning users.
   */
  projection: { yearsAhead: number; total: number; byBand: { ageBand: string; population: SuppressedCount }[] }[];
}

/** GET /api/analytics/case-finding?team=<code> */
export interface CaseFindingView {
  run: RunView | null;
  team: { code: string; name: string } | null;
  ruleSet: { version: string; label: string; rules: { key: string; label: string }[] };
  screened: SuppressedCount;
  entries: {
    person: PersonRef;
    rulesMet: { key: string; label: string; explanation: string }[];
    riskValue: number | null;
    riskPercentile: number | null;
    segment: string | null;
    /** Why the predicted risk is what it is: the model's top contributing factors. */
    riskFactors: ScoreFactor[];
  }[];
}

/** A field the cohort builder offers (GET /api/analytics/criteria-fields). */
export interface CriteriaFieldView { field: string; label: string; type: 'number' | 'boolean' | 'string' | 'list'; operators: string[]; values?: string[] | undefined }

/** A saved cohort (GET/POST /api/analytics/cohorts). */
export interface CohortView { id: number; name: string; versionId: string; criteria: Criteria; description: string; createdBy: string; createdAt: string; size: SuppressedCount }

/** POST /api/analytics/cohorts/compare with { a, b } each a saved cohort id or criteria; or a preset. */
export interface CohortComparisonView {
  a: { name: string; size: SuppressedCount };
  b: { name: string; size: SuppressedCount };
  counts: { onlyA: SuppressedCount; onlyB: SuppressedCount; both: SuppressedCount };
  /** A page of the people in A and not B (or in both, when asked), as the reader may see them. */
  people: PersonRef[];
  messages: string[];
}

/** POST /api/analytics/evaluations: { cohortId, interventionDate, beforeMonths?, afterMonths? }. */
export interface EvaluationView extends Omit<EvaluationResult, 'matches'> {
  cohort: { id: number; name: string };
  interventionDate: string;
  windows: { beforeMonths: number; afterMonths: number };
  /** How the evaluation was put together, in plain words: the dates the cohort and risk are taken from, the windows, who was left out. */
  notes: string[];
}

/** One side of a cohort comparison: a saved cohort, or criteria given with the request. */
export type CohortSide = { cohortId: number } | { name: string; criteria: Criteria };
/** Which people a comparison lists: those in A only, or those in both. */
export type ComparisonShow = 'onlyA' | 'both';

/** GET /api/analytics/cohort-comparisons/presets: a ready-made question, e.g. "high risk and not known to social care". */
export interface ComparisonPreset {
  key: string;
  label: string;
  a: { name: string; criteria: Criteria };
  b: { name: string; criteria: Criteria };
  show: ComparisonShow;
}

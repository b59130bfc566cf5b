import { apiUrl, getJson, sendJson } from '../../../lib/http.ts';
import type {
  CaseFindingView, CohortComparisonView, CohortInput, CohortList, CohortView, ComparisonInput, ComparisonPreset, CriteriaFieldList,
  DashboardView, EvaluationInput, EvaluationView, ListOf, PersonScoresView, RunView,
} from './analytics.types.ts';

/** The analytics capability's HTTP client: one function per route under /api/analytics. */
const BASE = '/api/analytics';

export const CASE_FINDING_LIMIT = 200;
export const COMPARISON_LIMIT = 100;

/** area: 'place', 'locality:<code>' or 'practice:<code>'. */
export function getDashboard(area: string, signal?: AbortSignal): Promise<DashboardView> {
  return getJson<DashboardView>(apiUrl(`${BASE}/dashboard`, { area }), signal);
}

/** team: one of the signed-in user's teams (direct care); undefined for planning users, who see the place on pseudonymised keys. */
export function getCaseFinding(team: string | undefined, signal?: AbortSignal, limit = CASE_FINDING_LIMIT): Promise<CaseFindingView> {
  return getJson<CaseFindingView>(apiUrl(`${BASE}/case-finding`, { team, limit }), signal);
}

export function getPersonScores(personId: number, signal?: AbortSignal): Promise<PersonScoresView> {
  return getJson<PersonScoresView>(`${BASE}/persons/${personId}/scores`, signal);
}

export function getCriteriaFields(signal?: AbortSignal): Promise<CriteriaFieldList> {
  return getJson<CriteriaFieldList>(`${BASE}/criteria-fields`, signal);
}

export function listCohorts(signal?: AbortSignal): Promise<CohortList> {
  return getJson<CohortList>(`${BASE}/cohorts`, signal);
}

/** Saves a cohort; a 400 carries details.problems ([{ path, code, message }]) for the builder's rows. */
export function createCohort(input: CohortInput): Promise<CohortView> {
  return sendJson<CohortView>('POST', `${BASE}/cohorts`, input);
}

export function compareCohorts(input: ComparisonInput): Promise<CohortComparisonView> {
  return sendJson<CohortComparisonView>('POST', `${BASE}/cohorts/compare`, { limit: COMPARISON_LIMIT, ...input });
}

export function listComparisonPresets(signal?: AbortSignal): Promise<ListOf<ComparisonPreset>> {
  return getJson<ListOf<ComparisonPreset>>(`${BASE}/cohort-comparisons/presets`, signal);
}

export function runEvaluation(input: EvaluationInput): Promise<EvaluationView> {
  return sendJson<EvaluationView>('POST', `${BASE}/evaluations`, input);
}

/** The latest stratification run, or null when none has been run. */
export function getLatestRun(signal?: AbortSignal): Promise<RunView | null> {
  return getJson<RunView | null>(`${BASE}/runs/latest`, signal);
}

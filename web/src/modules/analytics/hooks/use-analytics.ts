import { useAsync } from '../../../lib/use-async.ts';
import { getCaseFinding, getCriteriaFields, getDashboard, getLatestRun, listCohorts, listComparisonPresets } from '../api/analytics.api.ts';

/** area: 'place', 'locality:<code>' or 'practice:<code>'. */
export function useDashboard(area: string) {
  return useAsync((signal) => getDashboard(area, signal), [area]);
}

export function useCaseFinding(team: string | undefined) {
  return useAsync((signal) => getCaseFinding(team, signal), [team]);
}

export function useCriteriaFields() {
  return useAsync((signal) => getCriteriaFields(signal), []);
}

/** version: a new value loads the list again (after a cohort was saved). */
export function useCohorts(version = 0) {
  return useAsync((signal) => listCohorts(signal), [version]);
}

export function useComparisonPresets() {
  return useAsync((signal) => listComparisonPresets(signal), []);
}

export function useLatestRun() {
  return useAsync((signal) => getLatestRun(signal), []);
}

import { useAsync } from '../../../lib/use-async.ts';
import { getPerson, getPlaceSummary, searchPersons } from '../api/population.api.ts';
import { toApiSearchQuery } from '../search-query.ts';

export function usePlaceSummary() {
  return useAsync((signal) => getPlaceSummary(signal), []);
}

export function usePersonSearch(q: string) {
  return useAsync((signal) => searchPersons(toApiSearchQuery(q), signal), [q]);
}

export function usePerson(id: number) {
  return useAsync((signal) => getPerson(id, signal), [id]);
}

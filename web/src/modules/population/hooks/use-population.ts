import { useAsync } from '../../../lib/use-async.ts';
import { getPerson, getPlaceSummary, searchPersons } from '../api/population.api.ts';
import { toApiSearchQuery } from '../search-query.ts';

export function usePlaceSummary() {
  return useAsync((signal) => getPlaceSummary(signal), []);
}

/** An empty q asks nothing and answers no one. */
export function usePersonSearch(q: string) {
  return useAsync((signal) => (q ? searchPersons(toApiSearchQuery(q), signal) : Promise.resolve({ items: [], total: 0 })), [q]);
}

export function usePerson(id: number) {
  return useAsync((signal) => getPerson(id, signal), [id]);
}

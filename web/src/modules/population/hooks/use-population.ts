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

/** version: a new value loads the record again (after something on the page changed what the user may see). */
export function usePerson(id: number, version = 0) {
  return useAsync((signal) => getPerson(id, signal), [id, version]);
}

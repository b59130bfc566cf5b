import { apiUrl, getJson } from '../../../lib/http.ts';
import type { PersonRecord, PersonSearchResult, PlaceSummary, TimelinePage } from './population.types.ts';

/** The population capability's HTTP client: one function per route under /api/population. */
const BASE = '/api/population';

export const SEARCH_LIMIT = 50;
export const TIMELINE_PAGE_SIZE = 200;

export function getPlaceSummary(signal?: AbortSignal): Promise<PlaceSummary> {
  return getJson<PlaceSummary>(`${BASE}/summary`, signal);
}

export function searchPersons(q: string, signal?: AbortSignal): Promise<PersonSearchResult> {
  return getJson<PersonSearchResult>(apiUrl(`${BASE}/persons`, { q, limit: SEARCH_LIMIT }), signal);
}

export function getPerson(id: number, signal?: AbortSignal): Promise<PersonRecord> {
  return getJson<PersonRecord>(`${BASE}/persons/${id}`, signal);
}

export interface TimelineQuery {
  /** Settings to include; undefined for all of them. */
  settings?: readonly string[] | undefined;
  /** Only entries dated before this day (YYYY-MM-DD). */
  before?: string | undefined;
  limit?: number | undefined;
}

export function getTimeline(id: number, query: TimelineQuery = {}, signal?: AbortSignal): Promise<TimelinePage> {
  return getJson<TimelinePage>(apiUrl(`${BASE}/persons/${id}/timeline`, {
    settings: query.settings, before: query.before, limit: query.limit ?? TIMELINE_PAGE_SIZE,
  }), signal);
}

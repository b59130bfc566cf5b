import type { AuditQuery } from './api/governance.types.ts';

/**
 * The audit search lives in the URL, so a search can be bookmarked and shared with a colleague:
 * actor, person, action, outcome, from, to, and for paging the cursor of this page plus the trail of
 * the cursors before it (0 for the first page), which is what 'Previous' goes back to. limit (10 to
 * 200, default 50) sets the page size.
 */
export interface AuditSearchState {
  query: AuditQuery;
  cursor: number | undefined;
  trail: number[];
}

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

const FIELDS = ['actor', 'person', 'action', 'outcome', 'from', 'to'] as const;

export function readAuditSearch(params: URLSearchParams): AuditSearchState {
  const query: AuditQuery = {};
  const limit = Number(params.get('limit'));
  if (Number.isInteger(limit) && limit >= 10 && limit <= 200 && limit !== DEFAULT_AUDIT_PAGE_SIZE) query.limit = limit;
  for (const field of FIELDS) {
    const value = params.get(field)?.trim();
    if (!value) continue;
    if (field === 'person') {
      if (/^\d{1,12}$/.test(value)) query.person = Number(value);
    } else query[field] = value;
  }
  const cursorText = params.get('cursor') ?? '';
  const cursor = /^\d{1,15}$/.test(cursorText) && Number(cursorText) > 0 ? Number(cursorText) : undefined;
  const trail = (params.get('trail') ?? '').split(',').filter((t) => /^\d{1,15}$/.test(t)).map(Number);
  return { query, cursor, trail: cursor === undefined ? [] : trail };
}

export function auditSearchHref(state: AuditSearchState): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = state.query[field];
    if (value !== undefined && value !== '') params.set(field, String(value));
  }
  if (state.query.limit !== undefined) params.set('limit', String(state.query.limit));
  if (state.cursor !== undefined) {
    params.set('cursor', String(state.cursor));
    if (state.trail.length) params.set('trail', state.trail.join(','));
  }
  const search = params.toString();
  return `/governance/audit${search ? `?${search}` : ''}`;
}

export function hasCriteria(query: AuditQuery): boolean {
  return FIELDS.some((f) => query[f] !== undefined && query[f] !== '');
}

export function pageSize(query: AuditQuery): number {
  return query.limit ?? DEFAULT_AUDIT_PAGE_SIZE;
}

/** The next (older) page: this page's cursor joins the trail. */
export function nextPage(state: AuditSearchState, nextCursor: number): AuditSearchState {
  return { query: state.query, cursor: nextCursor, trail: [...state.trail, state.cursor ?? 0] };
}

/** The previous (newer) page: the last cursor of the trail (0 is the first page). */
export function previousPage(state: AuditSearchState): AuditSearchState {
  const back = state.trail[state.trail.length - 1];
  return { query: state.query, cursor: back ? back : undefined, trail: state.trail.slice(0, -1) };
}

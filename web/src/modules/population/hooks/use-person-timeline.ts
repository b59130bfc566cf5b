import { useCallback, useEffect, useRef, useState } from 'react';
import { nextDay } from '../../../lib/format.ts';
import { getTimeline, TIMELINE_PAGE_SIZE } from '../api/population.api.ts';
import type { TimelineItem } from '../api/population.types.ts';

const MAX_LIMIT = 2000;

export interface TimelineState {
  status: 'loading' | 'ok' | 'error';
  items: TimelineItem[];
  hasMore: boolean;
  /** The first page's note on records the user may not see (see TimelinePage). */
  accessNote: string | null;
  error?: unknown;
  loadingMore: boolean;
  moreError?: unknown;
}

const entryKey = (item: TimelineItem) => `${item.kind}|${item.recordKey}`;
const day = (item: TimelineItem) => item.date.slice(0, 10);

/**
 * A person's timeline, newest first, in pages. The API pages by date ('before' is exclusive), so the
 * next page asks for everything before the day after the oldest entry shown, with the limit raised by
 * the entries already shown on that day: each page then brings at least a page of new entries even
 * when many share a date, and the overlap is dropped by record key.
 *
 * settings: the settings to show, or undefined for all; an empty list loads nothing.
 */
export function usePersonTimeline(personId: number, settings: readonly string[] | undefined): TimelineState & { loadMore: () => void; reload: () => void } {
  const key = `${personId}|${settings === undefined ? '*' : settings.join(',')}`;
  const [state, setState] = useState<TimelineState>({ status: 'loading', items: [], hasMore: false, accessNote: null, loadingMore: false });
  const [attempt, setAttempt] = useState(0);
  const more = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    more.current?.abort();
    if (settings !== undefined && settings.length === 0) {
      setState({ status: 'ok', items: [], hasMore: false, accessNote: null, loadingMore: false });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading', items: [], hasMore: false, accessNote: null, loadingMore: false });
    getTimeline(personId, { settings }, controller.signal).then(
      (page) => { if (!controller.signal.aborted) setState({ status: 'ok', items: page.items, hasMore: page.hasMore, accessNote: page.accessNote ?? null, loadingMore: false }); },
      (error: unknown) => { if (!controller.signal.aborted) setState({ status: 'error', items: [], hasMore: false, accessNote: null, error, loadingMore: false }); },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const latest = useRef(state);
  latest.current = state;

  const loadMore = useCallback(() => {
    const current = latest.current;
    const last = current.items[current.items.length - 1];
    if (!last || !current.hasMore || current.loadingMore) return;
    const lastDay = day(last);
    const onLastDay = current.items.filter((item) => day(item) === lastDay).length;
    const controller = new AbortController();
    more.current = controller;
    latest.current = { ...current, loadingMore: true };
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }));
    const query = { settings, before: nextDay(lastDay), limit: Math.min(TIMELINE_PAGE_SIZE + onLastDay, MAX_LIMIT) };
    getTimeline(personId, query, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => {
          const seen = new Set(s.items.map(entryKey));
          const added = page.items.filter((item) => !seen.has(entryKey(item)));
          return { ...s, items: [...s.items, ...added], hasMore: page.hasMore && added.length > 0, loadingMore: false };
        });
      },
      (error: unknown) => { if (!controller.signal.aborted) setState((s) => ({ ...s, loadingMore: false, moreError: error })); },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => () => more.current?.abort(), []);

  return { ...state, loadMore, reload: () => setAttempt((n) => n + 1) };
}

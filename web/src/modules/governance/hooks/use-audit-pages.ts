import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditPage } from '../api/governance.types.ts';

export interface AuditPagesState {
  status: 'loading' | 'ok' | 'error';
  items: AuditEntry[];
  nextCursor: number | null;
  error?: unknown;
  loadingMore: boolean;
  moreError?: unknown;
}

/**
 * Audit entries newest first, a page at a time: the first page whenever key changes, then 'older
 * entries' from the cursor the last page gave (the log is append-only and paged by sequence number,
 * so pages never overlap or skip while new entries arrive).
 */
export function useAuditPages(key: string, load: (cursor: number | undefined, signal: AbortSignal) => Promise<AuditPage>, enabled = true) {
  const [state, setState] = useState<AuditPagesState>({ status: 'loading', items: [], nextCursor: null, loadingMore: false });
  const [attempt, setAttempt] = useState(0);
  const more = useRef<AbortController | undefined>(undefined);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    more.current?.abort();
    if (!enabled) return;
    const controller = new AbortController();
    setState({ status: 'loading', items: [], nextCursor: null, loadingMore: false });
    loader.current(undefined, controller.signal).then(
      (page) => { if (!controller.signal.aborted) setState({ status: 'ok', items: page.items, nextCursor: page.nextCursor, loadingMore: false }); },
      (error: unknown) => { if (!controller.signal.aborted) setState({ status: 'error', items: [], nextCursor: null, error, loadingMore: false }); },
    );
    return () => controller.abort();
  }, [key, attempt, enabled]);

  const latest = useRef(state);
  latest.current = state;

  const loadMore = useCallback(() => {
    const current = latest.current;
    if (current.nextCursor === null || current.loadingMore) return;
    const controller = new AbortController();
    more.current = controller;
    latest.current = { ...current, loadingMore: true };
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }));
    loader.current(current.nextCursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => {
          const seen = new Set(s.items.map((e) => e.seq));
          return { ...s, items: [...s.items, ...page.items.filter((e) => !seen.has(e.seq))], nextCursor: page.nextCursor, loadingMore: false };
        });
      },
      (error: unknown) => { if (!controller.signal.aborted) setState((s) => ({ ...s, loadingMore: false, moreError: error })); },
    );
  }, []);

  useEffect(() => () => more.current?.abort(), []);

  return { ...state, loadMore, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}

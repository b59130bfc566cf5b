import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small client-side router over the History API: enough for a handful of screens, with real URLs
 * that the server answers with index.html (SPA fallback), so every screen can be bookmarked and shared.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentHref = () => `${window.location.pathname}${window.location.search}`;

export interface Location {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

let cached: Location | undefined;

function snapshot(): Location {
  const href = currentHref();
  if (!cached || cached.href !== href) {
    cached = { pathname: window.location.pathname, search: new URLSearchParams(window.location.search), href };
  }
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Goes to another screen; replace: true changes the URL without a new history entry (filters). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  // appDepth counts screens visited within the app, so a back link knows whether history.back() stays in it.
  const state = window.history.state as { appDepth?: number } | null;
  const depth = state?.appDepth ?? 0;
  if (options.replace) window.history.replaceState({ appDepth: depth }, '', to);
  else {
    window.history.pushState({ appDepth: depth + 1 }, '', to);
    window.scrollTo(0, 0);
  }
  for (const listener of listeners) listener();
}

/** '/people/:id' against '/people/42' → { id: '42' }; undefined when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return undefined;
  }
  return params;
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
}

/** An ordinary link that changes screen without reloading; new-tab and modified clicks behave as usual. */
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (target && target !== '_self') return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}

import type { MouseEvent } from 'react';
import { Link } from '../lib/router.tsx';

/**
 * NHS back link. useHistory: true goes back in the browser's history when there is somewhere to go
 * back to within the app (e.g. to the search results), and to `to` otherwise.
 */
export function BackLink({ to, children = 'Back', useHistory = false }: { to: string; children?: string; useHistory?: boolean }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!useHistory || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const state = window.history.state as { appDepth?: number } | null;
    if (state?.appDepth && state.appDepth > 0) {
      event.preventDefault();
      window.history.back();
    }
  };
  return <Link className="nhsuk-back-link" to={to} onClick={onClick}>{children}</Link>;
}

import type { ReactNode } from 'react';

/**
 * Wraps a wide table so it scrolls sideways on narrow screens instead of breaking the page; the
 * region is focusable and named by the table's caption, so keyboard users can scroll it too.
 */
export function TableContainer({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

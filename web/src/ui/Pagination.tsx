import type { MouseEvent } from 'react';
import { navigate } from '../lib/router.tsx';

const ARROW_LEFT = 'M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z';
const ARROW_RIGHT = 'm14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z';

/** NHS pagination: links to the previous and next pages, each with a label of what is there. */
export function Pagination({ previous, next, previousLabel = 'Previous page', nextLabel = 'Next page' }: {
  previous?: string | undefined; next?: string | undefined; previousLabel?: string; nextLabel?: string;
}) {
  if (!previous && !next) return null;
  const go = (href: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous && (
          <li className="nhsuk-pagination-item--previous">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--prev" href={previous} rel="prev" onClick={go(previous)}>
              <span className="nhsuk-pagination__title">Previous<span className="nhsuk-u-visually-hidden"> page</span></span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{previousLabel}</span>
              <svg className="nhsuk-icon nhsuk-icon--arrow-left" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d={ARROW_LEFT} /></svg>
            </a>
          </li>
        )}
        {next && (
          <li className="nhsuk-pagination-item--next">
            <a className="nhsuk-pagination__link nhsuk-pagination__link--next" href={next} rel="next" onClick={go(next)}>
              <span className="nhsuk-pagination__title">Next<span className="nhsuk-u-visually-hidden"> page</span></span>
              <span className="nhsuk-u-visually-hidden">:</span>
              <span className="nhsuk-pagination__page">{nextLabel}</span>
              <svg className="nhsuk-icon nhsuk-icon--arrow-right" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true"><path d={ARROW_RIGHT} /></svg>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

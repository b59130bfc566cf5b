import { useEffect, useRef, type ReactNode } from 'react';

/**
 * NHS error summary for a problem the server reported (or a form error). Focused when it appears,
 * so screen reader users hear it straight away.
 */
export function ErrorSummary({ title = 'There is a problem', messages, links }: {
  title?: string; messages: readonly string[]; links?: readonly (string | undefined)[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [messages.join('\n')]);
  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">{title}</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {messages.map((message, i) => (
              <li key={i}>{links?.[i] ? <a href={links[i]}>{message}</a> : message}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** Inset text, for neutral messages such as 'No results'. */
export function InsetText({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      {children}
    </div>
  );
}

/** A polite loading message that screen readers announce. */
export function Loading({ what }: { what: string }) {
  return <p className="nhsuk-body app-loading" role="status">Loading {what}…</p>;
}

import type { ReactNode } from 'react';

/** NHS card; feature: true gives the blue heading bar used for grouped figures. */
export function Card({ heading, headingLevel = 2, feature = false, children, className }: {
  heading?: ReactNode; headingLevel?: 2 | 3; feature?: boolean; children: ReactNode; className?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={['nhsuk-card', feature ? 'nhsuk-card--feature' : '', className ?? ''].filter(Boolean).join(' ')}>
      <div className="nhsuk-card__content">
        {heading !== undefined && <Heading className="nhsuk-card__heading">{heading}</Heading>}
        {children}
      </div>
    </div>
  );
}

/** A headline figure: the number large, what it counts underneath, an optional note. */
export function Figure({ label, value, note }: { label: string; value: string; note?: ReactNode }) {
  return (
    <div className="nhsuk-card app-figure">
      <div className="nhsuk-card__content">
        <p className="app-figure__value">{value}</p>
        <p className="app-figure__label">{label}</p>
        {note !== undefined && <p className="app-figure__note">{note}</p>}
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';

/** NHS warning callout (a warning card in nhsuk-frontend 10): a yellow panel for what must not be missed. */
export function WarningCallout({ heading, headingLevel = 3, children, testId }: {
  heading: string; headingLevel?: 2 | 3; children: ReactNode; testId?: string;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const important = /important/i.test(heading);
  return (
    <div className="nhsuk-card nhsuk-card--warning" data-testid={testId}>
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading">
          {!important && <span className="nhsuk-u-visually-hidden">Important: </span>}
          {heading}
        </Heading>
        {children}
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';

export interface SummaryRow {
  key: string;
  value: ReactNode;
}

/**
 * NHS summary list: a definition list of facts; empty values show as 'Not recorded'. wideKeys gives
 * the keys most of the width, for short figures beside long descriptions in narrow columns.
 */
export function SummaryList({ rows, noBorder = false, wideKeys = false }: { rows: readonly SummaryRow[]; noBorder?: boolean; wideKeys?: boolean }) {
  const classes = ['nhsuk-summary-list', noBorder ? 'nhsuk-summary-list--no-border' : '', wideKeys ? 'app-summary-list--wide-keys' : ''];
  return (
    <dl className={classes.filter(Boolean).join(' ')}>
      {rows.map((row) => (
        <div className="nhsuk-summary-list__row" key={row.key}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value">{isEmpty(row.value) ? <span className="app-muted">Not recorded</span> : row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function isEmpty(value: ReactNode): boolean {
  return value === null || value === undefined || value === '' || value === false;
}

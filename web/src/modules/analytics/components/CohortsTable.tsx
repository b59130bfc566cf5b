import { describeCriteria } from '../../../../../src/modules/analytics/domain/criteria/explain-criteria.ts';
import { formatDate } from '../../../lib/format.ts';
import { InsetText } from '../../../ui/ErrorSummary.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { formatSuppressed } from '../analytics-display.ts';
import type { CohortView, Criteria } from '../api/analytics.types.ts';

/** Criteria in plain words, the way the server explains them; the JSON when they cannot be put in words here. */
export function criteriaInWords(criteria: Criteria): string {
  try {
    return describeCriteria(criteria, { segmentMeaning: 'assigned' });
  } catch {
    return JSON.stringify(criteria);
  }
}

/** The saved cohorts: who is in each (in words), how many people, who saved it and when. */
export function CohortsTable({ cohorts, onCopy }: { cohorts: readonly CohortView[]; onCopy?: ((cohort: CohortView) => void) | undefined }) {
  if (cohorts.length === 0) {
    return <InsetText><p data-testid="no-cohorts">There are no saved cohorts yet. Build one above and save it.</p></InsetText>;
  }
  return (
    <TableContainer labelledBy="cohorts-caption">
      <table className="nhsuk-table" data-testid="cohorts-table">
        <caption className="nhsuk-u-visually-hidden" id="cohorts-caption">Saved cohorts</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Cohort</th>
            <th className="nhsuk-table__header" scope="col">Who is in it</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">People</th>
            <th className="nhsuk-table__header" scope="col">Saved</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {cohorts.map((c) => (
            <tr className="nhsuk-table__row" key={c.id} data-testid="cohort-row" data-cohort-id={c.id}>
              <th className="nhsuk-table__header" scope="row">
                {c.name}
                {c.description && <span className="app-person-ref__facts">{c.description}</span>}
              </th>
              <td className="nhsuk-table__cell">
                {criteriaInWords(c.criteria)}
                {onCopy && (
                  <>
                    <br />
                    <button type="button" className="app-link-button nhsuk-body-s" onClick={() => onCopy(c)}>
                      Copy into the builder<span className="nhsuk-u-visually-hidden">: {c.name}</span>
                    </button>
                  </>
                )}
              </td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-testid="cohort-size">{formatSuppressed(c.size)}</td>
              <td className="nhsuk-table__cell"><span className="app-nowrap">{formatDate(c.createdAt, { short: true })}</span><span className="app-person-ref__facts">by {c.createdBy}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}

import { formatCount, pluralise } from '../../../lib/format.ts';
import { Link } from '../../../lib/router.tsx';
import { InsetText } from '../../../ui/ErrorSummary.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import type { PersonSearchResult } from '../api/population.types.ts';
import { dateOfBirthText, nhsNumberText, personSortName } from '../person-display.ts';

/** Search results as a table; each name links to the person's record. */
export function PersonSearchResults({ q, result }: { q: string; result: PersonSearchResult }) {
  const { items, total } = result;
  if (items.length === 0) {
    return (
      <InsetText>
        <p>No people match ‘{q}’.</p>
        <p>Check the NHS number or date of birth, or try fewer letters of the name.</p>
      </InsetText>
    );
  }
  const caption = total > items.length
    ? `Showing the first ${formatCount(items.length)} of ${pluralise(total, 'person', 'people')} matching ‘${q}’`
    : `${pluralise(total, 'person', 'people')} matching ‘${q}’`;
  return (
    <>
      <TableContainer labelledBy="results-caption">
        <table className="nhsuk-table app-results" data-testid="search-results">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s" id="results-caption">{caption}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">Name</th>
              <th className="nhsuk-table__header" scope="col">NHS number</th>
              <th className="nhsuk-table__header" scope="col">Date of birth</th>
              <th className="nhsuk-table__header" scope="col">Sex</th>
              <th className="nhsuk-table__header" scope="col">Postcode</th>
              <th className="nhsuk-table__header" scope="col">GP practice</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {items.map((p) => (
              <tr className="nhsuk-table__row" key={p.id}>
                <th className="nhsuk-table__header" scope="row">
                  <Link to={`/people/${p.id}`}>{personSortName(p)}</Link>
                  {p.dateOfDeath && <> <Tag colour="grey">Deceased</Tag></>}
                </th>
                <td className="nhsuk-table__cell app-nowrap">{nhsNumberText(p.nhsNumber) ?? <span className="app-muted">{p.localId ? `Local ID ${p.localId}` : 'Not known'}</span>}</td>
                <td className="nhsuk-table__cell app-nowrap">{dateOfBirthText(p, { short: true }) ?? <span className="app-muted">Not known</span>}</td>
                <td className="nhsuk-table__cell">{p.sexLabel}</td>
                <td className="nhsuk-table__cell app-nowrap">{p.postcode ?? <span className="app-muted">Not known</span>}</td>
                <td className="nhsuk-table__cell">{p.gpPracticeCode ?? <span className="app-muted">Not known</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableContainer>
      {total > items.length && (
        <p className="nhsuk-body-s">To narrow the list, add a given name (for example ‘Smith John’) or search by NHS number or date of birth.</p>
      )}
    </>
  );
}

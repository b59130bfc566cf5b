import { formatDate, pluralise } from '../../../lib/format.ts';
import { Link } from '../../../lib/router.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { Tag, type TagColour } from '../../../ui/Tag.tsx';
import type { Agreement } from '../api/governance.types.ts';
import { AGREEMENT_PURPOSES } from '../../../../../src/modules/governance/registers/agreement.ts';
import { inOrder } from '../agreement-form.ts';
import { categoryLabel, DATA_CATEGORIES, humanise, purposeLabel } from '../roles.ts';

const STATUS_COLOURS: Record<string, TagColour> = { active: 'green', draft: 'grey', suspended: 'orange', ended: 'white' };

/** When an agreement ends, in words: 'Ends today', 'Ends in 12 days', 'Ended 3 days ago'. */
export function describeEnd(daysToEnd: number): string {
  if (daysToEnd === 0) return 'Ends today';
  if (daysToEnd > 0) return `Ends in ${pluralise(daysToEnd, 'day')}`;
  return `Ended ${pluralise(-daysToEnd, 'day')} ago`;
}

/** The data sharing agreements register: terms, parties, dates and status, with expiry warnings. */
export function AgreementsTable({ agreements, mayEdit }: { agreements: readonly Agreement[]; mayEdit: boolean }) {
  return (
    <TableContainer labelledBy="agreements-caption">
      <table className="nhsuk-table app-agreements" data-testid="agreements-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s" id="agreements-caption">
          {pluralise(agreements.length, 'agreement')}, ending soonest first
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Agreement</th>
            <th className="nhsuk-table__header" scope="col">Parties</th>
            <th className="nhsuk-table__header" scope="col">Shares</th>
            <th className="nhsuk-table__header" scope="col">In force</th>
            <th className="nhsuk-table__header" scope="col">Status</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {agreements.map((a) => (
            <tr className="nhsuk-table__row" key={a.id} data-testid="agreement-row" data-expiring={String(a.expiring)}>
              <td className="nhsuk-table__cell app-agreements__title">
                {mayEdit
                  ? <Link className="app-audit__who" to={`/governance/agreements/${a.id}`}>{a.title}<span className="nhsuk-u-visually-hidden"> (change)</span></Link>
                  : <span className="app-audit__who">{a.title}</span>}
                <span className="app-audit__sub">Legal basis: {a.legalBasis}</span>
              </td>
              <td className="nhsuk-table__cell">
                {a.parties.join(', ')}
              </td>
              <td className="nhsuk-table__cell">
                <span className="app-audit__who">{inOrder(a.purposes, AGREEMENT_PURPOSES).map(purposeLabel).join(', ')}</span>
                <span className="app-audit__sub">{inOrder(a.dataCategories, DATA_CATEGORIES).map(categoryLabel).join(', ')}</span>
              </td>
              <td className="nhsuk-table__cell">
                <span className="app-nowrap">{formatDate(a.startDate, { short: true })}</span> to <span className="app-nowrap">{formatDate(a.endDate, { short: true })}</span>
                {a.status === 'active' && <span className="app-audit__sub">{describeEnd(a.daysToEnd)}</span>}
              </td>
              <td className="nhsuk-table__cell app-agreements__status">
                <Tag colour={STATUS_COLOURS[a.status]}>{humanise(a.status)}</Tag>
                {a.expiring && <> <Tag colour="yellow">Expires soon</Tag></>}
                {a.status === 'active' && !a.inForce && a.daysToEnd >= 0 && <> <Tag colour="grey">Not started</Tag></>}
                {a.status === 'active' && a.daysToEnd < 0 && <> <Tag colour="red">Expired</Tag></>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}

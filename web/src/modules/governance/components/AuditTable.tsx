import { formatDateTime } from '../../../lib/format.ts';
import { Link } from '../../../lib/router.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import type { AuditEntry } from '../api/governance.types.ts';
import { actionLabel, purposeLabel, roleLabel } from '../roles.ts';

/**
 * Audit entries as a table: when, who (name, organisation, role), what and why, and the outcome.
 * showPerson adds the person column (audit search), linking to the person's IG page.
 */
export function AuditTable({ caption, captionId, entries, showPerson = false, testId }: {
  caption: string; captionId: string; entries: readonly AuditEntry[]; showPerson?: boolean; testId?: string;
}) {
  return (
    <TableContainer labelledBy={captionId}>
      <table className="nhsuk-table app-audit-table" data-testid={testId}>
        <caption className="nhsuk-table__caption nhsuk-table__caption--s" id={captionId}>{caption}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">When</th>
            <th className="nhsuk-table__header" scope="col">Who</th>
            <th className="nhsuk-table__header" scope="col">What</th>
            {showPerson && <th className="nhsuk-table__header" scope="col">Person</th>}
            <th className="nhsuk-table__header" scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {entries.map((entry) => (
            <tr className="nhsuk-table__row" key={entry.seq} data-testid="audit-entry" data-action={entry.action} data-outcome={entry.outcome}>
              <td className="nhsuk-table__cell app-nowrap">{formatDateTime(entry.at, { short: true })}</td>
              <td className="nhsuk-table__cell">
                <span className="app-audit__who">{entry.actorName ?? entry.actorId}</span>
                <span className="app-audit__sub">{roleLabel(entry.actorRole)}, {entry.actorOrgName ? `${entry.actorOrgName} (${entry.actorOrg})` : entry.actorOrg}</span>
                {entry.actorName && <span className="app-audit__sub">Staff ID {entry.actorId}</span>}
              </td>
              <td className="nhsuk-table__cell">
                <span className="app-audit__who">{actionLabel(entry.action)}</span>
                <span className="app-audit__sub"><code className="app-audit__resource">{entry.resource}</code> · {purposeLabel(entry.purpose)}</span>
                {entry.detail && <span className="app-audit__sub app-break">{entry.detail}</span>}
              </td>
              {showPerson && (
                <td className="nhsuk-table__cell app-nowrap">
                  {entry.personId === null ? <span className="app-muted">–</span> : <Link to={`/governance/people/${entry.personId}`}>{entry.personId}</Link>}
                </td>
              )}
              <td className="nhsuk-table__cell">
                <Tag colour={entry.outcome === 'allowed' ? 'green' : 'red'}>{entry.outcome === 'allowed' ? 'Allowed' : entry.outcome === 'denied' ? 'Refused' : entry.outcome}</Tag>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}

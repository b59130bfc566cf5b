import { ACTIVITY_KINDS, ACTIVITY_LABELS } from '../../../../../src/modules/population/domain/activity.ts';
import { formatCount, formatDate } from '../../../lib/format.ts';
import { SummaryList } from '../../../ui/SummaryList.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import type { PersonRecord } from '../api/population.types.ts';
import {
  dateOfBirthText, identifierSystemLabel, identifierValueText, matchMethodLabel, nhsNumberText, personName,
} from '../person-display.ts';

/** The person's name and the facts that identify them, as a banner at the top of their record. */
export function PersonBanner({ record }: { record: PersonRecord }) {
  const p = record.person;
  const nhs = nhsNumberText(p.nhsNumber);
  return (
    <div className="app-person-banner">
      <h1 className="nhsuk-heading-l app-person-banner__name">
        <span className="nhsuk-caption-m">Person record</span>
        {personName(p)}
        {p.dateOfDeath && <> <Tag colour="grey">Deceased</Tag></>}
      </h1>
      <ul className="app-person-banner__facts" aria-label="Key details">
        <li><span className="app-person-banner__key">NHS number</span> {nhs ?? 'Not known'}</li>
        <li><span className="app-person-banner__key">Born</span> {dateOfBirthText(p) ?? 'Not known'}</li>
        <li><span className="app-person-banner__key">Sex</span> {p.sexLabel}</li>
        {p.dateOfDeath && <li><span className="app-person-banner__key">Died</span> {formatDate(p.dateOfDeath)}</li>}
      </ul>
    </div>
  );
}

export function PersonDemographics({ record }: { record: PersonRecord }) {
  const p = record.person;
  return (
    <>
      <h2 className="nhsuk-heading-m">Demographics</h2>
      <SummaryList rows={[
        { key: 'Name', value: p.givenName || p.familyName ? personName(p) : null },
        { key: 'NHS number', value: nhsNumberText(p.nhsNumber) },
        { key: 'Local ID', value: p.localId },
        { key: 'Date of birth', value: dateOfBirthText(p) },
        { key: 'Sex', value: p.sexLabel },
        ...(p.dateOfDeath ? [{ key: 'Date of death', value: formatDate(p.dateOfDeath) }] : []),
        { key: 'Postcode', value: p.postcode },
        { key: 'Lower layer super output area', value: p.lsoaCode },
        { key: 'Locality', value: p.localityName ? `${p.localityName}${p.localityCode ? ` (${p.localityCode})` : ''}` : p.localityCode },
        { key: 'GP practice', value: p.gpPracticeCode },
      ]} />
    </>
  );
}

export function PersonIdentifiers({ record }: { record: PersonRecord }) {
  return (
    <TableContainer labelledBy="identifiers-caption">
      <table className="nhsuk-table" data-testid="identifiers">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="identifiers-caption">Identifiers</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">System</th>
            <th className="nhsuk-table__header" scope="col">Value</th>
            <th className="nhsuk-table__header" scope="col">How matched</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Score</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {record.identifiers.length === 0 && (
            <tr className="nhsuk-table__row"><td className="nhsuk-table__cell" colSpan={4}>No identifiers recorded.</td></tr>
          )}
          {record.identifiers.map((id) => (
            <tr className="nhsuk-table__row" key={`${id.system}|${id.value}`}>
              <td className="nhsuk-table__cell">{identifierSystemLabel(id.system)}</td>
              <td className={`nhsuk-table__cell ${id.system === 'nhs-number' ? 'app-nowrap' : 'app-break'}`}>{identifierValueText(id.system, id.value)}</td>
              <td className="nhsuk-table__cell">{matchMethodLabel(id.matchMethod)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{id.matchScore === null ? '–' : formatScore(id.matchScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

export function ActivityCounts({ record }: { record: PersonRecord }) {
  const total = ACTIVITY_KINDS.reduce((sum, kind) => sum + (record.counts[kind] ?? 0), 0);
  return (
    <TableContainer labelledBy="counts-caption">
      <table className="nhsuk-table" data-testid="activity-counts">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="counts-caption">Activity on record</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Kind of record</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Records</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {ACTIVITY_KINDS.map((kind) => (
            <tr className="nhsuk-table__row" key={kind}>
              <th className="nhsuk-table__header" scope="row">{ACTIVITY_LABELS[kind]}</th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(record.counts[kind] ?? 0)}</td>
            </tr>
          ))}
          <tr className="nhsuk-table__row app-total-row">
            <th className="nhsuk-table__header" scope="row">All records</th>
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(total)}</td>
          </tr>
        </tbody>
      </table>
    </TableContainer>
  );
}

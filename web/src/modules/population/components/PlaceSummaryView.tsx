import { formatCount, formatDate, formatPence, formatPercent, pluralise } from '../../../lib/format.ts';
import { Card, Figure } from '../../../ui/Card.tsx';
import { SummaryList } from '../../../ui/SummaryList.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import type { PlaceSummary } from '../api/population.types.ts';

/** The place's headline figures: who lives here, what happened in the last year, what it cost, who the partners are. */
export function PlaceSummaryView({ summary }: { summary: PlaceSummary }) {
  const s = summary;
  const a = s.activityLast12Months;
  const died = s.people - s.living;
  const activity: [string, number][] = [
    ['GP coded events', a.gpEvents],
    ['Emergency hospital admissions', a.emergencyAdmissions],
    ['Planned (elective) hospital admissions', a.electiveAdmissions],
    ['A&E attendances', a.aeAttendances],
    ['Outpatient appointments', a.outpatientAppointments],
    ['Community and mental health contacts', a.communityContacts],
    ['Ambulance and NHS 111 contacts', a.urgentCareContacts],
    ['Requests for adult social care', a.socialCareRequests],
  ];
  return (
    <>
      <p className="nhsuk-body-s app-muted">Figures as of {formatDate(s.asOf)}. The last 12 months are the year up to that date.</p>
      <h2 className="nhsuk-heading-m">Population</h2>
      <ul className="nhsuk-grid-row nhsuk-card-group" data-testid="population-figures">
        <li className="nhsuk-grid-column-one-quarter nhsuk-card-group__item">
          <Figure label="People living in the place" value={formatCount(s.living)}
            note={`${formatCount(s.people)} on the index${died > 0 ? `, ${formatCount(died)} who have died` : ''}`} />
        </li>
        <li className="nhsuk-grid-column-one-quarter nhsuk-card-group__item">
          <Figure label="Aged 65 and over" value={formatCount(s.aged65Plus)} note={`${formatPercent(s.aged65Plus, s.living)} of people living`} />
        </li>
        <li className="nhsuk-grid-column-one-quarter nhsuk-card-group__item">
          <Figure label="Aged 85 and over" value={formatCount(s.aged85Plus)} note={`${formatPercent(s.aged85Plus, s.living)} of people living`} />
        </li>
        <li className="nhsuk-grid-column-one-quarter nhsuk-card-group__item">
          <Figure label="GP practices" value={formatCount(s.gpPractices)}
            note={s.gpPractices > 0 ? `About ${pluralise(Math.round(s.living / s.gpPractices), 'person', 'people')} per practice` : undefined} />
        </li>
      </ul>

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <TableContainer labelledBy="activity-caption">
            <table className="nhsuk-table" data-testid="activity-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="activity-caption">Activity in the last 12 months</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">Activity</th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Count</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {activity.map(([label, value]) => (
                  <tr className="nhsuk-table__row" key={label}>
                    <th className="nhsuk-table__header" scope="row">{label}</th>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableContainer>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <LocalitiesTable localities={s.localities} living={s.living} />
        </div>
      </div>

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <Card heading="Cost of care" feature>
            <SummaryList noBorder wideKeys rows={[
              { key: 'Hospital care, last 12 months', value: formatPence(s.hospitalCostLast12MonthsPence, { whole: true }) },
              { key: 'People with long-term social care support', value: formatCount(s.socialCare.peopleWithLongTermSupport) },
              {
                key: 'Long-term social care, weekly',
                value: (
                  <>
                    {formatPence(s.socialCare.weeklyCostPence, { whole: true })}
                    <br />
                    <span className="nhsuk-body-s app-muted">About {formatPence(s.socialCare.weeklyCostPence * 52, { whole: true })} a year</span>
                  </>
                ),
              },
            ]} />
          </Card>
        </div>
        <div className="nhsuk-grid-column-one-half">
          <Card heading="Partners" feature>
            <SummaryList noBorder wideKeys rows={[
              { key: 'Partner organisations', value: formatCount(s.partners.organisations) },
              { key: 'Teams', value: formatCount(s.partners.teams) },
              { key: 'Staff', value: formatCount(s.partners.staff) },
              { key: 'Open care relationships', value: formatCount(s.partners.openCareRelationships) },
            ]} />
          </Card>
        </div>
      </div>
    </>
  );
}

function LocalitiesTable({ localities, living }: { localities: PlaceSummary['localities']; living: number }) {
  // Planning users see small counts as '<8': shares are of the place's living total then, and a
  // suppressed row's share is withheld too (it would give the count away).
  const total = localities.reduce((sum, l) => (typeof l.people === 'number' ? sum + l.people : Number.NaN), 0);
  return (
    <TableContainer labelledBy="localities-caption">
      <table className="nhsuk-table" data-testid="localities-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="localities-caption">People by locality</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Locality</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">People</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Share</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {localities.length === 0 && (
            <tr className="nhsuk-table__row"><td className="nhsuk-table__cell" colSpan={3}>No localities recorded.</td></tr>
          )}
          {localities.map((l) => (
            <tr className="nhsuk-table__row" key={l.code}>
              <th className="nhsuk-table__header" scope="row">{l.name} <span className="app-muted nhsuk-body-s">{l.code}</span></th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{typeof l.people === 'number' ? formatCount(l.people) : l.people}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{typeof l.people === 'number' ? formatPercent(l.people, Number.isNaN(total) ? living : total || living) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}

import { formatCount } from '../../../lib/format.ts';
import { Figure } from '../../../ui/Card.tsx';
import { InsetText } from '../../../ui/ErrorSummary.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { BarChart } from '../../../ui/charts/BarChart.tsx';
import { IntervalChart } from '../../../ui/charts/IntervalChart.tsx';
import { countBar, countValue, formatSuppressed, ratePoint, rateText, totalOf } from '../analytics-display.ts';
import type { DashboardView } from '../api/analytics.types.ts';
import { RunStatus } from './RunStatus.tsx';

/**
 * The population dashboard for one area: the run it reflects, the segments, the distribution of each
 * banded score, needs indicators as crude and age-standardised rates with 95% confidence intervals,
 * and the population projection. Planning users see small counts as '<8'.
 */
export function PopulationDashboard({ view }: { view: DashboardView }) {
  const population = countValue(view.population);
  if (!view.run) {
    return (
      <div data-testid="dashboard">
        <h2 className="nhsuk-heading-l" data-testid="dashboard-area">{view.area.name}</h2>
        <RunStatus run={null} />
      </div>
    );
  }
  return (
    <div data-testid="dashboard">
      <h2 className="nhsuk-heading-l" data-testid="dashboard-area">{view.area.name}</h2>
      <RunStatus run={view.run} />
      {view.suppressed && (
        <p className="nhsuk-body-s app-muted" data-testid="suppression-note">
          Counts from 1 to 7 are shown as &lsquo;&lt;8&rsquo; so that nobody can be identified, and their shares are not shown.
        </p>
      )}
      <ul className="nhsuk-grid-row nhsuk-card-group app-analytics-figures" data-testid="dashboard-figures">
        <li className="nhsuk-grid-column-one-third nhsuk-card-group__item">
          <Figure label="People in the area" value={formatSuppressed(view.population)} note="Living on the as-of date" />
        </li>
      </ul>
      <Segments view={view} population={population} />
      <ScoreDistributions view={view} />
      <Rates view={view} />
      <Projection view={view} />
    </div>
  );
}

function Segments({ view, population }: { view: DashboardView; population: number | null }) {
  const whole = population ?? totalOf(view.segments.map((s) => s.count));
  return (
    <section className="app-section" aria-labelledby="segments-heading" data-testid="segments">
      <h2 className="nhsuk-heading-m" id="segments-heading">Segments</h2>
      <p className="nhsuk-body">Each person is in one segment: the first one, from the top, whose rules they meet.</p>
      {view.segments.length === 0
        ? <InsetText><p>No one has been placed in a segment in this area.</p></InsetText>
        : (
          <BarChart
            title="People in each segment" labelHeading="Segment" valueHeading="People (share)" testId="segments-chart"
            data={view.segments.map((s) => countBar(s.key, s.label, s.count, whole))}
          />
        )}
    </section>
  );
}

function ScoreDistributions({ view }: { view: DashboardView }) {
  return (
    <section className="app-section" aria-labelledby="scores-heading" data-testid="score-distributions">
      <h2 className="nhsuk-heading-m" id="scores-heading">Risk and frailty scores</h2>
      <p className="nhsuk-body">People in each band of each score, as computed in the run.</p>
      {view.scoreDistributions.length === 0
        ? <InsetText><p>No scores have been computed for this area.</p></InsetText>
        : (
          <div className="nhsuk-grid-row">
            {view.scoreDistributions.map((score) => {
              const whole = totalOf(score.bands.map((b) => b.count));
              return (
                <div className="nhsuk-grid-column-one-half" key={score.name}>
                  <BarChart
                    title={score.label} labelHeading="Band" valueHeading="People (share)" testId={`score-${score.name}`}
                    emptyText="No one has this score in this area."
                    data={score.bands.map((b) => countBar(b.band, bandLabel(b.band), b.count, whole))}
                  />
                </div>
              );
            })}
          </div>
        )}
    </section>
  );
}

function bandLabel(band: string): string {
  return band ? band[0]!.toUpperCase() + band.slice(1) : 'No band';
}

function Rates({ view }: { view: DashboardView }) {
  // Why a rate is missing, briefly (the note, when there is one, is in the table).
  const whyMissing = (events: DashboardView['rates'][number]['events']) =>
    typeof events === 'string' ? `not shown: ${suppressedEvents(events)}` : 'not calculated';
  return (
    <section className="app-section" aria-labelledby="rates-heading" data-testid="rates">
      <h2 className="nhsuk-heading-m" id="rates-heading">Needs: rates per 100,000</h2>
      <p className="nhsuk-body">
        Crude rates, and rates directly age-standardised to the 2013 European Standard Population so that areas with
        older or younger people can be compared, each with its 95% confidence interval.
      </p>
      {view.rates.length === 0 ? <InsetText><p>No needs indicators for this area.</p></InsetText> : (
        <>
          <IntervalChart
            title="Rates per 100,000 with 95% confidence intervals" seriesLabels={{ crude: 'Crude rate', dsr: 'Age-standardised rate' }}
            numbersIn="rates-table" testId="rates-chart"
            groups={view.rates.map((r) => ({
              key: r.key, label: r.label,
              points: [ratePoint('crude', 'Crude', r.crude, whyMissing(r.events)), ratePoint('dsr', 'Age-standardised', r.dsr, whyMissing(r.events))],
            }))}
          />
          <TableContainer labelledBy="rates-caption">
            <table className="nhsuk-table" id="rates-table" data-testid="rates-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s" id="rates-caption">Rates per 100,000: the figures</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">Indicator</th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Events</th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Population</th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Crude rate (95% CI)</th>
                  <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Age-standardised rate (95% CI)</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {view.rates.map((r) => (
                  <tr className="nhsuk-table__row" key={r.key} data-rate={r.key}>
                    <th className="nhsuk-table__header" scope="row">
                      {r.label}
                      {r.note && <span className="app-person-ref__facts">{r.note}</span>}
                    </th>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatSuppressed(r.events)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatCount(r.population)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric app-number-wide">{rateText(r.crude, whyMissing(r.events))}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric app-number-wide">{rateText(r.dsr, whyMissing(r.events))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableContainer>
        </>
      )}
    </section>
  );
}

/** '<8' → 'fewer than 8 events'. */
function suppressedEvents(events: string): string {
  const threshold = /^<(\d+)$/.exec(events)?.[1];
  return threshold ? `fewer than ${threshold} events` : 'too few events';
}

function Projection({ view }: { view: DashboardView }) {
  if (view.projection.length === 0) return null;
  const bands = view.projection[0]!.byBand.map((b) => b.ageBand);
  const year = view.run ? Number(view.run.asOf.slice(0, 4)) : null;
  const heading = (yearsAhead: number) => {
    const label = yearsAhead === 0 ? 'Now' : `In ${yearsAhead} year${yearsAhead === 1 ? '' : 's'}`;
    return year ? `${label} (${year + yearsAhead})` : label;
  };
  const value = (yearsAhead: number, band: string) => view.projection.find((p) => p.yearsAhead === yearsAhead)?.byBand.find((b) => b.ageBand === band)?.population;
  return (
    <section className="app-section" aria-labelledby="projection-caption" data-testid="projection">
      <TableContainer labelledBy="projection-caption">
        <table className="nhsuk-table" data-testid="projection-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="projection-caption">Population projection by age band</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">Age band</th>
              {view.projection.map((p) => <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col" key={p.yearsAhead}>{heading(p.yearsAhead)}</th>)}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {bands.map((band) => (
              <tr className="nhsuk-table__row" key={band}>
                <th className="nhsuk-table__header" scope="row">{band}</th>
                {view.projection.map((p) => {
                  const v = value(p.yearsAhead, band);
                  return <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={p.yearsAhead}>{v === undefined ? '–' : typeof v === 'number' ? formatCount(v) : v}</td>;
                })}
              </tr>
            ))}
            <tr className="nhsuk-table__row app-total-row">
              <th className="nhsuk-table__header" scope="row">All ages</th>
              {view.projection.map((p) => (
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={p.yearsAhead}>{formatCount(p.total)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </TableContainer>
      <p className="nhsuk-body-s app-muted">
        Illustrative: today&rsquo;s population aged forward a year at a time, with survival from the observed death rates and
        births held at this year&rsquo;s level; no migration. It shows what the current age structure alone implies: use ONS
        projections for planning totals.
      </p>
    </section>
  );
}

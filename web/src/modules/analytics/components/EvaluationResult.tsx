import { useEffect, useRef } from 'react';
import { formatCount, formatDate, pluralise } from '../../../lib/format.ts';
import { SummaryList } from '../../../ui/SummaryList.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { Tag } from '../../../ui/Tag.tsx';
import { WarningCallout } from '../../../ui/WarningCallout.tsx';
import { formatOutcome, formatSmd, isImbalanced, outcomeLabel } from '../analytics-display.ts';
import type { BalanceRow, EvaluationView, OutcomeEffect } from '../api/analytics.types.ts';

/** |SMD| at or above this after matching is flagged (Austin 2009), as the evaluation's own warning does. */
const BALANCE_THRESHOLD = 0.1;

const UNMATCHED_REASONS: Record<string, string> = {
  no_candidates_in_stratum: 'nobody of the same sex, age band and month to compare with',
  none_within_caliper: 'nobody close enough in risk and prior use',
  candidates_used_up: 'everyone close enough was already matched to someone else',
};

/**
 * A before/after evaluation against a matched comparison group: who was matched, what should make a
 * reader cautious, each outcome per person before and after for both groups with the
 * difference-in-differences and its 95% confidence interval, and the balance of the groups.
 */
export function EvaluationResult({ view }: { view: EvaluationView }) {
  const unmatchedByReason = new Map<string, number>();
  for (const u of view.unmatched) unmatchedByReason.set(u.reason, (unmatchedByReason.get(u.reason) ?? 0) + 1);
  const level = Math.round(view.method.confidenceLevel * 100);
  // A new result takes focus, so screen reader users hear that it has arrived.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [view]);
  return (
    <section className="app-section" aria-labelledby="evaluation-heading" data-testid="evaluation-result">
      <h2 className="nhsuk-heading-l app-result-heading" id="evaluation-heading" tabIndex={-1} ref={heading}>{view.cohort.name}: before and after {formatDate(view.interventionDate)}</h2>
      <SummaryList wideKeys rows={[
        { key: 'Intervention started', value: formatDate(view.interventionDate) },
        { key: 'Windows', value: `${view.windows.beforeMonths} months before and ${view.windows.afterMonths} months after` },
        { key: 'People who received the intervention', value: formatCount(view.interventionPeople) },
        { key: 'Matched to a comparison person', value: <span data-testid="matched-pairs">{formatCount(view.matchedPairs)}</span> },
        { key: 'Comparison people used', value: formatCount(view.comparisonPeople) },
        {
          key: 'Not matched',
          value: view.unmatched.length === 0 ? '0' : (
            <>
              <span data-testid="unmatched">{formatCount(view.unmatched.length)}</span>
              <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
                {[...unmatchedByReason].map(([reason, n]) => <li key={reason}>{formatCount(n)}: {UNMATCHED_REASONS[reason] ?? reason}</li>)}
              </ul>
            </>
          ),
        },
      ]} />
      {view.warnings.length > 0 && (
        <WarningCallout heading="Read these results with care" testId="evaluation-warnings">
          <ul className="nhsuk-list nhsuk-list--bullet">
            {view.warnings.map((w) => <li key={w.code}>{w.message}</li>)}
          </ul>
        </WarningCallout>
      )}
      <Outcomes outcomes={view.outcomes} level={level} bootstrap={view.method.bootstrap !== null} />
      <Balance rows={view.balance} />
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary"><span className="nhsuk-details__summary-text">How this was worked out</span></summary>
        <div className="nhsuk-details__text">
          <p className="nhsuk-body">
            Each person who received the intervention was matched to {view.method.matching.controlsPerCase === 1 ? 'one person' : `up to ${view.method.matching.controlsPerCase} people`} who
            did not: the same sex{view.method.matching.ageBandYears ? `, ${view.method.matching.ageBandYears}-year age band` : ''}
            {view.method.matching.indexPeriod === 'month' ? ' and month' : ''}, and the nearest on age, risk and use of services before
            {view.method.matching.riskCaliper !== null ? `, within ${view.method.matching.riskCaliper} standard deviations of risk` : ''}.
            The difference-in-differences is the change in the intervention group minus the change in the matched comparison group, per person.
          </p>
          <p className="nhsuk-body">
            {level}% confidence intervals are paired t intervals over the matched sets
            {view.method.bootstrap ? `; the bootstrap interval comes from ${formatCount(view.method.bootstrap.resamples)} resamples (seed ${view.method.bootstrap.seed})` : ''}.
            {' '}{pluralise(view.method.candidateRows, 'candidate comparison row')} were considered.
          </p>
        </div>
      </details>
    </section>
  );
}

function Interval({ outcome, interval }: { outcome: string; interval: { lower: number; upper: number } | null }) {
  if (!interval) return <>Not available</>;
  return (
    <>
      <span className="app-nowrap">{formatOutcome(outcome, interval.lower, { signed: true })}</span> to{' '}
      <span className="app-nowrap">{formatOutcome(outcome, interval.upper, { signed: true })}</span>
    </>
  );
}

function Outcomes({ outcomes, level, bootstrap }: { outcomes: readonly OutcomeEffect[]; level: number; bootstrap: boolean }) {
  return (
    <TableContainer labelledBy="outcomes-caption">
      <table className="nhsuk-table" data-testid="outcomes-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="outcomes-caption">
          Outcomes per person
          <span className="app-person-ref__facts">A negative difference-in-differences means use fell by more (or rose by less) in the intervention group.</span>
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Outcome</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Intervention before</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Intervention after</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Comparison before</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Comparison after</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Difference-in-differences</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{level}% confidence interval</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {outcomes.map((o) => (
            <tr className="nhsuk-table__row" key={o.outcome} data-outcome={o.outcome}>
              <th className="nhsuk-table__header" scope="row">{outcomeLabel(o.label)}</th>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatOutcome(o.outcome, o.intervention.meanBefore)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatOutcome(o.outcome, o.intervention.meanAfter)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatOutcome(o.outcome, o.comparison.meanBefore)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatOutcome(o.outcome, o.comparison.meanAfter)}</td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric"><strong>{formatOutcome(o.outcome, o.difference, { signed: true })}</strong></td>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                <Interval outcome={o.outcome} interval={o.confidenceInterval} />
                {bootstrap && o.bootstrapInterval && (
                  <span className="app-person-ref__facts">Bootstrap: <Interval outcome={o.outcome} interval={o.bootstrapInterval} /></span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableContainer>
  );
}

function balanceValue(row: BalanceRow, value: number): string {
  if (row.covariate === 'priorSocialCareCostPence') return formatOutcome('socialCareCostPence', value);
  return value.toFixed(2);
}

function Balance({ rows }: { rows: readonly BalanceRow[] }) {
  const flagged = rows.filter((r) => isImbalanced(r.afterMatching.smd, BALANCE_THRESHOLD)).length;
  return (
    <TableContainer labelledBy="balance-caption">
      <table className="nhsuk-table" data-testid="balance-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="balance-caption">
          Balance of the groups
          <span className="app-person-ref__facts">
            Standardised mean differences (SMD) before and after matching; {BALANCE_THRESHOLD} or more after matching is flagged
            {flagged > 0 ? ` (${flagged} flagged)` : ' (none flagged)'}.
          </span>
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <td className="nhsuk-table__header" />
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="colgroup" colSpan={3}>Before matching</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="colgroup" colSpan={3}>After matching</th>
            <td className="nhsuk-table__header" />
          </tr>
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">Measure</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Intervention mean</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Comparison mean</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">SMD</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Intervention mean</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Comparison mean</th>
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">SMD</th>
            <th className="nhsuk-table__header" scope="col">Balance</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((r) => {
            const poor = isImbalanced(r.afterMatching.smd, BALANCE_THRESHOLD);
            return (
              <tr className="nhsuk-table__row" key={r.covariate} data-covariate={r.covariate} data-flagged={poor}>
                <th className="nhsuk-table__header" scope="row">{r.label.replace(/\s*\(pence\)$/, '')}</th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{balanceValue(r, r.beforeMatching.interventionMean)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{balanceValue(r, r.beforeMatching.comparisonMean)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{formatSmd(r.beforeMatching.smd)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{balanceValue(r, r.afterMatching.interventionMean)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{balanceValue(r, r.afterMatching.comparisonMean)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric"><strong>{formatSmd(r.afterMatching.smd)}</strong></td>
                <td className="nhsuk-table__cell app-flag">{poor ? <Tag colour="red">Check</Tag> : <Tag colour="green">Balanced</Tag>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableContainer>
  );
}

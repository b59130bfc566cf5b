import { formatDate, pluralise } from '../../../lib/format.ts';
import { InsetText } from '../../../ui/ErrorSummary.tsx';
import { TableContainer } from '../../../ui/TableContainer.tsx';
import { humanise } from '../../governance/roles.ts';
import { byEffect, factorEffect, formatPercentile, formatRisk, formatSuppressed } from '../analytics-display.ts';
import type { CaseFindingView, ScoreFactor } from '../api/analytics.types.ts';
import { PersonRefView } from './PersonRefView.tsx';

type Entry = CaseFindingView['entries'][number];

/**
 * A team's case-finding list: each person who met at least one trigger rule, the rules they met in
 * plain words, their predicted risk of an emergency admission (and where it ranks in the place),
 * their segment, and why their risk is what it is.
 */
export function CaseFindingList({ view }: { view: CaseFindingView }) {
  const { entries } = view;
  return (
    <div data-testid="case-finding">
      <p className="nhsuk-body" data-testid="case-finding-summary">
        {entries.length === 0
          ? <>Nobody {view.team ? 'on this team’s list ' : ''}met a case-finding rule, of {formatSuppressed(view.screened)} people screened.</>
          : <><strong>{pluralise(entries.length, 'person', 'people')}</strong> met at least one rule, of {formatSuppressed(view.screened)} people screened.</>}
        {' '}Most rules met first, then the highest risk.
      </p>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">The rules: {view.ruleSet.label}</span>
        </summary>
        <div className="nhsuk-details__text" data-testid="rule-set">
          <ul className="nhsuk-list nhsuk-list--bullet">
            {view.ruleSet.rules.map((r) => <li key={r.key}>{r.label}</li>)}
          </ul>
          <p className="nhsuk-body-s app-muted">Rule set version <code>{view.ruleSet.version}</code>.</p>
        </div>
      </details>
      {entries.length === 0 ? (
        <InsetText><p>There is no one to review from the latest run. The list is built again each time the place is stratified.</p></InsetText>
      ) : (
        <TableContainer labelledBy="case-list-caption">
          <table className="nhsuk-table app-case-list" data-testid="case-list">
            <caption className="nhsuk-table__caption nhsuk-table__caption--m" id="case-list-caption">
              People to consider{view.team ? ` for ${view.team.name}` : ''}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">Person</th>
                <th className="nhsuk-table__header" scope="col">Rules met</th>
                <th className="nhsuk-table__header" scope="col">Predicted risk</th>
                <th className="nhsuk-table__header" scope="col">Segment</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {entries.map((entry, i) => <CaseRow entry={entry} key={entry.person.personId ?? entry.person.personKey ?? i} />)}
            </tbody>
          </table>
        </TableContainer>
      )}
    </div>
  );
}

function CaseRow({ entry }: { entry: Entry }) {
  return (
    <tr className="nhsuk-table__row" data-testid="case-row">
      <th className="nhsuk-table__header" scope="row"><PersonRefView person={entry.person} /></th>
      <td className="nhsuk-table__cell">
        <span className="app-cell-label">Rules met: </span>
        <ul className="app-rules" data-testid="rules-met">
          {entry.rulesMet.map((r) => (
            <li key={r.key}>
              {r.label}
              {r.explanation && <span className="app-rules__explanation">{r.explanation}</span>}
            </li>
          ))}
        </ul>
        <RiskFactors entry={entry} />
      </td>
      <td className="nhsuk-table__cell">
        <span className="app-cell-label">Predicted risk: </span>
        <span className="app-risk">{formatRisk(entry.riskValue)}</span>
        {entry.riskPercentile !== null && <span className="app-person-ref__facts">{formatPercentile(entry.riskPercentile)}</span>}
      </td>
      <td className="nhsuk-table__cell">
        <span className="app-cell-label">Segment: </span>
        {entry.segment ? humanise(entry.segment) : <span className="app-muted">Not segmented</span>}
      </td>
    </tr>
  );
}

/** "Why": the predicted risk's largest contributing factors, in plain words. */
function RiskFactors({ entry }: { entry: Entry }) {
  if (entry.riskFactors.length === 0) return null;
  return (
    <details className="nhsuk-details" data-testid="risk-why">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Why is the risk {formatRisk(entry.riskValue)}<span className="nhsuk-u-visually-hidden"> for this person</span>?
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <p className="nhsuk-body-s">What the model counted for this person, largest effect first:</p>
        <ul className="nhsuk-list nhsuk-list--bullet" data-testid="risk-factors">
          {byEffect(entry.riskFactors).map((f, i) => <li key={i}>{factorText(f)} <span className="app-factor-effect">({effectText(f)})</span></li>)}
        </ul>
      </div>
    </details>
  );
}

function factorText(f: ScoreFactor): string {
  const code = f.code ? ` (${f.codeSystem ? `${f.codeSystem} ` : ''}${f.code})` : '';
  const date = f.date ? `, ${formatDate(f.date)}` : '';
  return `${f.label}${code}${date}`;
}

function effectText(f: ScoreFactor): string {
  const effect = factorEffect(f);
  return effect === 'no effect' ? 'no effect on the risk' : `${effect} the risk`;
}

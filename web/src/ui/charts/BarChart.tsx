import { useId } from 'react';
import { largest, percentAlong, shareOf } from './chart-scale.ts';
import './charts.css';

export interface BarDatum {
  key: string;
  label: string;
  /** The length of the bar; null draws no bar (a suppressed or unknown figure) and writes `display` in its place. */
  value: number | null;
  /** What the bar and the table say, e.g. '821 (56.5%)' or '<8'. */
  display: string;
  /** Why there is no bar, written after `display` (e.g. 'too few to show'). */
  note?: string | undefined;
}

/** The share of the width the longest bar takes; the rest is room for its figure. */
const BAR_SPACE = 0.78;
/** Bars longer than this share of the longest carry their figure inside, so it never runs off a narrow screen. */
const INSIDE_FROM = 0.6;
const ROW = 46;

/**
 * A horizontal bar chart as a small SVG: each row's label above its bar, the figure at the bar's end
 * (inside a long bar, after a short one).
 * The SVG is hidden from assistive technology; the same figures are always in a table (visually
 * hidden unless tableVisible), or in a table elsewhere on the page named by numbersIn.
 */
export function BarChart({ title, data, labelHeading, valueHeading, tableVisible = false, numbersIn, emptyText = 'Nothing to show.', testId }: {
  title: string;
  data: readonly BarDatum[];
  labelHeading: string;
  valueHeading: string;
  tableVisible?: boolean;
  /** The id of a table elsewhere on the page with these figures: this chart then has no table of its own. */
  numbersIn?: string | undefined;
  emptyText?: string;
  testId?: string | undefined;
}) {
  const titleId = `chart-${useId().replace(/:/g, '')}`;
  const max = largest(data.map((d) => d.value));
  const height = data.length * ROW;
  return (
    <figure className="app-chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption className="app-chart__title" id={titleId}>{title}</figcaption>
      {data.length === 0 ? <p className="nhsuk-body-s app-muted">{emptyText}</p> : (
        <svg className="app-chart__svg" width="100%" height={height} aria-hidden="true" focusable="false">
          {data.map((d, i) => {
            const y = i * ROW;
            const share = d.value === null ? 0 : shareOf(d.value, max);
            const end = percentAlong(share, 0, BAR_SPACE);
            return (
              <g key={d.key} data-bar={d.key}>
                <text className="app-chart__label" x="0" y={y + 15}>{d.label}</text>
                {d.value === null ? (
                  <text className="app-chart__missing" x="0" y={y + 35}>{d.note ? `${d.display}: ${d.note}` : d.display}</text>
                ) : (
                  <>
                    <rect className="app-chart__bar" x="0" y={y + 22} width={end} height="16" />
                    {share > INSIDE_FROM
                      ? <text className="app-chart__value app-chart__value--inside" x={end} dx={-6} y={y + 35} textAnchor="end">{d.display}</text>
                      : <text className="app-chart__value" x={end} dx={share > 0 ? 6 : 0} y={y + 35}>{d.display}</text>}
                  </>
                )}
              </g>
            );
          })}
        </svg>
      )}
      {numbersIn ? (
        <p className="nhsuk-u-visually-hidden">The figures are in the table <a href={`#${numbersIn}`}>below</a>.</p>
      ) : data.length > 0 && (
        <div className={tableVisible ? undefined : 'nhsuk-u-visually-hidden'}>
          <table className="nhsuk-table app-chart__table" aria-labelledby={titleId}>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">{labelHeading}</th>
                <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{valueHeading}</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {data.map((d) => (
                <tr className="nhsuk-table__row" key={d.key}>
                  <th className="nhsuk-table__header" scope="row">{d.label}</th>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{d.note ? `${d.display} (${d.note})` : d.display}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

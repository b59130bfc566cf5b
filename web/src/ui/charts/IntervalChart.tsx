import { useId } from 'react';
import { largest, linearAxis, percentAlong, shareOf } from './chart-scale.ts';
import './charts.css';

export interface IntervalPoint {
  /** The series, e.g. 'crude' or 'dsr'; each series has its own marker. */
  series: string;
  label: string;
  /** The estimate; null draws nothing and writes `display` instead (not calculated, suppressed). */
  value: number | null;
  lower: number | null;
  /** null: no upper limit was given; the whisker runs to the end of the axis with an arrow. */
  upper: number | null;
  /** The estimate and its interval in words, e.g. '1,234.5 (1,101.2 to 1,380.0)'. */
  display: string;
}

export interface IntervalGroup {
  key: string;
  label: string;
  points: readonly IntervalPoint[];
}

/** The plot runs from 2% to 96% of the width, leaving room for the whisker caps and the arrow. */
const PLOT_FROM = 0.02;
const PLOT_TO = 0.96;
const ROW = 46;
const AXIS = 30;
const MARKERS = ['circle', 'diamond', 'square'] as const;

/**
 * Estimates with their confidence intervals as dot-and-whisker charts: one small chart per group
 * (each with its own axis from 0, since indicators differ in size), the group's series one under
 * another so they can be compared. The SVG is hidden from assistive technology; the figures are
 * always in a table (visually hidden unless tableVisible), or in a table elsewhere named by numbersIn.
 */
export function IntervalChart({ title, groups, seriesLabels, formatTick, tableVisible = false, numbersIn, testId }: {
  title: string;
  groups: readonly IntervalGroup[];
  /** The series in the order of their markers, e.g. { crude: 'Crude rate', dsr: 'Age-standardised rate' }. */
  seriesLabels: Readonly<Record<string, string>>;
  formatTick?: (value: number) => string;
  tableVisible?: boolean;
  numbersIn?: string | undefined;
  testId?: string | undefined;
}) {
  const titleId = `chart-${useId().replace(/:/g, '')}`;
  const series = Object.keys(seriesLabels);
  const tick = formatTick ?? ((v: number) => v.toLocaleString('en-GB'));
  return (
    <figure className="app-chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption className="app-chart__title" id={titleId}>{title}</figcaption>
      <ul className="app-chart__legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s}>
            <svg width="16" height="16" focusable="false"><Marker kind={MARKERS[i % MARKERS.length]!} x="8" y={8} /></svg>
            {seriesLabels[s]}
          </li>
        ))}
        <li><svg width="24" height="16" focusable="false"><line className="app-chart__whisker" x1="2" x2="22" y1="8" y2="8" /></svg>95% confidence interval</li>
      </ul>
      <div className="app-chart__grid">
        {groups.map((group) => <IntervalPanel key={group.key} group={group} series={series} tick={tick} />)}
      </div>
      {numbersIn ? (
        <p className="nhsuk-u-visually-hidden">The figures are in the table <a href={`#${numbersIn}`}>below</a>.</p>
      ) : (
        <div className={tableVisible ? undefined : 'nhsuk-u-visually-hidden'}>
          <table className="nhsuk-table app-chart__table" aria-labelledby={titleId}>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">Indicator</th>
                {series.map((s) => <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col" key={s}>{seriesLabels[s]} (95% CI)</th>)}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {groups.map((group) => (
                <tr className="nhsuk-table__row" key={group.key}>
                  <th className="nhsuk-table__header" scope="row">{group.label}</th>
                  {series.map((s) => (
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={s}>{group.points.find((p) => p.series === s)?.display ?? '–'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

function IntervalPanel({ group, series, tick }: { group: IntervalGroup; series: readonly string[]; tick: (value: number) => string }) {
  const axis = linearAxis(largest(group.points.flatMap((p) => [p.value, p.upper ?? p.value, p.lower])));
  const at = (v: number) => percentAlong(shareOf(v, axis.max), PLOT_FROM, PLOT_TO);
  const height = group.points.length * ROW + AXIS;
  const axisY = group.points.length * ROW + 4;
  return (
    <div className="app-chart__panel" data-group={group.key}>
      <p className="app-chart__panel-title" aria-hidden="true">{group.label}</p>
      <svg className="app-chart__svg" width="100%" height={height} aria-hidden="true" focusable="false">
        {axis.ticks.map((t) => <line key={t} className="app-chart__gridline" x1={at(t)} x2={at(t)} y1="0" y2={axisY} />)}
        {group.points.map((p, i) => {
          const y = i * ROW;
          const marker = MARKERS[Math.max(0, series.indexOf(p.series)) % MARKERS.length]!;
          const mid = y + 32;
          return (
            <g key={p.series} data-series={p.series}>
              <text className="app-chart__label" x="0" y={y + 15}>{`${p.label}: ${p.display}`}</text>
              {p.value !== null && (
                <>
                  {p.lower !== null && (
                    <>
                      <line className="app-chart__whisker" x1={at(p.lower)} x2={p.upper === null ? percentAlong(1, PLOT_FROM, PLOT_TO) : at(p.upper)} y1={mid} y2={mid} />
                      <line className="app-chart__whisker" x1={at(p.lower)} x2={at(p.lower)} y1={mid - 6} y2={mid + 6} />
                    </>
                  )}
                  {p.upper !== null
                    ? <line className="app-chart__whisker" x1={at(p.upper)} x2={at(p.upper)} y1={mid - 6} y2={mid + 6} />
                    : p.lower !== null && <text className="app-chart__arrow" x={percentAlong(1, PLOT_FROM, PLOT_TO)} y={mid + 5}>▶</text>}
                  <Marker kind={marker} x={at(p.value)} y={mid} />
                </>
              )}
            </g>
          );
        })}
        <line className="app-chart__axis" x1={percentAlong(0, PLOT_FROM, PLOT_TO)} x2={percentAlong(1, PLOT_FROM, PLOT_TO)} y1={axisY} y2={axisY} />
        {axis.ticks.map((t, i) => (
          <text key={t} className="app-chart__tick" x={at(t)} y={axisY + 18} textAnchor={i === 0 ? 'start' : i === axis.ticks.length - 1 ? 'end' : 'middle'}>{tick(t)}</text>
        ))}
      </svg>
    </div>
  );
}

/**
 * A point marker centred on (x, y); x may be a percentage, so shapes are drawn as nested SVGs
 * positioned there rather than with transforms (which take no percentages).
 */
function Marker({ kind, x, y }: { kind: (typeof MARKERS)[number]; x: string; y: number }) {
  return (
    <svg x={x} y={y - 7} width="14" height="14" overflow="visible" className={`app-chart__marker app-chart__marker--${kind}`}>
      <g transform="translate(-7 0)">
        {kind === 'circle' && <circle cx="7" cy="7" r="5.5" />}
        {kind === 'diamond' && <polygon points="7,0.5 13.5,7 7,13.5 0.5,7" />}
        {kind === 'square' && <rect x="1.5" y="1.5" width="11" height="11" />}
      </g>
    </svg>
  );
}

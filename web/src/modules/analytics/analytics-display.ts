import { SEX_LABELS } from '../../../../src/modules/population/domain/demographics.ts';
import { formatCount, formatPence } from '../../lib/format.ts';
import type { BarDatum } from '../../ui/charts/BarChart.tsx';
import type { IntervalPoint } from '../../ui/charts/IntervalChart.tsx';
import type { RateView, ScoreFactor, SuppressedCount } from './api/analytics.types.ts';

/**
 * How analytics figures are written on screen, in one place: suppressed counts ('<8') never become
 * NaN and never give a share away, risks are percentages, rates are per 100,000 with their 95% limits.
 */

/** The number behind a count, or null when it is suppressed. */
export function countValue(count: SuppressedCount): number | null {
  return typeof count === 'number' && Number.isFinite(count) ? count : null;
}

/** 1234 → '1,234'; '<8' stays '<8'. */
export function formatSuppressed(count: SuppressedCount): string {
  return typeof count === 'number' ? formatCount(count) : count;
}

/** Why a suppressed count is not shown, e.g. 'fewer than 8, not shown'. */
export function suppressedNote(count: SuppressedCount): string | undefined {
  if (typeof count === 'number') return undefined;
  const threshold = /^<(\d+)$/.exec(count)?.[1];
  return threshold ? `fewer than ${threshold}, not shown` : 'not shown';
}

/** A count's share of a whole as '12.3%'; null when either is suppressed or the whole is empty (the share would give the count away). */
export function shareText(part: SuppressedCount, whole: SuppressedCount | number | null): string | null {
  const p = countValue(part);
  const w = whole === null ? null : countValue(whole);
  if (p === null || w === null || w <= 0) return null;
  return `${((p * 100) / w).toFixed(1)}%`;
}

/** A count as a bar: suppressed counts get no bar and say why; shares are added when the whole is known. */
export function countBar(key: string, label: string, count: SuppressedCount, whole?: SuppressedCount | number | null): BarDatum {
  const value = countValue(count);
  const share = whole === undefined ? null : shareText(count, whole);
  return {
    key, label, value,
    display: value === null ? formatSuppressed(count) : share ? `${formatCount(value)} (${share})` : formatCount(value),
    note: suppressedNote(count),
  };
}

/** The sum of counts when none is suppressed, else null. */
export function totalOf(counts: readonly SuppressedCount[]): number | null {
  let total = 0;
  for (const c of counts) {
    const v = countValue(c);
    if (v === null) return null;
    total += v;
  }
  return total;
}

const RATE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A rate per 100,000 with one decimal: '1,234.5'. */
export function formatRate(rate: number): string {
  return Number.isFinite(rate) ? RATE.format(rate) : '–';
}

/** '1,234.5 (1,101.2 to 1,380.0)'; an interval without an upper limit says so; no rate says why. */
export function rateText(rate: RateView | null, whyMissing = 'not calculated'): string {
  if (!rate || !Number.isFinite(rate.rate)) return whyMissing;
  const upper = rate.upper === null ? 'no upper limit' : formatRate(rate.upper);
  return `${formatRate(rate.rate)} (${formatRate(rate.lower)} to ${upper})`;
}

/** A rate as a point of an interval chart. */
export function ratePoint(series: string, label: string, rate: RateView | null, whyMissing: string): IntervalPoint {
  const ok = rate !== null && Number.isFinite(rate.rate);
  return {
    series, label,
    value: ok ? rate.rate : null,
    lower: ok && Number.isFinite(rate.lower) ? rate.lower : null,
    upper: ok && rate.upper !== null && Number.isFinite(rate.upper) ? rate.upper : null,
    display: rateText(rate, whyMissing),
  };
}

/** A probability (0–1) as a percentage: 0.2346 → '23.5%'; below 0.1% as '<0.1%'. */
export function formatRisk(probability: number | null): string {
  if (probability === null || !Number.isFinite(probability)) return 'Not scored';
  const percent = probability * 100;
  if (percent > 0 && percent < 0.1) return '<0.1%';
  return `${percent.toFixed(1)}%`;
}

/** 1 → '1st', 22 → '22nd', 113 → '113th'. */
export function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A risk percentile (0–100, 90 or more is the top 10%) as '97th percentile'. */
export function formatPercentile(percentile: number | null): string {
  if (percentile === null || !Number.isFinite(percentile)) return 'No percentile';
  return `${ordinal(Math.min(100, Math.max(0, Math.floor(percentile))))} percentile`;
}

/** Sex code (NHS Data Dictionary) in words; anything else as it came. */
export function sexText(sex: string): string {
  return (SEX_LABELS as Record<string, string>)[sex] ?? sex;
}

/** A factor's effect on the predicted risk (log-odds): 'raises the risk' or 'lowers the risk'. */
export function factorEffect(factor: Pick<ScoreFactor, 'contribution'>): 'raises' | 'lowers' | 'no effect' {
  if (factor.contribution > 0) return 'raises';
  if (factor.contribution < 0) return 'lowers';
  return 'no effect';
}

/** Factors by the size of their effect, largest first. */
export function byEffect<T extends Pick<ScoreFactor, 'contribution'>>(factors: readonly T[]): T[] {
  return [...factors].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** A standardised mean difference to two decimals ('0.04', '−0.15'), '–' when undefined. */
export function formatSmd(smd: number | null): string {
  if (smd === null || !Number.isFinite(smd)) return '–';
  return smd.toFixed(2).replace('-', '−');
}

/** |SMD| at or above the threshold, or undefined: the balance table flags it. */
export function isImbalanced(smd: number | null, threshold = 0.1): boolean {
  return smd === null || !Number.isFinite(smd) || Math.abs(smd) >= threshold;
}

const MEAN = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An outcome's per-person value: counts to two decimals, money (pence) in pounds and pence; signed for differences. */
export function formatOutcome(outcome: string, value: number | null, options: { signed?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const sign = options.signed && value > 0 ? '+' : '';
  const text = isMoney(outcome) ? formatPence(Math.round(value)) : MEAN.format(value);
  return `${sign}${text}`.replace('-', '−');
}

/** Outcomes measured in pence (social care cost). */
export function isMoney(outcome: string): boolean {
  return /pence/i.test(outcome);
}

/** An outcome label without its unit in brackets: 'Social care cost (pence)' → 'Social care cost'. */
export function outcomeLabel(label: string): string {
  return label.replace(/\s*\(pence\)\s*$/i, '');
}

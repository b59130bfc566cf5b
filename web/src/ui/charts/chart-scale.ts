/**
 * Scales for the small SVG charts: a "nice" top of the axis (1, 2, 2.5 or 5 × a power of ten) with
 * evenly spaced ticks, and a value's position along it as a share of the plot. Pure, so the charts
 * draw nothing that has not been tested here.
 */

const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;

/** The smallest of 1, 2, 2.5, 5 × 10ᵏ at or above value (value > 0); 1 for anything else. */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of NICE_STEPS) {
    // The tolerance keeps 0.3 from becoming 0.5 because 0.3 / 0.1 is 2.9999999999999996.
    if (step * power >= value * (1 - 1e-12)) return round(step * power);
  }
  return round(10 * power);
}

export interface Axis {
  /** The top of the axis: a nice number at or above the largest value. */
  max: number;
  /** 0, step, 2 × step … max. */
  ticks: number[];
}

/**
 * An axis from 0 to at least max in at most `target` intervals of a nice step. A max of 0, a
 * negative max or NaN gives the axis 0 to 1, so an empty chart still draws.
 */
export function linearAxis(max: number, target = 4): Axis {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const step = niceCeiling(top / Math.max(1, target));
  const intervals = Math.max(1, Math.ceil(round(top / step)));
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => round(i * step));
  return { max: ticks[ticks.length - 1]!, ticks };
}

/** Where value sits on an axis from 0 to max, as a share from 0 to 1 (clamped; NaN and bad axes give 0). */
export function shareOf(value: number, max: number): number {
  if (!Number.isFinite(value) || !(max > 0)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/** A share as an SVG percentage length, e.g. 0.25 → '25%', within a plot from `from` to `to` (shares of the width). */
export function percentAlong(share: number, from = 0, to = 1): string {
  return `${round((from + (to - from) * share) * 100, 4)}%`;
}

/** The largest finite number of the values given (ignoring null, undefined and NaN); 0 when there is none. */
export function largest(values: Iterable<number | null | undefined>): number {
  let max = 0;
  for (const value of values) if (typeof value === 'number' && Number.isFinite(value) && value > max) max = value;
  return max;
}

function round(value: number, digits = 10): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

import { badRequest } from '../../../../kernel/errors.ts';

/**
 * Calibration: do the predicted risks match what happened?
 *
 * - Observed against predicted by group of predicted risk (deciles by default, as in the
 *   Hosmer–Lemeshow table): people are ordered by predicted risk and cut at the 10th, 20th … 90th
 *   percentiles; equal predictions always fall in the same group, so with many ties some groups are
 *   larger and some empty (empty groups are left out).
 * - Calibration-in-the-large: the intercept α of logit P(y) = α + logit(p̂) with the slope fixed at 1
 *   (0 when the average predicted risk is right), and the observed / expected ratio.
 * - Calibration slope: b in logit P(y) = a + b·logit(p̂) (1 when predictions are neither too extreme
 *   nor too modest; below 1 suggests overfitting).
 * Both as defined by Cox (Biometrika 1958;45:562–565) and recommended by Steyerberg (Clinical
 * Prediction Models, 2nd ed. 2019, ch. 15) and Van Calster et al. (J Clin Epidemiol 2016;74:167–176).
 */

export interface CalibrationGroup {
  /** 1 for the lowest predicted risks … groupCount for the highest. */
  group: number;
  count: number;
  events: number;
  meanPredicted: number;
  observedRate: number;
  minPredicted: number;
  maxPredicted: number;
}

export interface CalibrationResult {
  n: number;
  events: number;
  meanPredicted: number;
  observedRate: number;
  /** Observed events / sum of predicted risks; null when every prediction is 0. */
  observedToExpected: number | null;
  /** Intercept with logit(p̂) as offset; null when it cannot be estimated (one outcome class). */
  calibrationInTheLarge: number | null;
  /** Slope on logit(p̂); null when the predictions do not vary or there is one outcome class. */
  calibrationSlope: number | null;
  groups: CalibrationGroup[];
}

const EPS = 1e-15;
const logit = (p: number): number => {
  const q = p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
  return Math.log(q / (1 - q));
};
const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Observed against predicted by group of predicted risk, with calibration-in-the-large and slope. */
export function computeCalibration(predicted: ArrayLike<number>, outcomes: Uint8Array, groupCount = 10): CalibrationResult {
  const n = outcomes.length;
  if (predicted.length !== n) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `There are ${predicted.length} predictions but ${n} outcomes.`);
  }
  if (n === 0) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', 'There are no predictions to check the calibration of.');
  if (!Number.isInteger(groupCount) || groupCount < 1) {
    throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `The number of groups must be a whole number of at least 1, not ${groupCount}.`);
  }
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    if (!(p >= 0 && p <= 1)) throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_BAD_INPUT', `Prediction ${i} is ${p}; predicted risks must lie in [0, 1].`, { row: i });
  }

  const sorted = Float64Array.from(predicted).sort();
  const cuts = new Float64Array(groupCount - 1);
  for (let g = 1; g < groupCount; g++) cuts[g - 1] = sorted[Math.floor((g * n) / groupCount)]!;

  const count = new Float64Array(groupCount);
  const eventsIn = new Float64Array(groupCount);
  const sumPredicted = new Float64Array(groupCount);
  const minPredicted = new Float64Array(groupCount).fill(Number.POSITIVE_INFINITY);
  const maxPredicted = new Float64Array(groupCount).fill(Number.NEGATIVE_INFINITY);
  let events = 0;
  let totalPredicted = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    // Group = number of cut-points at or below p (binary search over the sorted cuts).
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cuts[mid]! <= p) lo = mid + 1;
      else hi = mid;
    }
    const y = outcomes[i]! === 1 ? 1 : 0;
    count[lo]! += 1;
    eventsIn[lo]! += y;
    sumPredicted[lo]! += p;
    if (p < minPredicted[lo]!) minPredicted[lo] = p;
    if (p > maxPredicted[lo]!) maxPredicted[lo] = p;
    events += y;
    totalPredicted += p;
  }
  const groups: CalibrationGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const c = count[g]!;
    if (c === 0) continue;
    groups.push({
      group: g + 1,
      count: c,
      events: eventsIn[g]!,
      meanPredicted: sumPredicted[g]! / c,
      observedRate: eventsIn[g]! / c,
      minPredicted: minPredicted[g]!,
      maxPredicted: maxPredicted[g]!,
    });
  }

  const oneClass = events === 0 || events === n;
  const linearPredictor = oneClass ? null : Float64Array.from(predicted, logit);
  return {
    n,
    events,
    meanPredicted: totalPredicted / n,
    observedRate: events / n,
    observedToExpected: totalPredicted > 0 ? events / totalPredicted : null,
    calibrationInTheLarge: linearPredictor ? fitCalibrationInTheLarge(linearPredictor, outcomes) : null,
    calibrationSlope: linearPredictor ? fitCalibrationSlope(linearPredictor, outcomes) : null,
    groups,
  };
}

/** Newton–Raphson for α in logit P(y) = α + logit(p̂), given lp = logit(p̂). */
function fitCalibrationInTheLarge(lp: Float64Array, outcomes: Uint8Array): number | null {
  const n = outcomes.length;
  let alpha = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let g = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const m = expit(alpha + lp[i]!);
      g += outcomes[i]! - m;
      h += m * (1 - m);
    }
    if (!(h > 0)) return null;
    const step = g / h;
    alpha += step;
    if (Math.abs(step) < 1e-10) return alpha;
  }
  return Number.isFinite(alpha) ? alpha : null;
}

/** Newton–Raphson for (a, b) in logit P(y) = a + b·logit(p̂), given lp = logit(p̂); returns b. */
function fitCalibrationSlope(lp: Float64Array, outcomes: Uint8Array): number | null {
  const n = outcomes.length;
  let a = 0;
  let b = 1;
  for (let iteration = 0; iteration < 100; iteration++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const x = lp[i]!;
      const m = expit(a + b * x);
      const r = outcomes[i]! - m;
      const w = m * (1 - m);
      g0 += r;
      g1 += r * x;
      h00 += w;
      h01 += w * x;
      h11 += w * x * x;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 1e-12 * Math.max(1, h00 * h11))) return null;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (!Number.isFinite(b)) return null;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) return b;
  }
  return null;
}

import { badRequest } from '../../../../kernel/errors.ts';
import { EVALUATION_ERRORS, EVALUATION_OUTCOMES, EVALUATION_OUTCOME_LABELS, type EvaluationOutcome } from './evaluation-input.ts';
import type { MatchedSet } from './matching.ts';

/**
 * The difference-in-differences over matched sets, with its uncertainty.
 *
 * For each matched set i (a case and its m_i controls) and each outcome:
 *   Δ_case,i    = after − before for the case
 *   Δ_control,i = the mean of after − before over its m_i controls
 *   d_i         = Δ_case,i − Δ_control,i
 * and the estimate is the mean of d_i over the n sets. It equals (intervention after − before) minus
 * (comparison after − before) computed from the group means, with each control weighted 1/m_i: the
 * "mean" columns are those weighted means, so the table adds up.
 *
 * **Standard error and confidence interval**: a paired analysis, because matching makes the sets the
 * units (Austin, Stat Med 2011;30:1292–1301, recommends paired methods for matched samples): SE =
 * sd(d)/√n and the interval mean ± t(n−1)·SE, Student's t with n − 1 degrees of freedom (Student,
 * Biometrika 1908;6:1–25). The t quantile is computed exactly from the closed forms of Student's
 * distribution for whole degrees of freedom (Abramowitz and Stegun 26.7.3–26.7.4), so no table is
 * needed and large samples tend to 1.96 on their own.
 *
 * **Bootstrap** as a robustness check that does not lean on d being roughly normal (counts and costs
 * are skewed): the matched sets are resampled with replacement, keeping each case with its own
 * controls (Austin and Small, Stat Med 2014;33:4306–4319), the estimate recomputed on each resample,
 * and the interval read from the percentiles of those estimates (Efron and Tibshirani, An Introduction
 * to the Bootstrap, 1993, ch. 13) with linear interpolation between order statistics (Hyndman and
 * Fan's type 7, Am Stat 1996;50:361–365). The resampling uses a seeded generator, so the same input and
 * seed always give the same interval; the seed is reported with it.
 *
 * **Money**: social care cost is integer pence in and integer pence in the totals (sums of up to
 * millions of people stay far inside the 2^53 range of exact integers). Means, differences, standard
 * errors and intervals are per person and may be fractional pence; rounding for display is the caller's.
 */

export interface GroupSummary {
  /** Matched cases, or the comparison people matched to them. */
  people: number;
  /** Sums over those people (integers; pence for social care cost). For the comparison group these are unweighted. */
  totalBefore: number;
  totalAfter: number;
  /** Per case: for the comparison group, each control weighted 1/(controls of its case). May be fractional. */
  meanBefore: number;
  meanAfter: number;
  meanChange: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

export interface OutcomeEffect {
  outcome: EvaluationOutcome;
  label: string;
  intervention: GroupSummary;
  comparison: GroupSummary;
  /** The difference-in-differences per person: negative means the intervention group's use fell by more (or rose by less). */
  difference: number;
  /** sd(d)/√n; null with fewer than two matched sets. */
  standardError: number | null;
  /** n − 1; null with fewer than two matched sets. */
  degreesOfFreedom: number | null;
  /** The paired t interval at the confidence level. */
  confidenceInterval: Interval | null;
  /** The percentile bootstrap interval over matched sets; null when the bootstrap is off or there are fewer than two sets. */
  bootstrapInterval: Interval | null;
}

export interface DifferenceInDifferencesOptions {
  /** Two-sided confidence level. */
  confidenceLevel: number;
  /** Bootstrap resamples; 0 turns the bootstrap off. */
  bootstrapResamples: number;
  /** Seed of the bootstrap's generator (any 32-bit integer). */
  bootstrapSeed: number;
}

export const DEFAULT_DIFFERENCE_IN_DIFFERENCES_OPTIONS: Readonly<DifferenceInDifferencesOptions> = {
  confidenceLevel: 0.95,
  bootstrapResamples: 2000,
  bootstrapSeed: 20_250_301,
};

export interface DifferenceInDifferencesResult {
  matchedSets: number;
  confidenceLevel: number;
  /** The resamples and seed used, or null when the bootstrap was off or not possible. */
  bootstrap: { resamples: number; seed: number } | null;
  outcomes: OutcomeEffect[];
}

/** Estimates the difference-in-differences for every outcome over the matched sets (see above). */
export function estimateDifferenceInDifferences(
  sets: readonly MatchedSet[],
  options: Partial<DifferenceInDifferencesOptions> = {},
): DifferenceInDifferencesResult {
  const resolved = resolveOptions(options);
  const n = sets.length;
  if (n === 0) {
    throw badRequest(EVALUATION_ERRORS.noMatches, 'No intervention person has a matched comparison, so there is no difference-in-differences to estimate.');
  }
  if (sets.some((set) => set.controls.length === 0)) {
    throw badRequest(EVALUATION_ERRORS.invalidOptions, 'Every matched set needs at least one control.');
  }
  const differences = EVALUATION_OUTCOMES.map(() => new Float64Array(n));
  const t = n >= 2 ? studentTQuantile(resolved.confidenceLevel, n - 1) : Number.NaN;
  const outcomes = EVALUATION_OUTCOMES.map((outcome, o): OutcomeEffect => {
    const d = differences[o]!;
    const intervention = { people: n, totalBefore: 0, totalAfter: 0, sumBefore: 0, sumAfter: 0 };
    const comparison = { people: 0, totalBefore: 0, totalAfter: 0, sumBefore: 0, sumAfter: 0 };
    sets.forEach((set, i) => {
      const caseBefore = set.case.before[outcome];
      const caseAfter = set.case.after[outcome];
      intervention.totalBefore += caseBefore;
      intervention.totalAfter += caseAfter;
      let controlBefore = 0;
      let controlAfter = 0;
      for (const control of set.controls) {
        controlBefore += control.before[outcome];
        controlAfter += control.after[outcome];
      }
      const m = set.controls.length;
      comparison.people += m;
      comparison.totalBefore += controlBefore;
      comparison.totalAfter += controlAfter;
      comparison.sumBefore += controlBefore / m;
      comparison.sumAfter += controlAfter / m;
      d[i] = caseAfter - caseBefore - (controlAfter - controlBefore) / m;
    });
    intervention.sumBefore = intervention.totalBefore;
    intervention.sumAfter = intervention.totalAfter;
    const difference = meanOf(d);
    let standardError: number | null = null;
    let confidenceInterval: Interval | null = null;
    if (n >= 2) {
      standardError = Math.sqrt(varianceOf(d, difference) / n);
      confidenceInterval = { lower: difference - t * standardError, upper: difference + t * standardError };
    }
    return {
      outcome,
      label: EVALUATION_OUTCOME_LABELS[outcome],
      intervention: summarise(intervention, n),
      comparison: summarise(comparison, n),
      difference,
      standardError,
      degreesOfFreedom: n >= 2 ? n - 1 : null,
      confidenceInterval,
      bootstrapInterval: null,
    };
  });

  const bootstrapOn = resolved.bootstrapResamples > 0 && n >= 2;
  if (bootstrapOn) {
    const intervals = bootstrapMeanIntervals(differences, resolved.bootstrapResamples, resolved.bootstrapSeed, resolved.confidenceLevel);
    outcomes.forEach((effect, o) => {
      effect.bootstrapInterval = intervals[o]!;
    });
  }
  return {
    matchedSets: n,
    confidenceLevel: resolved.confidenceLevel,
    bootstrap: bootstrapOn ? { resamples: resolved.bootstrapResamples, seed: resolved.bootstrapSeed } : null,
    outcomes,
  };
}

/**
 * Percentile bootstrap intervals for the means of several same-length columns, resampling rows (the
 * matched sets) together so every column sees the same resamples.
 */
export function bootstrapMeanIntervals(columns: readonly Float64Array[], resamples: number, seed: number, level: number): Interval[] {
  const n = columns[0]?.length ?? 0;
  const random = createSeededRandom(seed);
  const estimates = columns.map(() => new Float64Array(resamples));
  const sums = new Float64Array(columns.length);
  for (let b = 0; b < resamples; b++) {
    sums.fill(0);
    for (let draw = 0; draw < n; draw++) {
      const row = Math.floor(random() * n);
      for (let c = 0; c < columns.length; c++) sums[c]! += columns[c]![row]!;
    }
    for (let c = 0; c < columns.length; c++) estimates[c]![b] = sums[c]! / n;
  }
  const tail = (1 - level) / 2;
  return estimates.map((values) => {
    values.sort();
    return { lower: quantileOfSorted(values, tail), upper: quantileOfSorted(values, 1 - tail) };
  });
}

/** The p-quantile of ascending values, interpolating linearly between order statistics (Hyndman and Fan type 7). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (h - below) * (sorted[above]! - sorted[below]!);
}

/**
 * The t such that P(|T| ≤ t) = level for Student's t with `df` (a whole number ≥ 1) degrees of freedom:
 * 0.95 with df = 9 gives 2.262. Bisection on θ = arctan(t/√df) of the closed forms A(t|df) in
 * Abramowitz and Stegun 26.7.3 (odd df) and 26.7.4 (even df).
 */
export function studentTQuantile(level: number, df: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError('level must be between 0 and 1');
  if (!Number.isInteger(df) || df < 1) throw new RangeError('degrees of freedom must be a whole number of 1 or more');
  let lo = 0;
  let hi = Math.PI / 2;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (centralProbability(mid, df) < level) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(df) * Math.tan((lo + hi) / 2);
}

/** A(t|ν) = P(|T| ≤ t) as a function of θ = arctan(t/√ν) (Abramowitz and Stegun 26.7.3–26.7.4). */
function centralProbability(theta: number, df: number): number {
  const sin = Math.sin(theta);
  const cos = Math.cos(theta);
  const cos2 = cos * cos;
  if (df % 2 === 1) {
    if (df === 1) return (2 / Math.PI) * theta;
    // θ + sinθ·(cosθ + (2/3)cos³θ + (2·4)/(1·3·5)… up to cos^(ν−2)θ)
    let term = cos;
    let sum = cos;
    for (let power = 1; power + 2 <= df - 2; power += 2) {
      term *= ((power + 1) / (power + 2)) * cos2;
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return (2 / Math.PI) * (theta + sin * sum);
  }
  // sinθ·(1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^(ν−2)θ)
  let term = 1;
  let sum = 1;
  for (let power = 0; power + 2 <= df - 2; power += 2) {
    term *= ((power + 1) / (power + 2)) * cos2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sin * sum;
}

/**
 * A seeded uniform generator on [0, 1): Tommy Ettinger's mulberry32 (2017, public domain), a 32-bit
 * state advanced by a Weyl increment and scrambled by multiply–xorshift steps. Plenty for resampling,
 * and pure JavaScript so the web app gets the same numbers as the server.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function summarise(group: { people: number; totalBefore: number; totalAfter: number; sumBefore: number; sumAfter: number }, sets: number): GroupSummary {
  const meanBefore = group.sumBefore / sets;
  const meanAfter = group.sumAfter / sets;
  return {
    people: group.people,
    totalBefore: group.totalBefore,
    totalAfter: group.totalAfter,
    meanBefore,
    meanAfter,
    meanChange: meanAfter - meanBefore,
  };
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function varianceOf(values: Float64Array, mean: number): number {
  let sum = 0;
  for (const value of values) sum += (value - mean) * (value - mean);
  return sum / (values.length - 1);
}

function resolveOptions(options: Partial<DifferenceInDifferencesOptions>): DifferenceInDifferencesOptions {
  const resolved = { ...DEFAULT_DIFFERENCE_IN_DIFFERENCES_OPTIONS, ...stripUndefined(options) };
  const fail = (what: string): never => {
    throw badRequest(EVALUATION_ERRORS.invalidOptions, `Difference-in-differences options: ${what}.`);
  };
  if (!(resolved.confidenceLevel > 0 && resolved.confidenceLevel < 1)) fail('the confidence level must be between 0 and 1, e.g. 0.95');
  if (!Number.isInteger(resolved.bootstrapResamples) || resolved.bootstrapResamples < 0 || resolved.bootstrapResamples > 100_000) {
    fail('bootstrap resamples must be a whole number from 0 (off) to 100,000');
  }
  if (!Number.isSafeInteger(resolved.bootstrapSeed)) fail('the bootstrap seed must be an integer');
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

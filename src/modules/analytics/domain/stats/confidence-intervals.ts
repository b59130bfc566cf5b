/**
 * Confidence intervals for counts (Poisson) and proportions (binomial), by the methods OHID/UKHSA use
 * for the indicators published on Fingertips.
 *
 * Counts and crude rates. The count O is treated as Poisson.
 * - Byar's approximation (Breslow NE, Day NE. Statistical methods in cancer research, vol. II. Lyon:
 *   IARC, 1987):
 *     lower = O · (1 − 1/(9O) − z/(3√O))³
 *     upper = (O+1) · (1 − 1/(9(O+1)) + z/(3√(O+1)))³
 *   with lower = 0 when O = 0.
 * - Exact limits (Garwood 1936; Armitage P, Berry G. Statistical methods in medical research, 4th ed.
 *   Oxford: Blackwell, 2002): the means μ for which the observed count is just significant,
 *     lower: P(X ≥ O | μ) = α/2   (= χ²(α/2; 2O)/2),     0 when O = 0
 *     upper: P(X ≤ O | μ) = α/2   (= χ²(1−α/2; 2O+2)/2)
 *   solved here by bisection on the regularised incomplete gamma function.
 * - Which one: OHID's published method (PHE "Technical Guide: Confidence Intervals"; the
 *   PHEindicatormethods `phe_rate` notes) uses Byar for O ≥ 10 and exact limits below 10, where Byar's
 *   approximation loses accuracy (at 99.8% its lower limit for O = 1 is even negative). That is the
 *   default here (`'fingertips'`); `'byar'` and `'exact'` force one method for every count.
 *
 * Proportions. Wilson's score interval (Wilson EB. J Am Stat Assoc 1927;22:209–212; the form in the
 * PHE technical guide, after Newcombe, Stat Med 1998;17:857–872), for x successes out of n:
 *     (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
 *
 * Confidence levels: 95% (z = 1.959963984540054) and 99.8% (z = 3.090232306167813), the two levels
 * Fingertips publishes; z is the standard normal quantile at 1 − α/2.
 */
import { checkCount, STATS_ERR_CONFIDENCE, STATS_ERR_INVALID_NUMBER, STATS_ERR_METHOD, statsError } from './stats-input.ts';

export type ConfidenceLevel = 0.95 | 0.998;

/** Standard normal quantile at 0.975. */
export const Z_95 = 1.959963984540054;
/** Standard normal quantile at 0.999. */
export const Z_99_8 = 3.090232306167813;

/** Counts below this use exact Poisson limits under the `'fingertips'` method; from it, Byar's. */
export const EXACT_POISSON_BELOW = 10;

export type PoissonCiMethod = 'fingertips' | 'byar' | 'exact';

export interface Limits {
  lower: number;
  upper: number;
}

export interface CountLimits extends Limits {
  /** The method actually used for this count. */
  method: 'byar' | 'exact';
}

export function checkConfidence(confidence: number): ConfidenceLevel {
  if (confidence === 0.95 || confidence === 0.998) return confidence;
  throw statsError(STATS_ERR_CONFIDENCE, `Confidence level ${String(confidence)} is not supported: use 0.95 or 0.998 (95% or 99.8%, the levels Fingertips publishes)`, { confidence });
}

export function zForConfidence(confidence: ConfidenceLevel): number {
  return checkConfidence(confidence) === 0.95 ? Z_95 : Z_99_8;
}

/** Byar's approximate limits for an observed Poisson count. */
export function byarLimits(observed: number, confidence: ConfidenceLevel = 0.95): Limits {
  const o = checkCount(observed, 'Observed count');
  const z = zForConfidence(confidence);
  const next = o + 1;
  const upper = next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3;
  if (o === 0) return { lower: 0, upper };
  const base = 1 - 1 / (9 * o) - z / (3 * Math.sqrt(o));
  if (base < 0) {
    throw statsError(STATS_ERR_METHOD, `Byar's method gives no valid lower limit for ${o} event${o === 1 ? '' : 's'} at ${confidence * 100}% confidence; use the exact method for counts this small`, { observed: o, confidence });
  }
  return { lower: o * base ** 3, upper };
}

/** Exact (Garwood) Poisson limits for an observed count. */
export function exactPoissonLimits(observed: number, confidence: ConfidenceLevel = 0.95): Limits {
  const o = checkCount(observed, 'Observed count');
  const tail = (1 - checkConfidence(confidence)) / 2;
  // P(X ≥ O | μ) = P(O, μ) (lower regularised gamma), increasing in μ; it is about ½ at μ = O.
  const lower = o === 0 ? 0 : bisect((mu) => regularisedGammaP(o, mu) - tail, 0, o);
  // P(X ≤ O | μ) = Q(O+1, μ) (upper regularised gamma), decreasing in μ.
  let hi = o + 2 + 10 * Math.sqrt(o + 1);
  while (regularisedGammaQ(o + 1, hi) > tail) hi *= 2;
  const upper = bisect((mu) => tail - regularisedGammaQ(o + 1, mu), o, hi);
  return { lower, upper };
}

/** Limits for a count by the chosen method; by default OHID's rule (exact below 10 events, Byar from 10). */
export function poissonLimits(observed: number, options: { confidence?: ConfidenceLevel; method?: PoissonCiMethod } = {}): CountLimits {
  const confidence = options.confidence ?? 0.95;
  const method = options.method ?? 'fingertips';
  const o = checkCount(observed, 'Observed count');
  const use = method === 'fingertips' ? (o < EXACT_POISSON_BELOW ? 'exact' : 'byar') : method;
  if (use === 'byar') return { ...byarLimits(o, confidence), method: 'byar' };
  if (use === 'exact') return { ...exactPoissonLimits(o, confidence), method: 'exact' };
  throw statsError(STATS_ERR_METHOD, `Unknown confidence interval method '${String(method)}': use fingertips, byar or exact`, { method });
}

/** Wilson score limits for a proportion x/n, as proportions between 0 and 1. */
export function wilsonLimits(successes: number, trials: number, confidence: ConfidenceLevel = 0.95): Limits {
  const x = checkCount(successes, 'Numerator');
  const n = checkCount(trials, 'Denominator');
  if (n === 0) throw statsError(STATS_ERR_INVALID_NUMBER, 'Denominator is 0: a proportion needs at least one in the denominator', { trials });
  if (x > n) throw statsError(STATS_ERR_INVALID_NUMBER, `Numerator (${x}) is larger than the denominator (${n}): not a proportion`, { successes: x, trials: n });
  const z = zForConfidence(confidence);
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denominator = 2 * (n + z2);
  return {
    lower: x === 0 ? 0 : (2 * x + z2 - spread) / denominator,
    upper: x === n ? 1 : (2 * x + z2 + spread) / denominator,
  };
}

// ── Incomplete gamma (for the exact limits) ────────────────────────────────────────────────────────
// P(a, x) by its power series for x < a + 1, Q(a, x) by its continued fraction (modified Lentz)
// otherwise: the classical scheme (Press et al., Numerical Recipes, §6.2). Here a is always a whole
// number (O or O + 1), so ln Γ(a) = ln((a − 1)!) is a sum of logarithms for small a and Stirling's
// series (to the n⁻⁷ term, error below 1e-16 from n = 30) above.

const EPSILON = 1e-15;
const TINY = 1e-300;

function lnFactorial(n: number): number {
  if (n < 30) {
    let sum = 0;
    for (let k = 2; k <= n; k++) sum += Math.log(k);
    return sum;
  }
  const n2 = n * n;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n)
    + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n * n2 * n2) - 1 / (1680 * n * n2 * n2 * n2);
}

/** e^(−x) · x^a / Γ(a), the common factor of both expansions. */
function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-x + a * Math.log(x) - lnFactorial(a - 1));
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * gammaPrefactor(a, x);
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h * gammaPrefactor(a, x);
}

/** Lower regularised gamma P(a, x) for whole a ≥ 1 and x ≥ 0. */
export function regularisedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Upper regularised gamma Q(a, x) = 1 − P(a, x) for whole a ≥ 1 and x ≥ 0. */
export function regularisedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/** Root of an increasing function on [lo, hi], to the precision of a double. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 300; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

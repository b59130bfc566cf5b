import { badRequest } from '../../../../kernel/errors.ts';
import { EVALUATION_ERRORS, validateEvaluationInput, type EvaluationInput, type EvaluationPerson } from './evaluation-input.ts';

/**
 * Matching each person who received an intervention to comparison people who look like them before it.
 *
 * ## Method
 * - **Exact** on sex, on age band (5-year bands by default, 90+ open, as in the European Standard
 *   Population) and on the index month (see evaluation-input.ts), so a case is only ever compared with
 *   someone of the same sex, a similar age, observed over the same calendar windows.
 * - **Nearest neighbour** within that stratum on a standardised Euclidean distance over age, risk score
 *   and prior use (the before-window A&E attendances, emergency admissions, bed days and social care
 *   cost): d = √Σ((xⱼ − yⱼ)/sⱼ)², where sⱼ is the covariate's pooled standard deviation in the unmatched
 *   sample, √((s²_intervention + s²_candidates)/2) (the same scale the balance table uses). This is the
 *   Mahalanobis distance with the correlations left out (Rubin, Biometrics 1980;36:293–298): one
 *   standard deviation of risk counts as much as one standard deviation of age, which a commissioner
 *   can check by hand, where a propensity score would hide the trade-offs inside a fitted model.
 * - **Within a caliper on the risk score**: a candidate whose risk differs from the case's by more than
 *   0.2 of its pooled standard deviation is never a match, and a case with nobody inside it is reported
 *   unmatched rather than matched badly. This is Rosenbaum and Rubin's "Mahalanobis metric matching
 *   within calipers" (Am Stat 1985;39:33–38) with the risk score in the place of the propensity score: a
 *   prognostic score, which balances the outcome's predictors as a propensity score balances the
 *   treatment's (Hansen, Biometrika 2008;95:481–488); 0.2 SD is the width Austin found to work well
 *   (Pharm Stat 2011;10:150–161). A caliper on the whole distance can be added (`caliper`, off by
 *   default): in six dimensions a fixed distance leaves many cases with nobody near enough, at little
 *   gain in balance, and balance is what the table below checks.
 * - **Greedy, without replacement, 1:k** (k = 1 by default), as MatchIt's "nearest" method does (Ho,
 *   Imai, King and Stuart, J Stat Softw 2011;42(8)): cases are taken highest risk first (MatchIt's
 *   m.order = "largest": the cases with the fewest similar candidates choose first), ties by person
 *   key; in rounds, so every case gets its first control before any gets a second. A candidate person
 *   is used at most once, across all their index-date rows, and people who received the intervention are
 *   never used as comparisons.
 * - **Deterministic**: candidates at equal distance are taken lowest person key first (then earliest
 *   index date), and nothing depends on input order.
 *
 * ## Why it is fast
 * Candidates are blocked by stratum and sorted within it by the standardised risk score. The search
 * walks outwards from the case's risk in both directions and stops at the risk caliper, and earlier as
 * soon as the gap in risk alone exceeds the best distance found (risk is one of the distance's terms,
 * so |Δ standardised risk| ≤ d): an exact nearest-neighbour search over a narrow window rather than the
 * whole stratum. (Leaving risk out of the distance and turning the risk caliper off makes it a scan of
 * the stratum.) Used candidates are skipped through "next unused" pointers with path halving (a
 * union–find), so a crowded neighbourhood does not get slower as it empties.
 *
 * ## Balance
 * For each covariate (plus the share who are female), the standardised mean difference (Austin, Stat
 * Med 2009;28:3083–3107): (mean_intervention − mean_comparison)/pooled SD, with √((p₁(1−p₁) + p₀(1−p₀))/2)
 * for a proportion. The denominator is the unmatched sample's pooled SD both before and after matching,
 * so the change shows the change in the means and not a change in spread (Stuart, Stat Sci
 * 2010;25:1–21). After matching, each control is weighted 1/(controls of its case), so a case with two
 * controls counts once. |SMD| < 0.1 is the usual rule for adequate balance.
 */

export const MATCHING_COVARIATES = [
  'age',
  'riskScore',
  'priorAeAttendances',
  'priorEmergencyAdmissions',
  'priorBedDays',
  'priorSocialCareCostPence',
] as const;
export type MatchingCovariate = (typeof MATCHING_COVARIATES)[number];

/** Covariates in the balance table: the matching covariates and the share who are female. */
export type BalanceCovariate = MatchingCovariate | 'female';

export const BALANCE_COVARIATE_LABELS: Readonly<Record<BalanceCovariate, string>> = {
  age: 'Age (years)',
  female: 'Female (proportion)',
  riskScore: 'Risk score',
  priorAeAttendances: 'A&E attendances before',
  priorEmergencyAdmissions: 'Emergency admissions before',
  priorBedDays: 'Bed days before',
  priorSocialCareCostPence: 'Social care cost before (pence)',
};

/** |SMD| at or above this after matching counts as poor balance (Austin 2009). */
export const BALANCE_THRESHOLD = 0.1;

export interface MatchingOptions {
  /** Controls per case (k in 1:k). */
  controlsPerCase: number;
  /** Covariates in the distance. */
  covariates: readonly MatchingCovariate[];
  /** Largest difference in risk score accepted, in pooled SDs of risk; null for none. */
  riskCaliper: number | null;
  /** Largest distance accepted, in pooled-SD units; null for none. */
  caliper: number | null;
  /** Width of the exact-match age bands in years (the top band is 90+); null to match on age by distance only. */
  ageBandYears: number | null;
  /** Exact match on the index date's month ('month'), the date itself ('day'), or not at all ('any'). */
  indexPeriod: 'month' | 'day' | 'any';
}

export const DEFAULT_MATCHING_OPTIONS: Readonly<MatchingOptions> = {
  controlsPerCase: 1,
  covariates: MATCHING_COVARIATES,
  riskCaliper: 0.2,
  caliper: null,
  ageBandYears: 5,
  indexPeriod: 'month',
};

export interface MatchedSet {
  case: EvaluationPerson;
  /** 1 to k controls, in the order they were chosen (nearest first). */
  controls: EvaluationPerson[];
  /** Each control's distance from the case, in pooled-SD units. */
  distances: number[];
}

export type UnmatchedReason =
  /** Nobody of the same sex, age band and index month among the candidates. */
  | 'no_candidates_in_stratum'
  /** Candidates in the stratum, but none within the calipers. */
  | 'none_within_caliper'
  /** Candidates within the calipers, but all already matched to other cases. */
  | 'candidates_used_up';

export interface UnmatchedCase {
  personId: number;
  indexDate: string;
  reason: UnmatchedReason;
}

export interface BalanceSide {
  interventionMean: number;
  comparisonMean: number;
  /** Standardised mean difference; null when it is undefined (a group is empty, or neither group varies yet the means differ). */
  smd: number | null;
}

export interface BalanceRow {
  covariate: BalanceCovariate;
  label: string;
  /** The pooled SD of the unmatched sample: the SMD denominator before and after matching. */
  pooledSd: number;
  beforeMatching: BalanceSide;
  afterMatching: BalanceSide;
}

export interface MatchingResult {
  sets: MatchedSet[];
  unmatched: UnmatchedCase[];
  balance: BalanceRow[];
  /** The options used, defaults filled in. */
  options: MatchingOptions;
  /** Candidate rows considered, after leaving out people who received the intervention. */
  candidateRows: number;
  /** Candidate rows left out because the person received the intervention. */
  excludedCandidateRows: number;
}

/** A person's value of a covariate. */
export function covariateValue(person: EvaluationPerson, covariate: BalanceCovariate): number {
  switch (covariate) {
    case 'age':
      return person.age;
    case 'female':
      return person.sex === '2' ? 1 : 0;
    case 'riskScore':
      return person.riskScore;
    case 'priorAeAttendances':
      return person.before.aeAttendances;
    case 'priorEmergencyAdmissions':
      return person.before.emergencyAdmissions;
    case 'priorBedDays':
      return person.before.bedDays;
    case 'priorSocialCareCostPence':
      return person.before.socialCareCostPence;
  }
}

/** The exact-match age band, e.g. 75 → '75-79' with 5-year bands; 90 and over → '90+'. */
export function ageBand(age: number, widthYears: number): string {
  if (age >= 90) return '90+';
  const start = Math.floor(age / widthYears) * widthYears;
  return `${start}-${Math.min(start + widthYears - 1, 89)}`;
}

/**
 * Matches each intervention person to up to k comparison candidates (see the method above).
 * Throws SEAMLESS_ERR_ANALYTICS_EVALUATION_EMPTY_COHORT, _NO_CANDIDATES, _INVALID_PERSON or
 * _INVALID_OPTIONS; an intervention person nobody matches is reported in `unmatched`, not thrown.
 */
export function matchComparisonGroup(input: EvaluationInput, options: Partial<MatchingOptions> = {}): MatchingResult {
  validateEvaluationInput(input);
  const resolved = resolveMatchingOptions(options);
  const { covariates, controlsPerCase: k, caliper, riskCaliper } = resolved;
  const p = covariates.length;

  // One canonical order before any arithmetic: sums of floating-point numbers depend on their order,
  // and a last-bit change in a scale could flip a near-tie between candidates.
  const intervention = [...input.intervention].sort(compareTieBreak);
  const interventionIds = new Set(intervention.map((person) => person.personId));
  const candidates = input.candidates.filter((person) => !interventionIds.has(person.personId)).sort(compareTieBreak);
  const excludedCandidateRows = input.candidates.length - candidates.length;

  const n = candidates.length;
  const column = (people: readonly EvaluationPerson[], covariate: MatchingCovariate): Float64Array => {
    const values = new Float64Array(people.length);
    for (let i = 0; i < people.length; i++) values[i] = covariateValue(people[i]!, covariate);
    return values;
  };
  const candidateColumns = covariates.map((covariate) => column(candidates, covariate));
  const scales = covariates.map((covariate, j) => pooledSd(column(intervention, covariate), candidateColumns[j]!, false) || 1);
  const riskScale = pooledSd(column(intervention, 'riskScore'), column(candidates, 'riskScore'), false) || 1;
  // When risk is a term of the distance, the gap in risk alone is a lower bound on the distance.
  const riskBoundsDistance = covariates.includes('riskScore');
  const stratumOf = (person: EvaluationPerson): string => stratumKey(person, resolved);

  // Candidate rows grouped by stratum, each stratum sorted by standardised risk (rows are already in
  // tie-break order, so equal risks stay in it), laid out contiguously: positions [start, end) of one
  // stratum in every array below. A person's rows are adjacent in the canonical order, so their
  // ordinal (for "already used") is a running count.
  const byStratum = new Map<string, number[]>();
  const ordinalOfRow = new Int32Array(n);
  let ordinal = -1;
  for (let row = 0; row < n; row++) {
    const person = candidates[row]!;
    if (row === 0 || person.personId !== candidates[row - 1]!.personId) ordinal++;
    ordinalOfRow[row] = ordinal;
    const key = stratumOf(person);
    const rows = byStratum.get(key);
    if (rows) rows.push(row);
    else byStratum.set(key, [row]);
  }
  const z = new Float64Array(n * p);
  const sortZ = new Float64Array(n);
  const personAt: EvaluationPerson[] = new Array<EvaluationPerson>(n);
  const denseAt = new Int32Array(n);
  const ranges = new Map<string, { start: number; end: number }>();
  const sortKeyOfRow = new Float64Array(n);
  for (let row = 0; row < n; row++) sortKeyOfRow[row] = candidates[row]!.riskScore / riskScale;
  let position = 0;
  for (const key of [...byStratum.keys()].sort()) {
    const rows = byStratum.get(key)!;
    rows.sort((a, b) => sortKeyOfRow[a]! - sortKeyOfRow[b]! || a - b);
    const start = position;
    for (const row of rows) {
      personAt[position] = candidates[row]!;
      sortZ[position] = sortKeyOfRow[row]!;
      for (let j = 0; j < p; j++) z[position * p + j] = candidateColumns[j]![row]! / scales[j]!;
      denseAt[position] = ordinalOfRow[row]!;
      position++;
    }
    ranges.set(key, { start, end: position });
  }
  const used = new Uint8Array(ordinal + 1);

  // "Next unused position at or after i" and "at or before i" (stored at i + 1, so 0 means none).
  const right = new Int32Array(n + 1).map((_, i) => i);
  const left = new Int32Array(n + 1).map((_, i) => i);
  const findRight = (i: number): number => {
    while (right[i] !== i) {
      right[i] = right[right[i]!]!;
      i = right[i]!;
    }
    return i;
  };
  const findLeft = (i: number): number => {
    let j = i + 1;
    while (left[j] !== j) {
      left[j] = left[left[j]!]!;
      j = left[j]!;
    }
    return j - 1;
  };
  const nextUnused = (i: number, end: number): number => {
    for (;;) {
      const r = findRight(i);
      if (r >= end || used[denseAt[r]!] === 0) return r;
      right[r] = r + 1;
      i = r + 1;
    }
  };
  const previousUnused = (i: number, start: number): number => {
    for (;;) {
      if (i < start) return -1;
      const l = findLeft(i);
      if (l < start || used[denseAt[l]!] === 0) return l;
      left[l + 1] = l;
      i = l - 1;
    }
  };

  const cases = [...intervention].sort((a, b) => b.riskScore - a.riskScore || a.personId - b.personId);
  const caseZ = cases.map((person) => covariates.map((covariate, j) => covariateValue(person, covariate) / scales[j]!));
  const sets: Array<MatchedSet | null> = cases.map(() => null);
  const limit = caliper ?? Number.POSITIVE_INFINITY;
  const riskLimit = Math.min(riskCaliper ?? Number.POSITIVE_INFINITY, riskBoundsDistance ? limit : Number.POSITIVE_INFINITY);

  const distanceTo = (zc: readonly number[], pos: number): number => {
    let sum = 0;
    const base = pos * p;
    for (let j = 0; j < p; j++) {
      const diff = zc[j]! - z[base + j]!;
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  };

  for (let round = 0; round < k; round++) {
    for (let c = 0; c < cases.length; c++) {
      const current = sets[c] ?? null;
      if (round > 0 && (current === null || current.controls.length < round)) continue;
      const range = ranges.get(stratumOf(cases[c]!));
      if (!range) continue;
      const zc = caseZ[c]!;
      const target = cases[c]!.riskScore / riskScale;
      const { start, end } = range;
      let lo = start;
      let hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sortZ[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      let r = nextUnused(lo, end);
      let l = previousUnused(lo - 1, start);
      let best = -1;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (;;) {
        const gapRight = r < end ? sortZ[r]! - target : Number.POSITIVE_INFINITY;
        const gapLeft = l >= start ? target - sortZ[l]! : Number.POSITIVE_INFINITY;
        const goRight = gapRight <= gapLeft;
        const gap = goRight ? gapRight : gapLeft;
        if (gap === Number.POSITIVE_INFINITY || gap > riskLimit || (riskBoundsDistance && gap > bestDistance * (1 + 1e-12))) break;
        const pos = goRight ? r : l;
        const d = distanceTo(zc, pos);
        if (d <= limit && (d < bestDistance || (d === bestDistance && compareTieBreak(personAt[pos]!, personAt[best]!) < 0))) {
          best = pos;
          bestDistance = d;
        }
        if (goRight) r = nextUnused(r + 1, end);
        else l = previousUnused(l - 1, start);
      }
      if (best < 0) continue;
      used[denseAt[best]!] = 1;
      if (current) {
        current.controls.push(personAt[best]!);
        current.distances.push(bestDistance);
      } else {
        sets[c] = { case: cases[c]!, controls: [personAt[best]!], distances: [bestDistance] };
      }
    }
  }

  const unmatched: UnmatchedCase[] = [];
  cases.forEach((person, c) => {
    if (sets[c] !== null) return;
    const range = ranges.get(stratumOf(person));
    let reason: UnmatchedReason;
    if (!range) reason = 'no_candidates_in_stratum';
    else if (caliper === null && riskCaliper === null) reason = 'candidates_used_up';
    else reason = anyWithin(person, caseZ[c]!, range.start, range.end) ? 'candidates_used_up' : 'none_within_caliper';
    unmatched.push({ personId: person.personId, indexDate: person.indexDate, reason });
  });
  unmatched.sort((a, b) => a.personId - b.personId);

  /** Whether anyone in the stratum, used or not, is within the calipers of the case. */
  function anyWithin(person: EvaluationPerson, zc: readonly number[], start: number, end: number): boolean {
    const target = person.riskScore / riskScale;
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortZ[mid]! < target - riskLimit) lo = mid + 1;
      else hi = mid;
    }
    for (let pos = lo; pos < end && sortZ[pos]! <= target + riskLimit; pos++) {
      if (distanceTo(zc, pos) <= limit) return true;
    }
    return false;
  }

  const matchedSets = sets.filter((set): set is MatchedSet => set !== null).sort((a, b) => a.case.personId - b.case.personId);
  return {
    sets: matchedSets,
    unmatched,
    balance: assessBalance(intervention, candidates, matchedSets),
    options: resolved,
    candidateRows: n,
    excludedCandidateRows,
  };
}

/**
 * The balance table: for each covariate, the standardised mean difference between all intervention
 * people and all candidate rows (before matching) and between the matched cases and their controls,
 * each control weighted 1/(controls of its case) (after matching), over the unmatched sample's pooled SD.
 */
export function assessBalance(
  intervention: readonly EvaluationPerson[],
  candidates: readonly EvaluationPerson[],
  sets: readonly MatchedSet[],
): BalanceRow[] {
  const covariates: BalanceCovariate[] = ['age', 'female', ...MATCHING_COVARIATES.filter((c) => c !== 'age')];
  return covariates.map((covariate) => {
    const binary = covariate === 'female';
    const treated = new Float64Array(intervention.length);
    for (let i = 0; i < intervention.length; i++) treated[i] = covariateValue(intervention[i]!, covariate);
    const pool = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) pool[i] = covariateValue(candidates[i]!, covariate);
    const sd = pooledSd(treated, pool, binary);
    const before = { interventionMean: mean(treated), comparisonMean: mean(pool) };
    let caseSum = 0;
    let controlSum = 0;
    for (const set of sets) {
      caseSum += covariateValue(set.case, covariate);
      let sum = 0;
      for (const control of set.controls) sum += covariateValue(control, covariate);
      controlSum += sum / set.controls.length;
    }
    const after = {
      interventionMean: sets.length > 0 ? caseSum / sets.length : Number.NaN,
      comparisonMean: sets.length > 0 ? controlSum / sets.length : Number.NaN,
    };
    return {
      covariate,
      label: BALANCE_COVARIATE_LABELS[covariate],
      pooledSd: sd,
      beforeMatching: { ...before, smd: standardisedMeanDifference(before.interventionMean, before.comparisonMean, sd) },
      afterMatching: { ...after, smd: standardisedMeanDifference(after.interventionMean, after.comparisonMean, sd) },
    };
  });
}

/**
 * (m₁ − m₀)/sd; 0 when the means are equal, null when it is undefined (an empty group, or sd = 0 with
 * different means).
 */
export function standardisedMeanDifference(interventionMean: number, comparisonMean: number, pooledSd: number): number | null {
  if (!Number.isFinite(interventionMean) || !Number.isFinite(comparisonMean)) return null;
  if (interventionMean === comparisonMean) return 0;
  if (!(pooledSd > 0)) return null;
  return (interventionMean - comparisonMean) / pooledSd;
}

/**
 * √((s₁² + s₀²)/2) with sample variances (n − 1), or √((p₁(1−p₁) + p₀(1−p₀))/2) for a 0/1 covariate
 * (Austin 2009). A group of one contributes a variance of 0.
 */
export function pooledSd(intervention: ArrayLike<number>, comparison: ArrayLike<number>, binary: boolean): number {
  if (binary) {
    const p1 = mean(intervention);
    const p0 = mean(comparison);
    return Math.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2);
  }
  return Math.sqrt((sampleVariance(intervention) + sampleVariance(comparison)) / 2);
}

function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

function sampleVariance(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i]! - m) * (values[i]! - m);
  return sum / (values.length - 1);
}

function compareTieBreak(a: EvaluationPerson, b: EvaluationPerson): number {
  return a.personId - b.personId || (a.indexDate < b.indexDate ? -1 : a.indexDate > b.indexDate ? 1 : 0);
}

function stratumKey(person: EvaluationPerson, options: MatchingOptions): string {
  const band = options.ageBandYears === null ? '' : ageBand(person.age, options.ageBandYears);
  const period = options.indexPeriod === 'month' ? person.indexDate.slice(0, 7) : options.indexPeriod === 'day' ? person.indexDate : '';
  return `${person.sex}|${band}|${period}`;
}

function resolveMatchingOptions(options: Partial<MatchingOptions>): MatchingOptions {
  const covariates = options.covariates ?? DEFAULT_MATCHING_OPTIONS.covariates;
  const resolved: MatchingOptions = {
    controlsPerCase: options.controlsPerCase ?? DEFAULT_MATCHING_OPTIONS.controlsPerCase,
    covariates,
    riskCaliper: options.riskCaliper === undefined ? DEFAULT_MATCHING_OPTIONS.riskCaliper : options.riskCaliper,
    caliper: options.caliper === undefined ? DEFAULT_MATCHING_OPTIONS.caliper : options.caliper,
    ageBandYears: options.ageBandYears === undefined ? DEFAULT_MATCHING_OPTIONS.ageBandYears : options.ageBandYears,
    indexPeriod: options.indexPeriod ?? DEFAULT_MATCHING_OPTIONS.indexPeriod,
  };
  const fail = (what: string): never => {
    throw badRequest(EVALUATION_ERRORS.invalidOptions, `Matching options: ${what}.`);
  };
  if (!Number.isInteger(resolved.controlsPerCase) || resolved.controlsPerCase < 1 || resolved.controlsPerCase > 20) {
    fail('controls per case must be a whole number from 1 to 20');
  }
  if (covariates.length === 0) fail('at least one covariate is needed for the distance');
  if (new Set(covariates).size !== covariates.length || covariates.some((c) => !MATCHING_COVARIATES.includes(c))) {
    fail(`covariates must be distinct and among ${MATCHING_COVARIATES.join(', ')}`);
  }
  if (resolved.caliper !== null && !(resolved.caliper > 0 && Number.isFinite(resolved.caliper))) fail('the caliper must be a positive number, or null for none');
  if (resolved.riskCaliper !== null && !(resolved.riskCaliper > 0 && Number.isFinite(resolved.riskCaliper))) {
    fail('the risk caliper must be a positive number, or null for none');
  }
  if (resolved.ageBandYears !== null && !(Number.isInteger(resolved.ageBandYears) && resolved.ageBandYears >= 1)) {
    fail('age bands must be a whole number of years (1 or more), or null for none');
  }
  if (!['month', 'day', 'any'].includes(resolved.indexPeriod)) fail("the index period must be 'month', 'day' or 'any'");
  return resolved;
}

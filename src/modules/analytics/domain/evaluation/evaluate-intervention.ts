import { badRequest } from '../../../../kernel/errors.ts';
import { estimateDifferenceInDifferences, type DifferenceInDifferencesOptions, type OutcomeEffect } from './difference-in-differences.ts';
import { EVALUATION_ERRORS, type EvaluationInput } from './evaluation-input.ts';
import {
  BALANCE_THRESHOLD,
  matchComparisonGroup,
  type BalanceRow,
  type MatchingOptions,
  type UnmatchedCase,
  type UnmatchedReason,
} from './matching.ts';

/**
 * A before/after evaluation of an intervention against a matched comparison group, in one call:
 * match (matching.ts), check balance, estimate the difference-in-differences with its paired t and
 * bootstrap intervals (difference-in-differences.ts), and say plainly what should make a reader
 * cautious. Pure: the caller builds the input from the linked record and renders the result.
 */

/** Fewer matched sets than this and the result carries a warning (a common rule of thumb for the t interval to be trusted on skewed data). */
export const MINIMUM_MATCHED_SETS = 30;

export interface EvaluationOptions {
  matching?: Partial<MatchingOptions>;
  differenceInDifferences?: Partial<DifferenceInDifferencesOptions>;
  /** Warn below this many matched sets. */
  minimumMatchedSets?: number;
  /** Warn when any |SMD| after matching is at or above this. */
  balanceThreshold?: number;
}

export type EvaluationWarningCode =
  | 'few_matched_sets'
  | 'no_uncertainty'
  | 'poor_balance'
  | 'unmatched_intervention'
  | 'fewer_controls_than_requested';

export interface EvaluationWarning {
  code: EvaluationWarningCode;
  /** Written for the analyst reading the evaluation screen. */
  message: string;
  details?: Record<string, unknown>;
}

export interface MatchSummary {
  personId: number;
  indexDate: string;
  controls: Array<{ personId: number; indexDate: string; distance: number }>;
}

export interface EvaluationResult {
  /** Intervention people with at least one matched control (with the default 1:1, the number of pairs). */
  matchedPairs: number;
  interventionPeople: number;
  /** Distinct comparison people used. */
  comparisonPeople: number;
  unmatched: UnmatchedCase[];
  balance: BalanceRow[];
  outcomes: OutcomeEffect[];
  warnings: EvaluationWarning[];
  /** Who was matched to whom (pseudonymised keys), so any row of the result can be traced. */
  matches: MatchSummary[];
  method: {
    matching: MatchingOptions;
    confidenceLevel: number;
    bootstrap: { resamples: number; seed: number } | null;
    candidateRows: number;
    excludedCandidateRows: number;
  };
}

/**
 * Evaluates an intervention: see the module comments of matching.ts and difference-in-differences.ts
 * for the methods and their sources. Throws SEAMLESS_ERR_ANALYTICS_EVALUATION_EMPTY_COHORT (nobody
 * received the intervention), _NO_CANDIDATES (nobody to compare with), _NO_MATCHES (nobody within the
 * caliper of any case), _INVALID_PERSON or _INVALID_OPTIONS, all status 400.
 */
export function evaluateIntervention(input: EvaluationInput, options: EvaluationOptions = {}): EvaluationResult {
  const minimumMatchedSets = options.minimumMatchedSets ?? MINIMUM_MATCHED_SETS;
  const balanceThreshold = options.balanceThreshold ?? BALANCE_THRESHOLD;
  if (!(Number.isInteger(minimumMatchedSets) && minimumMatchedSets >= 0)) {
    throw badRequest(EVALUATION_ERRORS.invalidOptions, 'The minimum number of matched sets must be a whole number of 0 or more.');
  }
  if (!(balanceThreshold > 0)) throw badRequest(EVALUATION_ERRORS.invalidOptions, 'The balance threshold must be a positive number, e.g. 0.1.');

  const matching = matchComparisonGroup(input, options.matching);
  const reasons = countReasons(matching.unmatched);
  if (matching.sets.length === 0) {
    throw badRequest(
      EVALUATION_ERRORS.noMatches,
      `None of the ${input.intervention.length} intervention people has a comparison person in their stratum (${describeStrata(matching.options)}) within the calipers (${describeCalipers(matching.options)}). ` +
        'Add comparison candidates at the cohort\'s index dates, or widen the calipers or the age bands.',
      { unmatchedByReason: reasons },
    );
  }
  const did = estimateDifferenceInDifferences(matching.sets, options.differenceInDifferences);

  const warnings: EvaluationWarning[] = [];
  const n = matching.sets.length;
  if (n < 2) {
    warnings.push({
      code: 'no_uncertainty',
      message: 'Only one intervention person was matched: the difference-in-differences has no standard error or confidence interval.',
    });
  } else if (n < minimumMatchedSets) {
    warnings.push({
      code: 'few_matched_sets',
      message: `Only ${n} matched pairs (fewer than ${minimumMatchedSets}): the estimates are imprecise, and the t interval relies on the differences being roughly normal, which counts and costs often are not. Compare it with the bootstrap interval.`,
      details: { matchedPairs: n, minimum: minimumMatchedSets },
    });
  }
  const poor = matching.balance.filter((row) => row.afterMatching.smd === null || Math.abs(row.afterMatching.smd) >= balanceThreshold);
  if (poor.length > 0) {
    warnings.push({
      code: 'poor_balance',
      message: `After matching the groups still differ on ${poor.map((row) => row.label.toLowerCase()).join(', ')} (standardised mean difference of ${balanceThreshold} or more): part of the difference-in-differences may be due to who was compared rather than the intervention.`,
      details: { covariates: poor.map((row) => ({ covariate: row.covariate, smd: row.afterMatching.smd })), threshold: balanceThreshold },
    });
  }
  if (matching.unmatched.length > 0) {
    const share = matching.unmatched.length / input.intervention.length;
    warnings.push({
      code: 'unmatched_intervention',
      message: `${matching.unmatched.length} of ${input.intervention.length} intervention people (${(share * 100).toFixed(1)}%) have no comparison person and are left out: the result describes the ${n} who were matched, who may differ from those who were not.`,
      details: { unmatched: matching.unmatched.length, share, byReason: reasons },
    });
  }
  const k = matching.options.controlsPerCase;
  if (k > 1) {
    const short = matching.sets.filter((set) => set.controls.length < k).length;
    if (short > 0) {
      warnings.push({
        code: 'fewer_controls_than_requested',
        message: `${short} of ${n} matched intervention people have fewer than ${k} controls; each set's controls are averaged, so every person still counts once.`,
        details: { sets: short, requested: k },
      });
    }
  }

  return {
    matchedPairs: n,
    interventionPeople: input.intervention.length,
    comparisonPeople: matching.sets.reduce((sum, set) => sum + set.controls.length, 0),
    unmatched: matching.unmatched,
    balance: matching.balance,
    outcomes: did.outcomes,
    warnings,
    matches: matching.sets.map((set) => ({
      personId: set.case.personId,
      indexDate: set.case.indexDate,
      controls: set.controls.map((control, i) => ({ personId: control.personId, indexDate: control.indexDate, distance: set.distances[i]! })),
    })),
    method: {
      matching: matching.options,
      confidenceLevel: did.confidenceLevel,
      bootstrap: did.bootstrap,
      candidateRows: matching.candidateRows,
      excludedCandidateRows: matching.excludedCandidateRows,
    },
  };
}

function countReasons(unmatched: readonly UnmatchedCase[]): Record<UnmatchedReason, number> {
  const counts: Record<UnmatchedReason, number> = { no_candidates_in_stratum: 0, none_within_caliper: 0, candidates_used_up: 0 };
  for (const item of unmatched) counts[item.reason]++;
  return counts;
}

function describeStrata(options: MatchingOptions): string {
  const parts = ['sex'];
  if (options.ageBandYears !== null) parts.push(`${options.ageBandYears}-year age band`);
  if (options.indexPeriod !== 'any') parts.push(options.indexPeriod === 'month' ? 'index month' : 'index date');
  return parts.join(', ');
}

function describeCalipers(options: MatchingOptions): string {
  const risk = options.riskCaliper === null ? 'none on risk' : `risk within ${options.riskCaliper} SD`;
  const distance = options.caliper === null ? 'none on the distance' : `distance within ${options.caliper} SD`;
  return `${risk}, ${distance}`;
}

import { isIsoDate } from '../../../../kernel/dates.ts';
import { SeamlessError } from '../../../../kernel/errors.ts';

/**
 * One thing wrong with a criteria tree, segmentation, trigger rule set or cohort: where (a path into
 * the JSON, e.g. `segments[2].criteria.all[0]`), what (a stable code) and a message written for the
 * analyst who has to fix it. Validation returns every problem at once, never just the first.
 */
export type RuleProblemCode =
  // criteria trees
  | 'invalid_shape'
  | 'unknown_key'
  | 'ambiguous_condition'
  | 'empty_group'
  | 'too_deep'
  | 'unknown_field'
  | 'unknown_operator'
  | 'operator_not_allowed'
  | 'invalid_value'
  | 'unknown_band'
  | 'score_has_no_bands'
  | 'unknown_segment'
  | 'unknown_condition'
  | 'unknown_code_system'
  | 'invalid_code'
  | 'unsupported_code_criterion'
  | 'contradictory'
  // rule sets and cohorts
  | 'missing_label'
  | 'invalid_key'
  | 'duplicate_key'
  | 'invalid_date'
  | 'no_rules'
  | 'circular_reference'
  | 'catch_all_referenced'
  | 'unreachable_segment'
  | 'missing_catch_all'
  | 'empty_cohort';

export interface RuleProblem {
  path: string;
  code: RuleProblemCode;
  message: string;
}

export const INVALID_CRITERIA = 'SEAMLESS_ERR_ANALYTICS_INVALID_CRITERIA';
export const INVALID_SEGMENTATION = 'SEAMLESS_ERR_ANALYTICS_INVALID_SEGMENTATION';
export const INVALID_TRIGGER_RULES = 'SEAMLESS_ERR_ANALYTICS_INVALID_TRIGGER_RULES';
export const INVALID_COHORT = 'SEAMLESS_ERR_ANALYTICS_INVALID_COHORT';
export const EMPTY_COHORT = 'SEAMLESS_ERR_ANALYTICS_EMPTY_COHORT';

/** Problems as one line each, for an error message or the CLI. */
export function formatProblems(problems: readonly RuleProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}

/** A 400 error carrying every problem, so the API can show them all next to the fields they concern. */
export function rulesError(code: string, what: string, problems: readonly RuleProblem[]): SeamlessError {
  return new SeamlessError(code, 400, `${what} is not valid: ${formatProblems(problems)}`, { problems: [...problems] });
}

/** Keys of segments, trigger rules and cohorts: lower case letters, digits and underscores, starting with a letter. */
export const RULE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks the human version label and the effective date every versioned rule set carries. */
export function checkRuleSetHeader(ruleSet: Record<string, unknown>, out: RuleProblem[]): void {
  if (typeof ruleSet.label !== 'string' || ruleSet.label.trim() === '') {
    out.push({ path: 'label', code: 'missing_label', message: 'the rule set needs a version label people will read, e.g. "Pyramid 2026/27"' });
  }
  if (typeof ruleSet.effectiveFrom !== 'string' || !isIsoDate(ruleSet.effectiveFrom)) {
    out.push({ path: 'effectiveFrom', code: 'invalid_date', message: `effectiveFrom must be a date as YYYY-MM-DD; got ${JSON.stringify(ruleSet.effectiveFrom)}` });
  }
}

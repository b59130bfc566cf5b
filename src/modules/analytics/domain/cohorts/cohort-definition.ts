import { compileValidCriteria } from '../criteria/compile-criteria.ts';
import { criteriaFieldRegistry } from '../criteria/criteria-fields.ts';
import type { Criteria, CriteriaOptions, ProfilePredicate } from '../criteria/criteria.types.ts';
import { EMPTY_COHORT, INVALID_COHORT, rulesError, type RuleProblem } from '../criteria/rule-problems.ts';
import { ruleVersionId } from '../criteria/rule-version.ts';
import { validateCriteria } from '../criteria/validate-criteria.ts';

/**
 * A saved cohort: who is in it, as criteria over person profiles (age, locality, practice, segment,
 * score bands, conditions, service use, risk). `segment` here is the segment a person was assigned.
 */
export interface CohortDefinition {
  name: string;
  description?: string | undefined;
  criteria: Criteria;
  /** Who defined it (a staff user id or name), for the audit of saved definitions. */
  createdBy: string;
}

/** A place's vocabulary for cohort criteria. */
export type CohortOptions = Pick<CriteriaOptions, 'segmentKeys' | 'conditionKeys' | 'scoreBands'>;

export interface CompiledCohort {
  name: string;
  versionId: string;
  createdBy: string;
  matches: ProfilePredicate;
}

/** The version id of a cohort: a hash of its criteria (renaming a cohort does not change who is in it). */
export function cohortVersionId(cohort: Pick<CohortDefinition, 'criteria'>): string {
  return ruleVersionId('coh', cohort.criteria);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyCriteria(criteria: unknown): boolean {
  if (criteria === undefined || criteria === null) return true;
  if (!isRecord(criteria)) return false;
  const keys = Object.keys(criteria);
  if (keys.length === 0) return true;
  return keys.length === 1 && (Array.isArray(criteria.all) || Array.isArray(criteria.any)) && ((criteria.all ?? criteria.any) as unknown[]).length === 0;
}

/**
 * Every problem with a cohort definition (parsed JSON): a name, who created it, and its criteria. A
 * definition without criteria is refused with 'empty_cohort' rather than taken to mean everyone.
 */
export function validateCohortDefinition(cohort: unknown, options: CohortOptions = {}): RuleProblem[] {
  if (!isRecord(cohort)) return [{ path: '$', code: 'invalid_shape', message: 'a cohort is an object with name, criteria and createdBy' }];
  const out: RuleProblem[] = [];
  const name = typeof cohort.name === 'string' ? cohort.name.trim() : '';
  if (name === '') out.push({ path: 'name', code: 'missing_label', message: 'the cohort needs a name, e.g. "High risk, not known to social care"' });
  if (typeof cohort.createdBy !== 'string' || cohort.createdBy.trim() === '') {
    out.push({ path: 'createdBy', code: 'invalid_shape', message: 'the cohort needs the user who created it (createdBy)' });
  }
  if (isEmptyCriteria(cohort.criteria)) {
    out.push({
      path: 'criteria', code: 'empty_cohort',
      message: `the cohort${name ? ` '${name}'` : ''} has no criteria; add at least one (e.g. age, locality, segment or a score band): an empty definition would silently mean everyone`,
    });
  } else {
    out.push(...validateCriteria(cohort.criteria, { ...options, segmentMeaning: 'assigned', path: 'criteria' }));
  }
  return out;
}

/**
 * Validates and compiles a cohort. Throws SEAMLESS_ERR_ANALYTICS_EMPTY_COHORT when it has no criteria
 * and SEAMLESS_ERR_ANALYTICS_INVALID_COHORT for any other problem (all of them listed).
 */
export function compileCohort(cohort: CohortDefinition, options: CohortOptions = {}): CompiledCohort {
  const problems = validateCohortDefinition(cohort, options);
  if (problems.length > 0) {
    const code = problems.some((p) => p.code === 'empty_cohort') ? EMPTY_COHORT : INVALID_COHORT;
    throw rulesError(code, `The cohort '${String(cohort?.name ?? '')}'`, problems);
  }
  const fields = criteriaFieldRegistry({ ...options, segmentMeaning: 'assigned' });
  return {
    name: cohort.name,
    versionId: cohortVersionId(cohort),
    createdBy: cohort.createdBy,
    matches: compileValidCriteria(cohort.criteria, fields),
  };
}

/** Ready-made cohorts for the questions the issue names; each is an ordinary definition to copy and edit. */
export function highRiskCohort(minPercentile = 90, createdBy = 'seamless'): CohortDefinition {
  return {
    name: `High risk (top ${100 - minPercentile}% by predicted risk)`,
    criteria: { field: 'riskPercentile', op: '>=', value: minPercentile },
    createdBy,
  };
}

export function knownToSocialCareCohort(createdBy = 'seamless'): CohortDefinition {
  return { name: 'Known to social care', criteria: { field: 'knownToSocialCare', op: '=', value: true }, createdBy };
}

export function receivingSocialCareCohort(createdBy = 'seamless'): CohortDefinition {
  return { name: 'Receiving social care', criteria: { field: 'receivingSocialCare', op: '=', value: true }, createdBy };
}

export interface RisingRiskOptions {
  /** Rise in risk percentile since the previous scoring that counts as rising (default 10 points). */
  percentilePoints?: number | undefined;
  /** Rise in predicted risk value since the previous scoring that also counts as rising (off unless given). */
  valueIncrease?: number | undefined;
}

/**
 * Rising risk: the risk percentile rose by at least `percentilePoints` since the previous scoring, or
 * the predicted risk rose by at least `valueIncrease`. People without a previous scoring are not rising.
 */
export function risingRiskCohort(options: RisingRiskOptions = {}, createdBy = 'seamless'): CohortDefinition {
  const points = options.percentilePoints ?? 10;
  const byPercentile: Criteria = { field: 'riskPercentileChange', op: '>=', value: points };
  const criteria: Criteria = options.valueIncrease === undefined
    ? byPercentile
    : { any: [byPercentile, { field: 'riskValueChange', op: '>=', value: options.valueIncrease }] };
  const value = options.valueIncrease === undefined ? '' : ` or predicted risk up ${options.valueIncrease}`;
  return { name: `Rising risk (percentile up ${points} points${value} since the previous scoring)`, criteria, createdBy };
}

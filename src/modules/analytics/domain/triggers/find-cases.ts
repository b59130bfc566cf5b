import type { PersonProfile } from '../person-profile.ts';
import { compileCriteria, compileValidCriteria } from '../criteria/compile-criteria.ts';
import { criteriaFieldRegistry } from '../criteria/criteria-fields.ts';
import type { Criteria, CriteriaOptions, ProfilePredicate } from '../criteria/criteria.types.ts';
import { compileReasons } from '../criteria/explain-criteria.ts';
import { INVALID_TRIGGER_RULES, rulesError } from '../criteria/rule-problems.ts';
import { triggerRulesVersionId, type TriggerRuleSet } from './trigger-rules.ts';
import { validateTriggerRules, type TriggerRuleOptions } from './validate-trigger-rules.ts';

/** One rule a person met, with why in plain words: '3 emergency admissions in the past year (threshold 2)'. */
export interface TriggerHit {
  key: string;
  label: string;
  explanation: string;
}

export interface CaseFindingEntry {
  personId: number;
  rulesMet: TriggerHit[];
  /** Predicted risk of emergency admission, when scored. */
  riskValue: number | null;
  riskPercentile: number | null;
  segment: string | null;
}

export interface CaseFindingList {
  ruleSetVersion: string;
  ruleSetLabel: string;
  effectiveFrom: string;
  /** Living people in the team's population (or everyone, without a team) and in the rule set's cohort. */
  screened: number;
  /** People who met at least one rule: most rules first, then highest risk. */
  entries: CaseFindingEntry[];
}

export interface CompiledTriggerRules {
  versionId: string;
  label: string;
  effectiveFrom: string;
  rules: ReadonlyArray<{ key: string; label: string }>;
  options: TriggerRuleOptions;
  inCohort: ProfilePredicate;
  /** How many rules the person meets (cohort not checked); allocates nothing. */
  countRulesMet(profile: PersonProfile): number;
  /** The person's entry when in the cohort, alive and meeting at least one rule; otherwise null. */
  evaluate(profile: PersonProfile): CaseFindingEntry | null;
}

/**
 * Validates a trigger rule set and compiles its cohort and rules to predicates, with an explainer per
 * rule used only for the people who are listed. Throws SEAMLESS_ERR_ANALYTICS_INVALID_TRIGGER_RULES
 * listing every problem.
 */
export function compileTriggerRules(ruleSet: TriggerRuleSet, options: TriggerRuleOptions = {}): CompiledTriggerRules {
  const problems = validateTriggerRules(ruleSet, options);
  if (problems.length > 0) throw rulesError(INVALID_TRIGGER_RULES, `The trigger rules '${String(ruleSet?.label)}'`, problems);
  const criteriaOptions: CriteriaOptions = { ...options, segmentMeaning: 'assigned' };
  const fields = criteriaFieldRegistry(criteriaOptions);
  const inCohort = compileValidCriteria(ruleSet.cohort, fields);
  const predicates = ruleSet.rules.map((r) => compileValidCriteria(r.criteria, fields));
  const explainers = ruleSet.rules.map((r) => compileReasons(r.criteria, criteriaOptions));
  const n = predicates.length;
  const countRulesMet = (profile: PersonProfile): number => {
    let count = 0;
    for (let i = 0; i < n; i++) if (predicates[i]!(profile)) count++;
    return count;
  };
  return {
    versionId: triggerRulesVersionId(ruleSet),
    label: ruleSet.label,
    effectiveFrom: ruleSet.effectiveFrom,
    rules: ruleSet.rules.map((r) => ({ key: r.key, label: r.label })),
    options,
    inCohort,
    countRulesMet,
    evaluate(profile) {
      if (profile.facts.dead || !inCohort(profile) || countRulesMet(profile) === 0) return null;
      const rulesMet: TriggerHit[] = [];
      ruleSet.rules.forEach((rule, i) => {
        if (!predicates[i]!(profile)) return;
        rulesMet.push({ key: rule.key, label: rule.label, explanation: explainers[i]!(profile).join('; ') });
      });
      return {
        personId: profile.facts.personId,
        rulesMet,
        riskValue: profile.scores.emergency_admission_risk?.value ?? null,
        riskPercentile: profile.riskPercentile ?? null,
        segment: profile.segment ?? null,
      };
    },
  };
}

export interface CaseFindingOptions {
  /**
   * The team's population as criteria, e.g. {"field": "gpPracticeCode", "op": "in", "value": [...]}
   * or a locality; without it the whole place is screened.
   */
  team?: Criteria | undefined;
  /** Keep only the first this many entries (after sorting). */
  limit?: number | undefined;
}

/**
 * The case-finding list for a team: living people in the team's population and the rule set's cohort
 * who meet at least one trigger rule, each with the rules met and why, sorted by the number of rules
 * met, then predicted risk (then percentile, then person id, so the order is stable). People who have
 * died are never listed, whatever the cohort says.
 */
export function buildCaseFindingList(rules: CompiledTriggerRules, profiles: Iterable<PersonProfile>, options: CaseFindingOptions = {}): CaseFindingList {
  const inTeam = options.team === undefined ? undefined : compileCriteria(options.team, { ...rules.options, segmentMeaning: 'assigned' });
  const { inCohort } = rules;
  let screened = 0;
  const entries: CaseFindingEntry[] = [];
  for (const profile of profiles) {
    if (profile.facts.dead || (inTeam && !inTeam(profile)) || !inCohort(profile)) continue;
    screened++;
    if (rules.countRulesMet(profile) === 0) continue;
    const entry = rules.evaluate(profile);
    if (entry) entries.push(entry);
  }
  entries.sort(compareEntries);
  return {
    ruleSetVersion: rules.versionId,
    ruleSetLabel: rules.label,
    effectiveFrom: rules.effectiveFrom,
    screened,
    entries: options.limit === undefined ? entries : entries.slice(0, Math.max(0, options.limit)),
  };
}

function compareEntries(a: CaseFindingEntry, b: CaseFindingEntry): number {
  return b.rulesMet.length - a.rulesMet.length
    || descendingNullsLast(a.riskValue, b.riskValue)
    || descendingNullsLast(a.riskPercentile, b.riskPercentile)
    || a.personId - b.personId;
}

function descendingNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

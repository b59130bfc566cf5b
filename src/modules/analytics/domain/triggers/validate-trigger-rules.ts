import type { CriteriaOptions } from '../criteria/criteria.types.ts';
import { checkRuleSetHeader, RULE_KEY_PATTERN, type RuleProblem } from '../criteria/rule-problems.ts';
import { validateCriteria } from '../criteria/validate-criteria.ts';

/** A place's vocabulary for trigger criteria: segment keys of the segmentation in force, condition keys, score bands. */
export type TriggerRuleOptions = Pick<CriteriaOptions, 'segmentKeys' | 'conditionKeys' | 'scoreBands'>;

const RULE_KEYS = new Set(['key', 'label', 'description', 'criteria']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every problem with a trigger rule set (parsed JSON): label and date, the cohort criteria, and each
 * rule's key (unique), label and criteria (see validateCriteria, contradictions included).
 */
export function validateTriggerRules(ruleSet: unknown, options: TriggerRuleOptions = {}): RuleProblem[] {
  if (!isRecord(ruleSet)) return [{ path: '$', code: 'invalid_shape', message: 'a trigger rule set is an object with label, effectiveFrom, cohort and rules' }];
  const out: RuleProblem[] = [];
  checkRuleSetHeader(ruleSet, out);
  const criteriaOptions: CriteriaOptions = { ...options, segmentMeaning: 'assigned' };
  if (!('cohort' in ruleSet)) {
    out.push({ path: 'cohort', code: 'invalid_shape', message: 'the rule set needs a cohort to apply the rules to, e.g. {"field": "riskPercentile", "op": ">=", "value": 90}' });
  } else {
    out.push(...validateCriteria(ruleSet.cohort, { ...criteriaOptions, path: 'cohort' }));
  }
  const rules = ruleSet.rules;
  if (!Array.isArray(rules) || rules.length === 0) {
    out.push({ path: 'rules', code: 'no_rules', message: 'a trigger rule set needs at least one rule' });
    return out;
  }
  const firstIndex = new Map<string, number>();
  rules.forEach((rule: unknown, i) => {
    const path = `rules[${i}]`;
    if (!isRecord(rule)) {
      out.push({ path, code: 'invalid_shape', message: 'a trigger rule is an object with key, label and criteria' });
      return;
    }
    for (const k of Object.keys(rule)) {
      if (!RULE_KEYS.has(k)) out.push({ path: `${path}.${k}`, code: 'unknown_key', message: `unknown rule property '${k}': a rule has key, label, description and criteria` });
    }
    const key = rule.key;
    if (typeof key !== 'string' || !RULE_KEY_PATTERN.test(key)) {
      out.push({ path: `${path}.key`, code: 'invalid_key', message: `rule key ${JSON.stringify(key)} must be lower case letters, digits and underscores, starting with a letter (e.g. "falls")` });
    } else if (firstIndex.has(key)) {
      out.push({ path: `${path}.key`, code: 'duplicate_key', message: `rule key '${key}' is used by rules[${firstIndex.get(key)}] and rules[${i}]; each rule needs its own key` });
    } else {
      firstIndex.set(key, i);
    }
    if (typeof rule.label !== 'string' || rule.label.trim() === '') {
      out.push({ path: `${path}.label`, code: 'missing_label', message: 'each rule needs a label people will read, e.g. "2 or more falls in the past year"' });
    }
    out.push(...validateCriteria(rule.criteria, { ...criteriaOptions, path: `${path}.criteria` }));
  });
  return out;
}

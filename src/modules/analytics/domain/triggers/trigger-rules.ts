import type { Criteria } from '../criteria/criteria.types.ts';
import { ruleVersionId } from '../criteria/rule-version.ts';

/**
 * Trigger rules for case finding: each rule is a criteria tree (usually one threshold) that flags a
 * person for a multidisciplinary team's attention; the rule set applies them to a cohort (by default
 * the top 10% by predicted risk of emergency admission).
 */
export interface TriggerRule {
  /** Lower case letters, digits and underscores, starting with a letter: 'unplanned_admissions'. */
  key: string;
  label: string;
  description?: string | undefined;
  criteria: Criteria;
}

export interface TriggerRuleSet {
  /** The human version label, e.g. 'Case finding 2026/27'. */
  label: string;
  /** The date (ISO) from which this version applies. */
  effectiveFrom: string;
  /** Who the rules are applied to, e.g. riskPercentile >= 90 (the top 10% by predicted risk). */
  cohort: Criteria;
  rules: TriggerRule[];
}

/**
 * The thresholds of the default rules, each "this many or more":
 *
 * - emergencyAdmissions 2: two unplanned admissions in a year (the product brief's example, and the
 *   usual trigger for case management review).
 * - falls 2: two or more falls in a year, i.e. recurrent falls, for which NICE guidance on falls in
 *   older people (CG161, 2013) recommends a multifactorial falls risk assessment.
 * - unstableConditions 2: two or more long-term conditions with an emergency admission or A&E
 *   attendance for them in the year (PersonFacts.unstableConditions).
 * - medications 5: five or more current medicines, the polypharmacy threshold the eFI uses (Clegg 2016).
 * - aeAttendances 5: a frequent A&E attender makes more than four attendances a year, as proposed
 *   by Locker TE et al., Defining frequent use of an urban emergency department, Emerg Med J
 *   2007;24(6):398–401 (Sheffield; the cut where attendances stop looking like chance). Published
 *   definitions range from 3 to 12 a year, so this is a local choice to review.
 * - cohortRiskPercentile 90: the top 10% by predicted risk of emergency admission.
 */
export interface TriggerThresholds {
  emergencyAdmissions: number;
  falls: number;
  unstableConditions: number;
  medications: number;
  aeAttendances: number;
  cohortRiskPercentile: number;
}

export const DEFAULT_TRIGGER_THRESHOLDS: Readonly<TriggerThresholds> = {
  emergencyAdmissions: 2,
  falls: 2,
  unstableConditions: 2,
  medications: 5,
  aeAttendances: 5,
  cohortRiskPercentile: 90,
};

export interface TriggerRuleSetHeader {
  label?: string | undefined;
  effectiveFrom?: string | undefined;
}

/** The default rules with some thresholds changed, e.g. `{ aeAttendances: 4 }`. */
export function buildTriggerRuleSet(thresholds: Partial<TriggerThresholds> = {}, header: TriggerRuleSetHeader = {}): TriggerRuleSet {
  const t = { ...DEFAULT_TRIGGER_THRESHOLDS, ...thresholds };
  return {
    label: header.label ?? 'Case finding (Seamless default)',
    effectiveFrom: header.effectiveFrom ?? '2025-04-01',
    cohort: { field: 'riskPercentile', op: '>=', value: t.cohortRiskPercentile },
    rules: [
      {
        key: 'unplanned_admissions', label: `${t.emergencyAdmissions} or more unplanned admissions in the past year`,
        criteria: { field: 'emergencyAdmissions12m', op: '>=', value: t.emergencyAdmissions },
      },
      {
        key: 'falls', label: `${t.falls} or more falls in the past year`,
        criteria: { field: 'falls12m', op: '>=', value: t.falls },
      },
      {
        key: 'unstable_conditions', label: `${t.unstableConditions} or more unstable long-term conditions`,
        description: 'Long-term conditions with an emergency admission or A&E attendance for them in the past year.',
        criteria: { field: 'unstableConditions.count', op: '>=', value: t.unstableConditions },
      },
      {
        key: 'polypharmacy', label: `${t.medications} or more medications`,
        criteria: { field: 'medicationCount', op: '>=', value: t.medications },
      },
      {
        key: 'frequent_ae_attender', label: `Frequent A&E attender (${t.aeAttendances} or more attendances in the past year)`,
        criteria: { field: 'aeAttendances12m', op: '>=', value: t.aeAttendances },
      },
    ],
  };
}

export const DEFAULT_TRIGGER_RULES: TriggerRuleSet = buildTriggerRuleSet();

/**
 * The version id of a trigger rule set: a hash of its cohort and rules, so the same rules always have
 * the same id and a changed threshold gives a new one. The label and effective date are not hashed.
 */
export function triggerRulesVersionId(ruleSet: TriggerRuleSet): string {
  return ruleVersionId('trg', { cohort: ruleSet.cohort, rules: ruleSet.rules });
}

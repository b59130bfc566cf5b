import type { PersonProfile } from '../person-profile.ts';
import type { ScoreName } from '../score-result.ts';

/**
 * The criteria language shared by segments, trigger rules and cohorts: a JSON condition tree.
 *
 *   { "all": [ … ] }                     every condition holds (and)
 *   { "any": [ … ] }                     at least one holds (or)
 *   { "not": { … } }                     the condition does not hold
 *   { "field": "age", "op": ">=", "value": 80 }
 *   { "field": "scores.efi.band", "op": "in", "value": ["moderate", "severe"] }
 *   { "field": "longTermConditions", "op": "contains", "value": "copd" }
 *   { "field": "age", "op": "isUnknown" }
 *
 * A comparison on a value that is not recorded (unknown age, no score, not yet risk-scored) is false,
 * and `not` turns it true: `not (age >= 80)` includes people whose age is unknown, `age < 80` does not.
 * Fields and the operators each allows are listed in criteria-fields.ts (CRITERIA_FIELDS).
 */
export type Criteria = AllCriteria | AnyCriteria | NotCriteria | FieldCriterion | CodeCriterion;

export interface AllCriteria {
  all: Criteria[];
}

export interface AnyCriteria {
  any: Criteria[];
}

export interface NotCriteria {
  not: Criteria;
}

export type NumberOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ChoiceOperator = '=' | '!=' | 'in' | 'notIn';
export type ListOperator = 'contains' | 'containsAny' | 'containsAll';
export type PresenceOperator = 'isKnown' | 'isUnknown';
export type CriteriaOperator = NumberOperator | ChoiceOperator | ListOperator | PresenceOperator;

export const CRITERIA_OPERATORS: readonly CriteriaOperator[] = [
  '=', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'contains', 'containsAny', 'containsAll', 'isKnown', 'isUnknown',
];

export type CriterionValue = number | string | boolean | string[];

export interface FieldCriterion {
  field: string;
  op: CriteriaOperator;
  /** Absent for isKnown / isUnknown. */
  value?: CriterionValue;
}

/**
 * A criterion naming clinical codes. It is validated (the system must be one Seamless knows and each
 * code valid in it) but never compiled: a PersonProfile carries condition keys, not codes, so code
 * criteria are rejected with a message pointing to `longTermConditions`. The shape is kept so that a
 * saved definition using codes fails loudly instead of silently matching nobody.
 */
export interface CodeCriterion {
  hasCode: { system: string; codes: string[] };
}

/** A compiled criteria tree: a plain function, built once, applied to every person. */
export type ProfilePredicate = (profile: PersonProfile) => boolean;

/**
 * How the field `segment` is read. 'assigned' (cohorts, triggers): the segment the person was given.
 * 'criteria' (inside a segmentation rule set): the person meets that segment's criteria, whatever
 * segment they were finally assigned.
 */
export type SegmentMeaning = 'assigned' | 'criteria';

export interface CriteriaOptions {
  /** Segment keys that `segment` may name; when absent any non-empty key is accepted. */
  segmentKeys?: readonly string[] | undefined;
  segmentMeaning?: SegmentMeaning | undefined;
  /** Condition keys that `longTermConditions` / `unstableConditions` may name; when absent any key is accepted. */
  conditionKeys?: readonly string[] | undefined;
  /** Bands each score may take, replacing the defaults in criteria-fields.ts for the scores named. */
  scoreBands?: Partial<Record<ScoreName, readonly string[]>> | undefined;
}

import type { PersonProfile } from '../person-profile.ts';
import type { ScoreName } from '../score-result.ts';
import type { CriteriaOperator, CriteriaOptions } from './criteria.types.ts';

/**
 * The fields criteria may name: each with its type, the operators it allows, how it is read from a
 * PersonProfile and how its value is put in plain words. The cohort builder lists CRITERIA_FIELDS;
 * validation, compilation and explanation all read this one registry.
 */
export type CriteriaFieldType = 'number' | 'boolean' | 'text' | 'choice' | 'list';

interface FieldBase {
  name: string;
  /** Plain words for the field, e.g. 'emergency admissions in the past year'. */
  label: string;
  operators: readonly CriteriaOperator[];
  /** True when the value can be unrecorded for a person (unknown age, no score). */
  nullable: boolean;
}

export interface NumberField extends FieldBase {
  type: 'number';
  /** Whole numbers only (counts, age): `age > 79` is the same as `age >= 80`. */
  integer: boolean;
  min?: number | undefined;
  max?: number | undefined;
  read: (profile: PersonProfile) => number | null | undefined;
  /** The value in words, e.g. '3 emergency admissions in the past year'. */
  describe: (value: number) => string;
  /** A threshold in the field's units, e.g. '£50.00' for a weekly cost in pence. */
  format: (value: number) => string;
}

export interface BooleanField extends FieldBase {
  type: 'boolean';
  read: (profile: PersonProfile) => boolean;
  whenTrue: string;
  whenFalse: string;
}

export interface TextField extends FieldBase {
  type: 'text';
  read: (profile: PersonProfile) => string | null | undefined;
}

export interface ChoiceField extends FieldBase {
  type: 'choice';
  /** The allowed values, or null when any non-empty value is accepted. */
  values: readonly string[] | null;
  valueLabels?: Readonly<Record<string, string>> | undefined;
  read: (profile: PersonProfile) => string | null | undefined;
}

export interface ListField extends FieldBase {
  type: 'list';
  /** The allowed items (condition keys), or null when any non-empty key is accepted. */
  values: readonly string[] | null;
  /** The numeric field counting the items, e.g. 'longTermConditions.count'. */
  countField: string;
  read: (profile: PersonProfile) => readonly string[];
}

export type CriteriaField = NumberField | BooleanField | TextField | ChoiceField | ListField;

const NUMBER_OPS: readonly CriteriaOperator[] = ['=', '!=', '<', '<=', '>', '>='];
const NULLABLE_NUMBER_OPS: readonly CriteriaOperator[] = [...NUMBER_OPS, 'isKnown', 'isUnknown'];
const CHOICE_OPS: readonly CriteriaOperator[] = ['=', '!=', 'in', 'notIn'];
const NULLABLE_CHOICE_OPS: readonly CriteriaOperator[] = [...CHOICE_OPS, 'isKnown', 'isUnknown'];
const BOOLEAN_OPS: readonly CriteriaOperator[] = ['=', '!='];
const LIST_OPS: readonly CriteriaOperator[] = ['contains', 'containsAny', 'containsAll'];

export const SCORE_NAMES: readonly ScoreName[] = ['hfrs', 'efi', 'charlson', 'charlson_quan', 'lace', 'emergency_admission_risk'];

const SCORE_LABELS: Record<ScoreName, string> = {
  hfrs: 'Hospital Frailty Risk Score',
  efi: 'electronic Frailty Index',
  charlson: 'Charlson index',
  charlson_quan: 'Charlson index (Quan 2011 weights)',
  lace: 'LACE index',
  emergency_admission_risk: 'predicted risk of emergency admission',
};

/**
 * Published bands per score. HFRS: Gilbert 2018 (low < 5, intermediate 5–15, high > 15). eFI: Clegg
 * 2016 (fit, mild, moderate, severe). LACE: van Walraven 2010 is usually banded low 0–4, moderate
 * 5–9, high ≥ 10. Charlson and the predicted risk have no bands: compare their value, or use
 * riskPercentile. A place whose score definitions band differently passes CriteriaOptions.scoreBands.
 */
export const DEFAULT_SCORE_BANDS: Readonly<Partial<Record<ScoreName, readonly string[]>>> = {
  hfrs: ['low', 'intermediate', 'high'],
  efi: ['fit', 'mild', 'moderate', 'severe'],
  lace: ['low', 'moderate', 'high'],
};

const plain = (value: number) => String(value);

function countField(
  name: string,
  singular: string,
  plural: string,
  read: (profile: PersonProfile) => number,
): NumberField {
  return {
    name, type: 'number', label: plural, operators: NUMBER_OPS, nullable: false, integer: true, min: 0, read,
    describe: (n) => `${n} ${n === 1 ? singular : plural}`,
    format: plain,
  };
}

function booleanField(name: string, label: string, whenTrue: string, whenFalse: string, read: (p: PersonProfile) => boolean): BooleanField {
  return { name, type: 'boolean', label, operators: BOOLEAN_OPS, nullable: false, read, whenTrue, whenFalse };
}

function percentile(name: string, label: string, read: (p: PersonProfile) => number | null | undefined): NumberField {
  return {
    name, type: 'number', label, operators: NULLABLE_NUMBER_OPS, nullable: true, integer: false, min: 0, max: 100, read,
    describe: (v) => `${label} ${v}`,
    format: plain,
  };
}

function change(name: string, label: string, read: (p: PersonProfile) => number | null): NumberField {
  return {
    name, type: 'number', label, operators: NULLABLE_NUMBER_OPS, nullable: true, integer: false, read,
    describe: (v) => `${label} ${v > 0 ? '+' : ''}${v}`,
    format: plain,
  };
}

const SEX_LABELS: Readonly<Record<string, string>> = { '1': 'male', '2': 'female', '9': 'indeterminate', X: 'not known' };

function listField(name: string, label: string, read: (p: PersonProfile) => readonly string[], conditionKeys: readonly string[] | null): ListField {
  return { name, type: 'list', label, operators: LIST_OPS, nullable: false, values: conditionKeys, countField: `${name}.count`, read };
}

function scoreFields(score: ScoreName, bands: readonly string[] | undefined): CriteriaField[] {
  const label = SCORE_LABELS[score];
  const value: NumberField = {
    name: `scores.${score}.value`, type: 'number', label, operators: NULLABLE_NUMBER_OPS, nullable: true, integer: false, min: 0,
    read: (p) => p.scores[score]?.value,
    describe: (v) => `${label} ${v}`,
    format: plain,
  };
  if (!bands) return [value];
  const band: ChoiceField = {
    name: `scores.${score}.band`, type: 'choice', label: `${label} band`, operators: NULLABLE_CHOICE_OPS, nullable: true,
    values: bands, read: (p) => p.scores[score]?.band,
  };
  return [value, band];
}

/** a − b rounded to 9 decimal places, so a rise from 0.10 to 0.12 is 0.02 and meets `>= 0.02` (binary floating point says 0.0199…). */
function difference(a: number, b: number): number {
  return Math.round((a - b) * 1e9) / 1e9;
}

function riskValue(p: PersonProfile): number | undefined {
  return p.scores.emergency_admission_risk?.value;
}

/** Every field criteria may name, given the segment keys, condition keys and score bands in force. */
export function buildCriteriaFields(options: CriteriaOptions = {}): CriteriaField[] {
  const conditions = options.conditionKeys ?? null;
  const fields: CriteriaField[] = [
    {
      name: 'age', type: 'number', label: 'age', operators: NULLABLE_NUMBER_OPS, nullable: true, integer: true, min: 0,
      read: (p) => p.facts.age, describe: (v) => `aged ${v}`, format: plain,
    },
    {
      name: 'sex', type: 'choice', label: 'sex', operators: CHOICE_OPS, nullable: false,
      values: ['1', '2', '9', 'X'], valueLabels: SEX_LABELS, read: (p) => p.facts.sex,
    },
    { name: 'localityCode', type: 'text', label: 'locality', operators: NULLABLE_CHOICE_OPS, nullable: true, read: (p) => p.facts.localityCode },
    { name: 'gpPracticeCode', type: 'text', label: 'GP practice', operators: NULLABLE_CHOICE_OPS, nullable: true, read: (p) => p.facts.gpPracticeCode },
    booleanField('dead', 'died', 'died', 'alive', (p) => p.facts.dead),
    listField('longTermConditions', 'long-term conditions', (p) => p.facts.longTermConditions, conditions),
    countField('longTermConditions.count', 'long-term condition', 'long-term conditions', (p) => p.facts.longTermConditions.length),
    listField('unstableConditions', 'unstable long-term conditions', (p) => p.facts.unstableConditions, conditions),
    countField('unstableConditions.count', 'unstable long-term condition', 'unstable long-term conditions', (p) => p.facts.unstableConditions.length),
    countField('medicationCount', 'current medication', 'current medications', (p) => p.facts.medicationCount),
    countField('emergencyAdmissions12m', 'emergency admission in the past year', 'emergency admissions in the past year', (p) => p.facts.emergencyAdmissions12m),
    countField('electiveAdmissions12m', 'elective admission in the past year', 'elective admissions in the past year', (p) => p.facts.electiveAdmissions12m),
    countField('bedDays12m', 'hospital bed day in the past year', 'hospital bed days in the past year', (p) => p.facts.bedDays12m),
    countField('aeAttendances12m', 'A&E attendance in the past year', 'A&E attendances in the past year', (p) => p.facts.aeAttendances12m),
    countField('outpatientAppointments12m', 'outpatient appointment in the past year', 'outpatient appointments in the past year', (p) => p.facts.outpatientAppointments12m),
    countField('falls12m', 'fall in the past year', 'falls in the past year', (p) => p.facts.falls12m),
    countField('communityContacts12m', 'community contact in the past year', 'community contacts in the past year', (p) => p.facts.communityContacts12m),
    countField('mentalHealthContacts12m', 'mental health contact in the past year', 'mental health contacts in the past year', (p) => p.facts.mentalHealthContacts12m),
    countField('ambulanceContacts12m', 'ambulance contact in the past year', 'ambulance contacts in the past year', (p) => p.facts.ambulanceContacts12m),
    countField('nhs111Contacts12m', 'NHS 111 contact in the past year', 'NHS 111 contacts in the past year', (p) => p.facts.nhs111Contacts12m),
    booleanField('knownToSocialCare', 'known to social care', 'known to social care', 'not known to social care', (p) => p.facts.knownToSocialCare),
    booleanField('receivingSocialCare', 'receiving social care', 'receiving social care', 'not receiving social care', (p) => p.facts.receivingSocialCare),
    {
      name: 'socialCareWeeklyCostPence', type: 'number', label: 'weekly social care cost', operators: NUMBER_OPS, nullable: false,
      integer: true, min: 0, read: (p) => p.facts.socialCareWeeklyCostPence,
      describe: (v) => `social care costing ${pounds(v)} a week`, format: pounds,
    },
    booleanField('endOfLife', 'end of life', 'at end of life', 'not at end of life', (p) => p.facts.endOfLife),
    {
      name: 'segment', type: 'choice', label: 'segment', nullable: options.segmentMeaning !== 'criteria',
      operators: options.segmentMeaning === 'criteria' ? CHOICE_OPS : NULLABLE_CHOICE_OPS,
      values: options.segmentKeys ?? null, read: (p) => p.segment,
    },
    percentile('riskPercentile', 'risk percentile', (p) => p.riskPercentile),
    percentile('previousRiskPercentile', 'previous risk percentile', (p) => p.previousRiskPercentile),
    {
      name: 'previousRiskValue', type: 'number', label: 'previous predicted risk', operators: NULLABLE_NUMBER_OPS, nullable: true,
      integer: false, min: 0, read: (p) => p.previousRiskValue, describe: (v) => `previous predicted risk ${v}`, format: plain,
    },
    change('riskPercentileChange', 'change in risk percentile since the previous scoring', (p) =>
      p.riskPercentile == null || p.previousRiskPercentile == null ? null : difference(p.riskPercentile, p.previousRiskPercentile)),
    change('riskValueChange', 'change in predicted risk since the previous scoring', (p) => {
      const now = riskValue(p);
      return now == null || p.previousRiskValue == null ? null : difference(now, p.previousRiskValue);
    }),
  ];
  const bands = { ...DEFAULT_SCORE_BANDS, ...options.scoreBands };
  for (const score of SCORE_NAMES) fields.push(...scoreFields(score, bands[score]));
  return fields;
}

function pounds(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}

/** The fields with the default options: what a cohort builder lists. */
export const CRITERIA_FIELDS: readonly CriteriaField[] = buildCriteriaFields();

const DEFAULT_REGISTRY = new Map(CRITERIA_FIELDS.map((f) => [f.name, f]));

/** The field registry for a set of options, keyed by field name (the default one is shared). */
export function criteriaFieldRegistry(options: CriteriaOptions = {}): ReadonlyMap<string, CriteriaField> {
  if (!options.segmentKeys && !options.conditionKeys && !options.scoreBands && options.segmentMeaning !== 'criteria') {
    return DEFAULT_REGISTRY;
  }
  return new Map(buildCriteriaFields(options).map((f) => [f.name, f]));
}

/** A value of a choice field in words ('2' → 'female'). */
export function choiceLabel(field: ChoiceField, value: string): string {
  return field.valueLabels?.[value] ?? value;
}

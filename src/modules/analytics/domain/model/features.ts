import { badRequest } from '../../../../kernel/errors.ts';
import type { PersonFacts } from '../person-facts.ts';

/**
 * The features of the predictive model of an emergency admission in the next 12 months: each one a
 * number computed from a person's facts as of one date (PersonFacts) and, optionally, the values of
 * the published scores computed for them on the same date.
 *
 * Each feature has a stable key (what a trained model stores), a description of how the value is
 * computed (shown in the model report), the explanation factor it belongs to and a plain-English label
 * for a person's explanation ("2 emergency admissions in the last year"). Features that describe the
 * same fact share a factor, so the explanation of a 34-year-old says "Aged 34" once instead of listing
 * six age-band indicators.
 *
 * Choices, so that a linear model on the log-odds scale stays interpretable and robust:
 * - Age enters as band indicators against the 18–49 reference (no splines: a clinician can read each
 *   band's odds ratio). An unknown age has its own indicator.
 * - Counts of activity are capped (values above the cap count as the cap), so a handful of extreme
 *   users cannot dominate a linear term. Heavy-tailed amounts (bed days, outpatient, community and
 *   mental health contacts, weekly cost) enter as log(1 + value), so the tenth contact adds less than
 *   the first. The domains (hospital, A&E and outpatient use, GP-recorded conditions and medicines,
 *   social care) are those of the NHS Combined Predictive Model (Wennberg et al., Combined Predictive
 *   Model: final report, King's Fund, 2006), with community, ambulance and 111 contacts added.
 * - A score value that was not supplied counts as 0 (no points), which is what HFRS, eFI and Charlson
 *   give a person with no qualifying codes.
 *
 * Changing what a key computes changes what every model trained on it means: bump
 * EMERGENCY_ADMISSION_FEATURE_SET when you do, and models trained on the old set are refused.
 */
export const EMERGENCY_ADMISSION_FEATURE_SET = 'ear-features-1';

/** Values of other scores for the same person on the same date, when they were computed. */
export interface ModelScoreInputs {
  /** Hospital Frailty Risk Score points (Gilbert et al. 2018). */
  hfrs?: number | undefined;
  /** Number of electronic Frailty Index deficits present, 0–36 (Clegg et al. 2016). */
  efiDeficits?: number | undefined;
  /** Charlson comorbidity index (Quan 2011 weights when both are available). */
  charlson?: number | undefined;
}

export interface ModelFeature {
  /** Stable key stored with a trained model, snake_case. */
  readonly key: string;
  /** How the value is computed, for the model report. */
  readonly description: string;
  /** The explanation factor this feature is summed into. */
  readonly factor: string;
  /** The person's value of this factor in plain English, e.g. '2 emergency admissions in the last year'. */
  readonly label: (facts: PersonFacts, scores: ModelScoreInputs | undefined) => string;
  /** The feature's value for the person. Pure and cheap: this runs for every person on every run. */
  readonly value: (facts: PersonFacts, scores: ModelScoreInputs | undefined) => number;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const countLabel = (n: number, one: string, many: string, rest: string): string =>
  n === 0 ? `No ${many} ${rest}` : `${plural(n, one, many)} ${rest}`;
const capped = (value: number, cap: number): number => (value > cap ? cap : value < 0 ? 0 : value);
const logCapped = (value: number, cap: number): number => Math.log1p(capped(value, cap));
const indicator = (yes: boolean): number => (yes ? 1 : 0);

const ageLabel = (f: PersonFacts): string => (f.age === null ? 'Age not known' : `Aged ${f.age}`);
const ageBand = (key: string, text: string, lower: number, upper: number): ModelFeature => ({
  key,
  description: `1 when aged ${text}, else 0 (reference: aged 18–49)`,
  factor: 'age',
  label: ageLabel,
  value: (f) => indicator(f.age !== null && f.age >= lower && f.age <= upper),
});

const sexLabel = (f: PersonFacts): string => (f.sex === '2' ? 'Female' : f.sex === '1' ? 'Male' : 'Sex not known or not specified');

const CONDITION_NAMES: Record<string, string> = {
  heart_failure: 'Heart failure',
  copd: 'COPD',
  dementia: 'Dementia',
  ckd: 'Chronic kidney disease',
  cancer: 'Cancer',
  diabetes: 'Diabetes',
  atrial_fibrillation: 'Atrial fibrillation',
  serious_mental_illness: 'Serious mental illness',
};
const condition = (conditionKey: string): ModelFeature => {
  const name = CONDITION_NAMES[conditionKey] ?? conditionKey;
  return {
    key: `condition_${conditionKey}`,
    description: `1 when '${conditionKey}' is among the long-term conditions recorded, else 0`,
    factor: `condition_${conditionKey}`,
    label: (f) => (f.longTermConditions.includes(conditionKey) ? name : `No ${name.charAt(0).toLowerCase()}${name.slice(1)} recorded`),
    value: (f) => indicator(f.longTermConditions.includes(conditionKey)),
  };
};

const medicinesLabel = (f: PersonFacts): string =>
  f.medicationCount === 0 ? 'No medicines prescribed in the last year' : `${plural(f.medicationCount, 'medicine', 'medicines')} prescribed in the last year`;

const pounds = (pence: number): string => `£${Math.round(pence / 100).toLocaleString('en-GB')}`;
const socialCareLabel = (f: PersonFacts): string =>
  f.receivingSocialCare
    ? f.socialCareWeeklyCostPence > 0 ? `Receiving adult social care (${pounds(f.socialCareWeeklyCostPence)} a week)` : 'Receiving adult social care'
    : f.knownToSocialCare ? 'Known to adult social care, no service open' : 'Not known to adult social care';

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Every feature the model can use, in the order a model trained with the defaults stores them. */
export const EMERGENCY_ADMISSION_FEATURES: readonly ModelFeature[] = [
  ageBand('age_0_4', '0–4', 0, 4),
  ageBand('age_5_17', '5–17', 5, 17),
  ageBand('age_50_64', '50–64', 50, 64),
  ageBand('age_65_74', '65–74', 65, 74),
  ageBand('age_75_84', '75–84', 75, 84),
  ageBand('age_85_plus', '85 or over', 85, Number.POSITIVE_INFINITY),
  {
    key: 'age_unknown',
    description: '1 when the date of birth is not known, else 0',
    factor: 'age',
    label: ageLabel,
    value: (f) => indicator(f.age === null),
  },
  {
    key: 'sex_female',
    description: "1 when stated gender is female ('2'), else 0",
    factor: 'sex',
    label: sexLabel,
    value: (f) => indicator(f.sex === '2'),
  },
  {
    key: 'emergency_admissions_12m',
    description: 'Emergency admissions in the last 12 months, capped at 5',
    factor: 'emergency_admissions_12m',
    label: (f) => countLabel(f.emergencyAdmissions12m, 'emergency admission', 'emergency admissions', 'in the last year'),
    value: (f) => capped(f.emergencyAdmissions12m, 5),
  },
  {
    key: 'elective_admissions_12m',
    description: 'Planned (elective) admissions in the last 12 months, capped at 5',
    factor: 'elective_admissions_12m',
    label: (f) => countLabel(f.electiveAdmissions12m, 'planned admission', 'planned admissions', 'in the last year'),
    value: (f) => capped(f.electiveAdmissions12m, 5),
  },
  {
    key: 'bed_days_12m',
    description: 'log(1 + bed days in hospital in the last 12 months), bed days capped at 365',
    factor: 'bed_days_12m',
    label: (f) => (f.bedDays12m === 0 ? 'No days in hospital in the last year' : `${plural(f.bedDays12m, 'day', 'days')} in hospital in the last year`),
    value: (f) => logCapped(f.bedDays12m, 365),
  },
  {
    key: 'ae_attendances_12m',
    description: 'A&E attendances in the last 12 months, capped at 10',
    factor: 'ae_attendances_12m',
    label: (f) => countLabel(f.aeAttendances12m, 'A&E attendance', 'A&E attendances', 'in the last year'),
    value: (f) => capped(f.aeAttendances12m, 10),
  },
  {
    key: 'outpatient_appointments_12m',
    description: 'log(1 + outpatient appointments in the last 12 months), appointments capped at 100',
    factor: 'outpatient_appointments_12m',
    label: (f) => countLabel(f.outpatientAppointments12m, 'outpatient appointment', 'outpatient appointments', 'in the last year'),
    value: (f) => logCapped(f.outpatientAppointments12m, 100),
  },
  {
    key: 'long_term_conditions',
    description: 'Number of long-term conditions recorded, capped at 10',
    factor: 'long_term_conditions',
    label: (f) => countLabel(f.longTermConditions.length, 'long-term condition', 'long-term conditions', 'recorded'),
    value: (f) => capped(f.longTermConditions.length, 10),
  },
  {
    key: 'unstable_conditions',
    description: 'Long-term conditions with emergency care for them in the last 12 months, capped at 5',
    factor: 'unstable_conditions',
    label: (f) => countLabel(f.unstableConditions.length, 'unstable long-term condition', 'unstable long-term conditions', '(emergency care for them in the last year)'),
    value: (f) => capped(f.unstableConditions.length, 5),
  },
  condition('heart_failure'),
  condition('copd'),
  condition('dementia'),
  condition('ckd'),
  condition('cancer'),
  condition('diabetes'),
  condition('atrial_fibrillation'),
  condition('serious_mental_illness'),
  {
    key: 'medication_count',
    description: 'Distinct medicines prescribed in the last 12 months, capped at 20',
    factor: 'medicines',
    label: medicinesLabel,
    value: (f) => capped(f.medicationCount, 20),
  },
  {
    key: 'polypharmacy_10_plus',
    description: '1 when 10 or more distinct medicines were prescribed in the last 12 months, else 0',
    factor: 'medicines',
    label: medicinesLabel,
    value: (f) => indicator(f.medicationCount >= 10),
  },
  {
    key: 'falls_12m',
    description: 'Falls recorded in the last 12 months, capped at 5',
    factor: 'falls_12m',
    label: (f) => countLabel(f.falls12m, 'fall', 'falls', 'recorded in the last year'),
    value: (f) => capped(f.falls12m, 5),
  },
  {
    key: 'community_contacts_12m',
    description: 'log(1 + community health contacts in the last 12 months), contacts capped at 365',
    factor: 'community_contacts_12m',
    label: (f) => countLabel(f.communityContacts12m, 'community health contact', 'community health contacts', 'in the last year'),
    value: (f) => logCapped(f.communityContacts12m, 365),
  },
  {
    key: 'mental_health_contacts_12m',
    description: 'log(1 + mental health service contacts in the last 12 months), contacts capped at 365',
    factor: 'mental_health_contacts_12m',
    label: (f) => countLabel(f.mentalHealthContacts12m, 'mental health contact', 'mental health contacts', 'in the last year'),
    value: (f) => logCapped(f.mentalHealthContacts12m, 365),
  },
  {
    key: 'ambulance_contacts_12m',
    description: 'Ambulance service contacts in the last 12 months, capped at 10',
    factor: 'ambulance_contacts_12m',
    label: (f) => countLabel(f.ambulanceContacts12m, 'ambulance call-out', 'ambulance call-outs', 'in the last year'),
    value: (f) => capped(f.ambulanceContacts12m, 10),
  },
  {
    key: 'nhs111_contacts_12m',
    description: 'NHS 111 contacts in the last 12 months, capped at 10',
    factor: 'nhs111_contacts_12m',
    label: (f) => countLabel(f.nhs111Contacts12m, 'NHS 111 contact', 'NHS 111 contacts', 'in the last year'),
    value: (f) => capped(f.nhs111Contacts12m, 10),
  },
  {
    key: 'known_to_social_care',
    description: '1 when any adult social care request, assessment or service has been recorded, else 0',
    factor: 'social_care',
    label: socialCareLabel,
    value: (f) => indicator(f.knownToSocialCare),
  },
  {
    key: 'receiving_social_care',
    description: '1 when an adult social care service is open on the date, else 0',
    factor: 'social_care',
    label: socialCareLabel,
    value: (f) => indicator(f.receivingSocialCare),
  },
  {
    key: 'social_care_weekly_cost',
    description: 'log(1 + weekly cost in pounds of the social care services open on the date), cost capped at £5,000',
    factor: 'social_care',
    label: socialCareLabel,
    value: (f) => logCapped(f.socialCareWeeklyCostPence / 100, 5000),
  },
  {
    key: 'end_of_life',
    description: '1 when on a palliative care / end of life register or with an end of life care plan, else 0',
    factor: 'end_of_life',
    label: (f) => (f.endOfLife ? 'On an end of life care register' : 'Not on an end of life care register'),
    value: (f) => indicator(f.endOfLife),
  },
  {
    key: 'hfrs',
    description: 'Hospital Frailty Risk Score points, capped at 40; 0 when not computed',
    factor: 'hfrs',
    label: (_f, s) => (s?.hfrs ? `Hospital Frailty Risk Score ${round1(s.hfrs)}` : 'No Hospital Frailty Risk Score points'),
    value: (_f, s) => capped(s?.hfrs ?? 0, 40),
  },
  {
    key: 'efi_deficits',
    description: 'Electronic Frailty Index deficits present (0–36); 0 when not computed',
    factor: 'efi_deficits',
    label: (_f, s) => `Electronic Frailty Index: ${plural(s?.efiDeficits ?? 0, 'deficit', 'deficits')}`,
    value: (_f, s) => capped(s?.efiDeficits ?? 0, 36),
  },
  {
    key: 'charlson',
    description: 'Charlson comorbidity index, capped at 15; 0 when not computed',
    factor: 'charlson',
    label: (_f, s) => `Charlson comorbidity index ${s?.charlson ?? 0}`,
    value: (_f, s) => capped(s?.charlson ?? 0, 15),
  },
];

const BY_KEY = new Map(EMERGENCY_ADMISSION_FEATURES.map((f) => [f.key, f]));

/** The feature definitions for the keys a model stores, in the model's order; unknown keys are a clear error. */
export function resolveModelFeatures(keys: readonly string[]): ModelFeature[] {
  const seen = new Set<string>();
  return keys.map((key) => {
    const feature = BY_KEY.get(key);
    if (!feature) {
      throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_UNKNOWN_FEATURE', `The model uses a feature this version of Seamless does not define: '${key}'.`, { key });
    }
    if (seen.has(key)) {
      throw badRequest('SEAMLESS_ERR_ANALYTICS_MODEL_UNKNOWN_FEATURE', `The feature '${key}' is listed twice.`, { key });
    }
    seen.add(key);
    return feature;
  });
}

/**
 * Writes one person's feature values into row `row` of a row-major matrix with features.length columns.
 * Allocates nothing: call it once per person with the same matrix (or the same one-row scratch array).
 */
export function writeFeatureRow(
  features: readonly ModelFeature[],
  facts: PersonFacts,
  scores: ModelScoreInputs | undefined,
  matrix: Float64Array,
  row = 0,
): void {
  const width = features.length;
  const offset = row * width;
  for (let j = 0; j < width; j++) matrix[offset + j] = features[j]!.value(facts, scores);
}

/** A person as the model trainer sees them: facts as of the features date, score values, and the outcome. */
export interface ModelExample {
  facts: PersonFacts;
  scores?: ModelScoreInputs | undefined;
  /** Any emergency admission in the outcome window (features date, features date + 12 months]. */
  emergencyAdmission: boolean;
}

/** Builds the row-major feature matrix and outcome vector for a list of examples. */
export function buildFeatureMatrix(
  features: readonly ModelFeature[],
  examples: readonly ModelExample[],
): { rows: Float64Array; outcomes: Uint8Array } {
  const rows = new Float64Array(examples.length * features.length);
  const outcomes = new Uint8Array(examples.length);
  for (let i = 0; i < examples.length; i++) {
    const example = examples[i]!;
    writeFeatureRow(features, example.facts, example.scores, rows, i);
    outcomes[i] = example.emergencyAdmission ? 1 : 0;
  }
  return { rows, outcomes };
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EMERGENCY_ADMISSION_FEATURES,
  resolveModelFeatures,
  writeFeatureRow,
} from '../../domain/model/features.ts';
import { baseFacts } from './simulate.ts';

const valuesOf = (facts: ReturnType<typeof baseFacts>, scores?: Parameters<typeof writeFeatureRow>[2]) => {
  const row = new Float64Array(EMERGENCY_ADMISSION_FEATURES.length);
  writeFeatureRow(EMERGENCY_ADMISSION_FEATURES, facts, scores, row);
  return Object.fromEntries(EMERGENCY_ADMISSION_FEATURES.map((f, j) => [f.key, row[j]!]));
};
const labelOf = (key: string, facts: ReturnType<typeof baseFacts>, scores?: Parameters<typeof writeFeatureRow>[2]) =>
  EMERGENCY_ADMISSION_FEATURES.find((f) => f.key === key)!.label(facts, scores);

test('keys are unique snake_case and every feature is described', () => {
  const keys = EMERGENCY_ADMISSION_FEATURES.map((f) => f.key);
  assert.equal(new Set(keys).size, keys.length);
  for (const f of EMERGENCY_ADMISSION_FEATURES) {
    assert.match(f.key, /^[a-z0-9_]+$/);
    assert.ok(f.description.length > 10);
  }
  assert.ok(keys.length >= 20 && keys.length <= 40);
});

test('age bands: exactly one indicator (or none for 18–49) at the band edges', () => {
  const cases: Array<[number | null, string | null]> = [
    [0, 'age_0_4'], [4, 'age_0_4'], [5, 'age_5_17'], [17, 'age_5_17'], [18, null], [49, null], [50, 'age_50_64'],
    [64, 'age_50_64'], [65, 'age_65_74'], [74, 'age_65_74'], [75, 'age_75_84'], [84, 'age_75_84'], [85, 'age_85_plus'], [104, 'age_85_plus'], [null, 'age_unknown'],
  ];
  for (const [age, band] of cases) {
    const v = valuesOf(baseFacts({ age }));
    const on = Object.keys(v).filter((k) => k.startsWith('age_') && v[k] === 1);
    assert.deepEqual(on, band ? [band] : [], `age ${age}`);
  }
});

test('counts are capped, heavy tails are logged, indicators are 0/1', () => {
  const v = valuesOf(baseFacts({
    sex: '2',
    emergencyAdmissions12m: 9,
    aeAttendances12m: 3,
    bedDays12m: 400,
    outpatientAppointments12m: 4,
    longTermConditions: ['copd', 'heart_failure', 'hypertension'],
    unstableConditions: ['copd'],
    medicationCount: 12,
    falls12m: 2,
    knownToSocialCare: true,
    receivingSocialCare: true,
    socialCareWeeklyCostPence: 35_000,
    endOfLife: true,
  }), { hfrs: 12.5, efiDeficits: 9 });
  assert.equal(v.sex_female, 1);
  assert.equal(v.emergency_admissions_12m, 5);
  assert.equal(v.ae_attendances_12m, 3);
  assert.equal(v.bed_days_12m, Math.log1p(365));
  assert.equal(v.outpatient_appointments_12m, Math.log1p(4));
  assert.equal(v.long_term_conditions, 3);
  assert.equal(v.unstable_conditions, 1);
  assert.equal(v.condition_copd, 1);
  assert.equal(v.condition_heart_failure, 1);
  assert.equal(v.condition_dementia, 0);
  assert.equal(v.medication_count, 12);
  assert.equal(v.polypharmacy_10_plus, 1);
  assert.equal(v.falls_12m, 2);
  assert.equal(v.social_care_weekly_cost, Math.log1p(350));
  assert.equal(v.end_of_life, 1);
  assert.equal(v.hfrs, 12.5);
  assert.equal(v.efi_deficits, 9);
  assert.equal(v.charlson, 0, 'a score not supplied counts as 0');
});

test('plain-English labels from the person\'s own facts', () => {
  assert.equal(labelOf('emergency_admissions_12m', baseFacts({ emergencyAdmissions12m: 2 })), '2 emergency admissions in the last year');
  assert.equal(labelOf('emergency_admissions_12m', baseFacts({ emergencyAdmissions12m: 1 })), '1 emergency admission in the last year');
  assert.equal(labelOf('emergency_admissions_12m', baseFacts()), 'No emergency admissions in the last year');
  assert.equal(labelOf('falls_12m', baseFacts({ falls12m: 3 })), '3 falls recorded in the last year');
  assert.equal(labelOf('age_85_plus', baseFacts({ age: 87 })), 'Aged 87');
  assert.equal(labelOf('condition_copd', baseFacts({ longTermConditions: ['copd'] })), 'COPD');
  assert.equal(labelOf('condition_heart_failure', baseFacts()), 'No heart failure recorded');
  assert.equal(labelOf('medication_count', baseFacts({ medicationCount: 11 })), '11 medicines prescribed in the last year');
  assert.equal(
    labelOf('receiving_social_care', baseFacts({ knownToSocialCare: true, receivingSocialCare: true, socialCareWeeklyCostPence: 123_456 })),
    'Receiving adult social care (£1,235 a week)',
  );
  assert.equal(labelOf('hfrs', baseFacts(), { hfrs: 7.25 }), 'Hospital Frailty Risk Score 7.3');
});

test('features sharing a fact share a factor and a label', () => {
  const age = EMERGENCY_ADMISSION_FEATURES.filter((f) => f.factor === 'age');
  assert.equal(age.length, 7);
  const social = EMERGENCY_ADMISSION_FEATURES.filter((f) => f.factor === 'social_care').map((f) => f.key);
  assert.deepEqual(social, ['known_to_social_care', 'receiving_social_care', 'social_care_weekly_cost']);
});

test('writes into the requested row of a shared matrix and nowhere else', () => {
  const p = EMERGENCY_ADMISSION_FEATURES.length;
  const matrix = new Float64Array(3 * p).fill(-1);
  writeFeatureRow(EMERGENCY_ADMISSION_FEATURES, baseFacts({ emergencyAdmissions12m: 1 }), undefined, matrix, 1);
  assert.ok(matrix.subarray(0, p).every((v) => v === -1));
  assert.ok(matrix.subarray(2 * p).every((v) => v === -1));
  assert.equal(matrix[p + EMERGENCY_ADMISSION_FEATURES.findIndex((f) => f.key === 'emergency_admissions_12m')], 1);
});

test('resolving stored keys: model order kept, unknown or repeated keys refused', () => {
  assert.deepEqual(resolveModelFeatures(['falls_12m', 'sex_female']).map((f) => f.key), ['falls_12m', 'sex_female']);
  assert.throws(() => resolveModelFeatures(['falls_12m', 'shoe_size']), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_UNKNOWN_FEATURE', message: /shoe_size/ });
  assert.throws(() => resolveModelFeatures(['falls_12m', 'falls_12m']), { code: 'SEAMLESS_ERR_ANALYTICS_MODEL_UNKNOWN_FEATURE' });
});

import type { Code } from '../../../kernel/codes.ts';

/**
 * Long-term conditions of the synthetic place: SNOMED CT code and term as a GP system records them,
 * the ICD-10 code a hospital records as a secondary diagnosis, prevalence by age band, and the repeat
 * medications that usually follow.
 *
 * SNOMED CT codes are taken from the eFI code lists in reference/efi_deficits.csv wherever the eFI has
 * the condition (so the electronic Frailty Index finds them), otherwise they are the well-known
 * international concepts (depressive disorder 35489007, malignant neoplastic disease 363346000 …).
 *
 * Prevalence by age band is an approximation, calibrated so that the all-age prevalence of a County
 * Durham–shaped population lands near the national QOF register prevalence (NHS England, Quality and
 * Outcomes Framework 2022-23: hypertension ~14%, diabetes ~7.5% of 17+, asthma ~6.5%, CHD ~3%,
 * AF ~2.1%, CKD 3–5 ~4% of 18+, COPD ~1.9%, stroke/TIA ~1.9%, heart failure ~1%, dementia ~0.7%,
 * cancer ~3.5%, depression ~13% of 18+), with the age gradients of the Health Survey for England 2019
 * (hypertension, diabetes) and of published age-specific estimates (dementia: Prince et al., Dementia
 * UK 2014; AF: NICE CKS). They are illustrative, not estimates for any real population.
 */

/** Lower bounds of the age bands the prevalence arrays follow: 0–17, 18–39, 40–49, 50–59, 60–69, 70–79, 80–89, 90+. */
export const AGE_BAND_LOWER = [0, 18, 40, 50, 60, 70, 80, 90] as const;

export function ageBandIndex(age: number): number {
  let band = 0;
  for (let i = 1; i < AGE_BAND_LOWER.length; i++) if (age >= AGE_BAND_LOWER[i]!) band = i;
  return band;
}

const sct = (code: string): Code => ({ system: 'SNOMED CT', code });
const dmd = (code: string): Code => ({ system: 'dm+d', code });

export type MedicationKey =
  | 'amlodipine' | 'ramipril' | 'lisinopril' | 'losartan' | 'bisoprolol' | 'furosemide' | 'spironolactone' | 'metformin'
  | 'empagliflozin' | 'simvastatin' | 'apixaban' | 'salbutamol' | 'sertraline' | 'donepezil' | 'levothyroxine' | 'paracetamol'
  | 'omeprazole' | 'methotrexate' | 'clopidogrel' | 'gliclazide' | 'alendronic_acid' | 'senna' | 'ferrous_sulfate' | 'solifenacin' | 'doxazosin';

export interface MedicationDefinition { code: Code; term: string }

/**
 * Repeat medications, dm+d VMP identifiers (SNOMED CT clinical drug concepts) as NHS dm+d publishes
 * them, e.g. 319283006 Amlodipine 5mg tablets, 42206511000001102 Apixaban 5mg tablets, 319799004 Clopidogrel
 * 75mg tablets.
 */
export const MEDICATIONS: Record<MedicationKey, MedicationDefinition> = {
  amlodipine: { code: dmd('319283006'), term: 'Amlodipine 5mg tablets' },
  ramipril: { code: dmd('318902004'), term: 'Ramipril 5mg capsules' },
  lisinopril: { code: dmd('318859000'), term: 'Lisinopril 10mg tablets' },
  losartan: { code: dmd('318956006'), term: 'Losartan 50mg tablets' },
  bisoprolol: { code: dmd('318590006'), term: 'Bisoprolol 5mg tablets' },
  furosemide: { code: dmd('317972000'), term: 'Furosemide 40mg tablets' },
  spironolactone: { code: dmd('318056008'), term: 'Spironolactone 25mg tablets' },
  metformin: { code: dmd('325278007'), term: 'Metformin 500mg tablets' },
  empagliflozin: { code: dmd('703896005'), term: 'Empagliflozin 10mg tablets' },
  simvastatin: { code: dmd('320000009'), term: 'Simvastatin 40mg tablets' },
  apixaban: { code: dmd('42206511000001102'), term: 'Apixaban 5mg tablets' },
  salbutamol: { code: dmd('320176004'), term: 'Salbutamol 100micrograms/dose inhaler CFC free' },
  sertraline: { code: dmd('321959007'), term: 'Sertraline 50mg tablets' },
  donepezil: { code: dmd('323365007'), term: 'Donepezil 10mg tablets' },
  levothyroxine: { code: dmd('374296008'), term: 'Levothyroxine sodium 100microgram tablets' },
  paracetamol: { code: dmd('322236009'), term: 'Paracetamol 500mg tablets' },
  omeprazole: { code: dmd('317291008'), term: 'Omeprazole 20mg gastro-resistant capsules' },
  methotrexate: { code: dmd('326874007'), term: 'Methotrexate 2.5mg tablets' },
  clopidogrel: { code: dmd('319799004'), term: 'Clopidogrel 75mg tablets' },
  gliclazide: { code: dmd('325242002'), term: 'Gliclazide 80mg tablets' },
  alendronic_acid: { code: dmd('39731311000001108'), term: 'Alendronic acid 70mg tablets' },
  senna: { code: dmd('42358311000001108'), term: 'Senna 7.5mg tablets' },
  ferrous_sulfate: { code: dmd('41985211000001107'), term: 'Ferrous sulfate 200mg tablets' },
  solifenacin: { code: dmd('42042911000001105'), term: 'Solifenacin 5mg tablets' },
  doxazosin: { code: dmd('42209311000001101'), term: 'Doxazosin 4mg tablets' },
};

export type ConditionKey =
  | 'hypertension' | 'diabetes' | 'asthma' | 'copd' | 'chd' | 'heart_failure' | 'atrial_fibrillation' | 'ckd' | 'dementia'
  | 'depression' | 'cancer' | 'stroke' | 'osteoarthritis' | 'osteoporosis' | 'hypothyroidism' | 'parkinsons'
  | 'rheumatoid_arthritis' | 'obesity' | 'learning_disability' | 'serious_mental_illness';

export interface ConditionDefinition {
  key: ConditionKey;
  code: Code;
  term: string;
  /** ICD-10 (normalised, no dot) recorded as a secondary diagnosis in hospital. */
  icd10: string;
  /** Probability of having the condition by AGE_BAND_LOWER band, at today's age. */
  prevalence: readonly number[];
  femaleFactor: number;
  maleFactor: number;
  /** How strongly the person's latent ill-health raises the chance (0 = not at all). */
  latentWeight: number;
  /** Earliest age of onset. */
  minAge: number;
  /** A condition-specific review code recorded once a year, where one exists. */
  review?: { code: Code; term: string } | undefined;
  medications: readonly { key: MedicationKey; p: number }[];
  /** Outpatient specialty (treatment function code) and follow-ups a year for the people seen there. */
  outpatient?: { tfc: string; share: number; perYear: number } | undefined;
  /** Counts towards the multimorbidity that drives admissions, frailty and death. */
  weight: number;
  /** Sub-types with their own codes (cancer sites), drawn by sex-specific weights; the first fields above are the fallback. */
  variants?: readonly ConditionVariant[] | undefined;
}

export interface ConditionVariant { code: Code; term: string; icd10: string; femaleWeight: number; maleWeight: number }

export const CONDITIONS: readonly ConditionDefinition[] = [
  {
    key: 'hypertension', code: sct('59621000'), term: 'Essential hypertension', icd10: 'I10',
    prevalence: [0, 0.025, 0.09, 0.17, 0.3, 0.45, 0.55, 0.55], femaleFactor: 0.95, maleFactor: 1.05, latentWeight: 0.35, minAge: 25,
    medications: [{ key: 'amlodipine', p: 0.65 }, { key: 'ramipril', p: 0.5 }, { key: 'losartan', p: 0.2 }, { key: 'simvastatin', p: 0.45 }, { key: 'lisinopril', p: 0.1 }],
    weight: 0.5,
  },
  {
    key: 'diabetes', code: sct('44054006'), term: 'Diabetes mellitus type 2', icd10: 'E119',
    prevalence: [0.001, 0.012, 0.045, 0.085, 0.13, 0.17, 0.16, 0.12], femaleFactor: 0.8, maleFactor: 1.2, latentWeight: 0.45, minAge: 20,
    medications: [{ key: 'metformin', p: 0.85 }, { key: 'gliclazide', p: 0.25 }, { key: 'empagliflozin', p: 0.3 }, { key: 'simvastatin', p: 0.7 }, { key: 'ramipril', p: 0.3 }],
    outpatient: { tfc: '307', share: 0.25, perYear: 1 },
    weight: 1,
  },
  {
    key: 'asthma', code: sct('195967001'), term: 'Asthma', icd10: 'J459',
    prevalence: [0.07, 0.07, 0.065, 0.065, 0.07, 0.07, 0.06, 0.05], femaleFactor: 1.1, maleFactor: 0.9, latentWeight: 0.2, minAge: 2,
    medications: [{ key: 'salbutamol', p: 0.9 }],
    weight: 0.5,
  },
  {
    key: 'copd', code: sct('13645005'), term: 'Chronic obstructive lung disease', icd10: 'J449',
    prevalence: [0, 0.001, 0.006, 0.022, 0.048, 0.075, 0.085, 0.07], femaleFactor: 0.9, maleFactor: 1.1, latentWeight: 0.6, minAge: 35,
    medications: [{ key: 'salbutamol', p: 0.95 }],
    outpatient: { tfc: '340', share: 0.3, perYear: 1 },
    weight: 1.5,
  },
  {
    key: 'chd', code: sct('414545008'), term: 'Ischemic heart disease', icd10: 'I251',
    prevalence: [0, 0.001, 0.008, 0.025, 0.06, 0.11, 0.15, 0.16], femaleFactor: 0.65, maleFactor: 1.35, latentWeight: 0.5, minAge: 30,
    medications: [{ key: 'simvastatin', p: 0.85 }, { key: 'bisoprolol', p: 0.55 }, { key: 'ramipril', p: 0.45 }, { key: 'clopidogrel', p: 0.5 }],
    outpatient: { tfc: '320', share: 0.3, perYear: 1 },
    weight: 1,
  },
  {
    key: 'heart_failure', code: sct('84114007'), term: 'Heart failure', icd10: 'I500',
    prevalence: [0, 0.0005, 0.002, 0.005, 0.012, 0.03, 0.07, 0.1], femaleFactor: 0.85, maleFactor: 1.15, latentWeight: 0.6, minAge: 30,
    review: { code: sct('390885007'), term: 'Heart failure annual review' },
    medications: [{ key: 'furosemide', p: 0.85 }, { key: 'bisoprolol', p: 0.7 }, { key: 'ramipril', p: 0.6 }, { key: 'spironolactone', p: 0.35 }, { key: 'empagliflozin', p: 0.2 }],
    outpatient: { tfc: '320', share: 0.6, perYear: 2 },
    weight: 2,
  },
  {
    key: 'atrial_fibrillation', code: sct('49436004'), term: 'Atrial fibrillation', icd10: 'I489',
    prevalence: [0, 0.001, 0.003, 0.009, 0.03, 0.07, 0.13, 0.16], femaleFactor: 0.85, maleFactor: 1.15, latentWeight: 0.35, minAge: 30,
    review: { code: sct('248411000000105'), term: 'Atrial fibrillation annual review' },
    medications: [{ key: 'apixaban', p: 0.8 }, { key: 'bisoprolol', p: 0.6 }],
    outpatient: { tfc: '320', share: 0.3, perYear: 1 },
    weight: 1,
  },
  {
    key: 'ckd', code: sct('433144002'), term: 'Chronic kidney disease stage 3', icd10: 'N183',
    prevalence: [0, 0.002, 0.006, 0.015, 0.04, 0.1, 0.2, 0.28], femaleFactor: 1.1, maleFactor: 0.9, latentWeight: 0.45, minAge: 30,
    review: { code: sct('249171000000102'), term: 'Chronic kidney disease annual review' },
    medications: [{ key: 'ramipril', p: 0.35 }, { key: 'simvastatin', p: 0.4 }, { key: 'furosemide', p: 0.1 }],
    outpatient: { tfc: '361', share: 0.1, perYear: 1 },
    weight: 1,
  },
  {
    key: 'dementia', code: sct('52448006'), term: 'Dementia', icd10: 'F03',
    prevalence: [0, 0, 0.0005, 0.002, 0.009, 0.035, 0.11, 0.25], femaleFactor: 1.15, maleFactor: 0.85, latentWeight: 0.4, minAge: 45,
    review: { code: sct('249181000000100'), term: 'Dementia annual review' },
    medications: [{ key: 'donepezil', p: 0.5 }],
    weight: 2.5,
  },
  {
    key: 'depression', code: sct('35489007'), term: 'Depressive disorder', icd10: 'F329',
    prevalence: [0.01, 0.13, 0.14, 0.14, 0.12, 0.1, 0.1, 0.1], femaleFactor: 1.3, maleFactor: 0.7, latentWeight: 0.3, minAge: 12,
    medications: [{ key: 'sertraline', p: 0.6 }],
    weight: 0.5,
  },
  {
    key: 'cancer', code: sct('363346000'), term: 'Malignant neoplastic disease', icd10: 'C349',
    prevalence: [0.001, 0.005, 0.015, 0.03, 0.06, 0.1, 0.13, 0.13], femaleFactor: 1, maleFactor: 1, latentWeight: 0.25, minAge: 1,
    outpatient: { tfc: '370', share: 0.5, perYear: 3 },
    medications: [],
    weight: 1.5,
    // Site shares roughly follow Cancer Research UK prevalence by sex (breast, prostate, colorectal, lung).
    variants: [
      { code: sct('254837009'), term: 'Malignant tumor of breast', icd10: 'C509', femaleWeight: 0.55, maleWeight: 0.01 },
      { code: sct('399068003'), term: 'Malignant tumor of prostate', icd10: 'C61', femaleWeight: 0, maleWeight: 0.5 },
      { code: sct('363406005'), term: 'Malignant tumor of colon', icd10: 'C189', femaleWeight: 0.25, maleWeight: 0.3 },
      { code: sct('363358000'), term: 'Malignant tumor of lung', icd10: 'C349', femaleWeight: 0.2, maleWeight: 0.19 },
    ],
  },
  {
    key: 'stroke', code: sct('230690007'), term: 'Cerebrovascular accident', icd10: 'I693',
    prevalence: [0, 0.001, 0.004, 0.01, 0.025, 0.05, 0.09, 0.11], femaleFactor: 0.9, maleFactor: 1.1, latentWeight: 0.5, minAge: 30,
    review: { code: sct('401103008'), term: 'Cerebrovascular accident annual review' },
    medications: [{ key: 'simvastatin', p: 0.85 }, { key: 'clopidogrel', p: 0.7 }],
    outpatient: { tfc: '328', share: 0.2, perYear: 1 },
    weight: 1.5,
  },
  {
    key: 'osteoarthritis', code: sct('396275006'), term: 'Osteoarthritis', icd10: 'M199',
    prevalence: [0, 0.01, 0.04, 0.08, 0.15, 0.22, 0.28, 0.3], femaleFactor: 1.2, maleFactor: 0.8, latentWeight: 0.25, minAge: 30,
    medications: [{ key: 'paracetamol', p: 0.6 }],
    outpatient: { tfc: '110', share: 0.15, perYear: 1 },
    weight: 0.5,
  },
  {
    key: 'osteoporosis', code: sct('64859006'), term: 'Osteoporosis', icd10: 'M819',
    prevalence: [0, 0, 0.002, 0.01, 0.03, 0.07, 0.12, 0.15], femaleFactor: 1.7, maleFactor: 0.3, latentWeight: 0.3, minAge: 40,
    medications: [{ key: 'alendronic_acid', p: 0.6 }],
    weight: 0.5,
  },
  {
    key: 'hypothyroidism', code: sct('40930008'), term: 'Hypothyroidism', icd10: 'E039',
    prevalence: [0.001, 0.01, 0.025, 0.04, 0.06, 0.08, 0.09, 0.09], femaleFactor: 1.6, maleFactor: 0.4, latentWeight: 0.1, minAge: 10,
    medications: [{ key: 'levothyroxine', p: 0.95 }],
    weight: 0.25,
  },
  {
    key: 'parkinsons', code: sct('49049000'), term: "Parkinson's disease", icd10: 'G20',
    prevalence: [0, 0, 0.0003, 0.001, 0.004, 0.01, 0.02, 0.02], femaleFactor: 0.7, maleFactor: 1.3, latentWeight: 0.2, minAge: 40,
    outpatient: { tfc: '400', share: 0.8, perYear: 2 },
    medications: [],
    weight: 2,
  },
  {
    key: 'rheumatoid_arthritis', code: sct('69896004'), term: 'Rheumatoid arthritis', icd10: 'M069',
    prevalence: [0, 0.003, 0.006, 0.009, 0.012, 0.014, 0.014, 0.012], femaleFactor: 1.5, maleFactor: 0.5, latentWeight: 0.2, minAge: 18,
    medications: [{ key: 'methotrexate', p: 0.6 }],
    outpatient: { tfc: '410', share: 0.9, perYear: 2 },
    weight: 1,
  },
  {
    key: 'obesity', code: sct('414916001'), term: 'Obesity', icd10: 'E669',
    prevalence: [0.02, 0.12, 0.16, 0.18, 0.18, 0.15, 0.09, 0.04], femaleFactor: 1.1, maleFactor: 0.9, latentWeight: 0.3, minAge: 5,
    medications: [],
    weight: 0.25,
  },
  {
    key: 'learning_disability', code: sct('110359009'), term: 'Intellectual disability', icd10: 'F79',
    prevalence: [0.006, 0.006, 0.005, 0.005, 0.004, 0.003, 0.002, 0.001], femaleFactor: 0.8, maleFactor: 1.2, latentWeight: 0, minAge: 0,
    medications: [],
    weight: 1,
  },
  {
    key: 'serious_mental_illness', code: sct('58214004'), term: 'Schizophrenia', icd10: 'F209',
    prevalence: [0, 0.008, 0.011, 0.011, 0.01, 0.008, 0.006, 0.005], femaleFactor: 0.9, maleFactor: 1.1, latentWeight: 0.2, minAge: 16,
    medications: [],
    weight: 1,
  },
];

export const CONDITION_BY_KEY: Record<ConditionKey, ConditionDefinition> =
  Object.fromEntries(CONDITIONS.map((c) => [c.key, c])) as Record<ConditionKey, ConditionDefinition>;

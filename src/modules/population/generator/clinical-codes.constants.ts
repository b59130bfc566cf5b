import type { Code } from '../../../kernel/codes.ts';
import type { ConditionKey } from './conditions.constants.ts';

/**
 * The coded events, hospital scenarios and procedures the synthetic place draws from. Every SNOMED CT
 * code is a real concept (the frailty deficits come from the eFI lists in reference/efi_deficits.csv so
 * that the eFI scores generated people); ICD-10 codes are written without the dot, as HES stores them;
 * OPCS-4 codes likewise. Tariffs are rounded from the National Schedule of NHS Costs 2022/23 (NHS
 * England): a non-elective spell averages a few thousand pounds, with excess bed days at about £350.
 */

export interface CodedTerm { code: Code; term: string }
const sct = (code: string, term: string): CodedTerm => ({ code: { system: 'SNOMED CT', code }, term });

/** GP observations with the unit the value is recorded in. */
export const OBSERVATIONS = {
  systolic: { ...sct('271649006', 'Systolic blood pressure'), unit: 'mm[Hg]' },
  diastolic: { ...sct('271650006', 'Diastolic blood pressure'), unit: 'mm[Hg]' },
  bmi: { ...sct('60621009', 'Body mass index'), unit: 'kg/m2' },
  weight: { ...sct('27113001', 'Body weight'), unit: 'kg' },
  hba1c: { ...sct('999791000000106', 'Haemoglobin A1c level - IFCC standardised'), unit: 'mmol/mol' },
  egfr: { ...sct('1011481000000105', 'eGFR using creatinine (CKD-EPI) per 1.73 square metres'), unit: 'mL/min/1.73m2' },
} as const;

export const GP_CODES = {
  medicationReview: sct('182836005', 'Review of medication'),
  fluVaccination: sct('86198006', 'Influenza vaccination'),
  smoker: sct('77176002', 'Smoker'),
  exSmoker: sct('8517006', 'Ex-smoker'),
  neverSmoked: sct('266919005', 'Never smoked tobacco'),
  mildFrailty: sct('925791000000100', 'Mild frailty'),
  moderateFrailty: sct('925831000000107', 'Moderate frailty'),
  severeFrailty: sct('925861000000102', 'Severe frailty'),
  referralToSocialServices: sct('306238000', 'Referral to Social Services'),
  referralToFallsService: sct('247541000000106', 'Referral to falls service'),
  livesInCareHome: sct('248171000000108', 'Lives in care home'),
  livesInNursingHome: sct('160734000', 'Lives in nursing home'),
  homeHelpAttends: sct('160774006', 'Home help attends'),
  homeVisitChronic: sct('185468001', 'Home visit for chronic condition'),
  palliativeCare: sct('103735009', 'Palliative care'),
  goldStandardsFramework: sct('845701000000104', 'Gold Standards Framework prognostic indicator stage A (blue) - year plus prognosis'),
} as const;

/** eFI deficits recorded in primary care for frail people (codes from reference/efi_deficits.csv). */
export const FRAILTY_DEFICITS: readonly CodedTerm[] = [
  sct('161898004', 'Falls'),
  sct('279992002', 'Recurrent falls'),
  sct('160693001', 'Mobility poor'),
  sct('165251008', 'Walking aid use'),
  sct('15188001', 'Hearing loss'),
  sct('165232002', 'Urinary incontinence'),
  sct('386807006', 'Memory impairment'),
  sct('404640003', 'Dizziness'),
  sct('267036007', 'Dyspnea'),
  sct('193462001', 'Insomnia'),
  sct('89362005', 'Weight loss'),
  sct('105529008', 'Lives alone'),
  sct('184156005', 'Has a caregiver'),
  sct('95344007', 'Ulcer of lower extremity'),
  sct('87522002', 'Iron deficiency anemia'),
  sct('271594007', 'Syncope'),
  sct('39450006', 'Senile cataract'),
  sct('160689007', 'Housebound'),
];

/** Everyday reasons for a GP consultation, by the youngest and oldest age they are usual at. */
export const MINOR_ILLNESS: readonly (CodedTerm & { minAge: number; maxAge: number })[] = [
  { ...sct('49727002', 'Cough'), minAge: 0, maxAge: 120 },
  { ...sct('162397003', 'Pain in throat'), minAge: 2, maxAge: 70 },
  { ...sct('161891005', 'Backache'), minAge: 16, maxAge: 120 },
  { ...sct('25064002', 'Headache'), minAge: 5, maxAge: 90 },
  { ...sct('21522001', 'Abdominal pain'), minAge: 2, maxAge: 120 },
  { ...sct('271807003', 'Eruption of skin'), minAge: 0, maxAge: 120 },
  { ...sct('48694002', 'Anxiety'), minAge: 12, maxAge: 90 },
  { ...sct('84229001', 'Fatigue'), minAge: 12, maxAge: 120 },
  { ...sct('50417007', 'Lower respiratory tract infection'), minAge: 0, maxAge: 120 },
  { ...sct('68566005', 'Urinary tract infectious disease'), minAge: 2, maxAge: 120 },
  { ...sct('57676002', 'Pain in joint'), minAge: 20, maxAge: 120 },
  { ...sct('65363002', 'Otitis media'), minAge: 0, maxAge: 12 },
  { ...sct('43116000', 'Eczema'), minAge: 0, maxAge: 60 },
  { ...sct('9826008', 'Conjunctivitis'), minAge: 0, maxAge: 120 },
  { ...sct('90176007', 'Tonsillitis'), minAge: 2, maxAge: 40 },
  { ...sct('21719001', 'Allergic rhinitis due to pollen'), minAge: 5, maxAge: 70 },
  { ...sct('404640003', 'Dizziness'), minAge: 40, maxAge: 120 },
];

/** External causes recorded with a fall (HES 3-character categories, all HFRS codes). */
export const FALL_CAUSES = ['W19', 'W01', 'W18', 'W06', 'W10'] as const;

/**
 * Secondary diagnoses typical of frail older inpatients, drawn from the Hospital Frailty Risk Score
 * categories in reference/hfrs_points.csv (Gilbert et al., Lancet 2018): delirium, tendency to fall,
 * UTI, volume depletion, hyponatraemia, care dependency, gait abnormality, senility, pressure ulcer,
 * disorientation, hypotension, anaemia, incontinence, sensory loss, history of falling, constipation,
 * osteoporosis, living alone, rehabilitation. Weights are the relative frequency they are drawn with.
 */
export const FRAILTY_SECONDARY_DIAGNOSES: readonly { icd10: string; weight: number }[] = [
  { icd10: 'F059', weight: 4 }, { icd10: 'R296', weight: 6 }, { icd10: 'N390', weight: 6 }, { icd10: 'E86', weight: 4 },
  { icd10: 'E871', weight: 4 }, { icd10: 'Z741', weight: 3 }, { icd10: 'R268', weight: 3 }, { icd10: 'R54', weight: 2 },
  { icd10: 'L899', weight: 2 }, { icd10: 'R410', weight: 3 }, { icd10: 'I959', weight: 2 }, { icd10: 'D649', weight: 3 },
  { icd10: 'R32', weight: 2 }, { icd10: 'H919', weight: 2 }, { icd10: 'H549', weight: 1 }, { icd10: 'Z9181', weight: 4 },
  { icd10: 'K590', weight: 3 }, { icd10: 'M819', weight: 2 }, { icd10: 'Z602', weight: 2 }, { icd10: 'Z501', weight: 2 },
];

/** Secondary cancer codes (Charlson metastatic solid tumour) for people with advanced cancer. */
export const METASTATIC_CODES = ['C787', 'C795', 'C780'] as const;

/** An emergency admission: primary diagnosis, what A&E recorded (ECDS SNOMED CT), typical stay and cost. */
export interface EmergencyScenario {
  key: string;
  primary: string;
  /** Further diagnoses always recorded with it (external causes, complications). */
  extra: readonly string[];
  complaint: string;
  diagnosis: string;
  /** Median length of stay in days (log-normal spread around it). */
  losMedian: number;
  /** Core spell cost in pence, before excess bed days. */
  tariffPence: number;
  minAge: number;
  maxAge: number;
  /** Relative frequency among people who qualify; older-person scenarios weigh more with frailty. */
  weight: number;
  frailWeight: number;
  requires?: ConditionKey | undefined;
  fall?: boolean | undefined;
  /** OPCS-4 procedure and the share of spells that have it. */
  procedure?: { code: string; share: number } | undefined;
  /** What the ambulance service or A&E hand over to: a mental-health follow-up, for instance. */
  mentalHealth?: boolean | undefined;
}

const fall = 'W19';
export const EMERGENCY_SCENARIOS: readonly EmergencyScenario[] = [
  { key: 'pneumonia', primary: 'J189', extra: [], complaint: '267036007', diagnosis: '233604007', losMedian: 6, tariffPence: 320_000, minAge: 0, maxAge: 120, weight: 3, frailWeight: 6 },
  { key: 'lrti', primary: 'J22', extra: [], complaint: '49727002', diagnosis: '50417007', losMedian: 3, tariffPence: 200_000, minAge: 0, maxAge: 120, weight: 3, frailWeight: 4 },
  { key: 'uti', primary: 'N390', extra: [], complaint: '286933003', diagnosis: '68566005', losMedian: 4, tariffPence: 210_000, minAge: 16, maxAge: 120, weight: 2, frailWeight: 6 },
  { key: 'sepsis', primary: 'A419', extra: [], complaint: '386661006', diagnosis: '91302008', losMedian: 8, tariffPence: 450_000, minAge: 0, maxAge: 120, weight: 1, frailWeight: 3 },
  { key: 'copd', primary: 'J441', extra: [], complaint: '267036007', diagnosis: '195951007', losMedian: 4, tariffPence: 260_000, minAge: 35, maxAge: 120, weight: 12, frailWeight: 12, requires: 'copd' },
  { key: 'heart_failure', primary: 'I500', extra: [], complaint: '267036007', diagnosis: '84114007', losMedian: 7, tariffPence: 350_000, minAge: 30, maxAge: 120, weight: 12, frailWeight: 12, requires: 'heart_failure' },
  { key: 'af', primary: 'I489', extra: [], complaint: '80313002', diagnosis: '49436004', losMedian: 2, tariffPence: 160_000, minAge: 30, maxAge: 120, weight: 5, frailWeight: 4, requires: 'atrial_fibrillation' },
  { key: 'stroke', primary: 'I639', extra: [], complaint: '26544005', diagnosis: '230690007', losMedian: 12, tariffPence: 600_000, minAge: 40, maxAge: 120, weight: 1.2, frailWeight: 2 },
  { key: 'mi', primary: 'I219', extra: [], complaint: '29857009', diagnosis: '22298006', losMedian: 4, tariffPence: 360_000, minAge: 35, maxAge: 120, weight: 4, frailWeight: 2, requires: 'chd', procedure: { code: 'K751', share: 0.6 } },
  { key: 'chest_pain', primary: 'R074', extra: [], complaint: '29857009', diagnosis: '29857009', losMedian: 1, tariffPence: 90_000, minAge: 25, maxAge: 120, weight: 3, frailWeight: 1 },
  { key: 'abdominal_pain', primary: 'R104', extra: [], complaint: '21522001', diagnosis: '21522001', losMedian: 2, tariffPence: 120_000, minAge: 10, maxAge: 120, weight: 3, frailWeight: 1 },
  { key: 'gi_bleed', primary: 'K922', extra: [], complaint: '8765009', diagnosis: '74474003', losMedian: 4, tariffPence: 240_000, minAge: 30, maxAge: 120, weight: 1, frailWeight: 1.5, procedure: { code: 'G451', share: 0.7 } },
  { key: 'aki', primary: 'N179', extra: [], complaint: '367391008', diagnosis: '14669001', losMedian: 7, tariffPence: 300_000, minAge: 50, maxAge: 120, weight: 0.5, frailWeight: 2.5 },
  { key: 'delirium', primary: 'F059', extra: [], complaint: '286933003', diagnosis: '2776000', losMedian: 9, tariffPence: 340_000, minAge: 65, maxAge: 120, weight: 0.3, frailWeight: 2.5 },
  { key: 'cellulitis', primary: 'L031', extra: [], complaint: '128045006', diagnosis: '128045006', losMedian: 5, tariffPence: 200_000, minAge: 16, maxAge: 120, weight: 1.5, frailWeight: 2 },
  { key: 'syncope', primary: 'R55', extra: [], complaint: '271594007', diagnosis: '271594007', losMedian: 2, tariffPence: 130_000, minAge: 16, maxAge: 120, weight: 1, frailWeight: 2 },
  { key: 'hip_fracture', primary: 'S720', extra: [fall], complaint: '1912002', diagnosis: '5913000', losMedian: 14, tariffPence: 850_000, minAge: 60, maxAge: 120, weight: 0.3, frailWeight: 3, fall: true, procedure: { code: 'W461', share: 0.85 } },
  { key: 'head_injury', primary: 'S060', extra: [fall], complaint: '82271004', diagnosis: '82271004', losMedian: 3, tariffPence: 200_000, minAge: 0, maxAge: 120, weight: 0.5, frailWeight: 1.5, fall: true },
  { key: 'rib_fracture', primary: 'S223', extra: [fall], complaint: '1912002', diagnosis: '33737001', losMedian: 5, tariffPence: 230_000, minAge: 50, maxAge: 120, weight: 0.2, frailWeight: 1, fall: true },
  { key: 'fall', primary: 'R296', extra: [fall], complaint: '1912002', diagnosis: '1912002', losMedian: 4, tariffPence: 220_000, minAge: 65, maxAge: 120, weight: 0.2, frailWeight: 3, fall: true },
  { key: 'gastroenteritis', primary: 'A09', extra: [], complaint: '62315008', diagnosis: '25374005', losMedian: 2, tariffPence: 120_000, minAge: 0, maxAge: 120, weight: 1.5, frailWeight: 1.5 },
  { key: 'hyponatraemia', primary: 'E871', extra: [], complaint: '367391008', diagnosis: '89627008', losMedian: 6, tariffPence: 260_000, minAge: 60, maxAge: 120, weight: 0.2, frailWeight: 1.5 },
  { key: 'constipation', primary: 'K590', extra: [], complaint: '21522001', diagnosis: '14760008', losMedian: 3, tariffPence: 150_000, minAge: 60, maxAge: 120, weight: 0.2, frailWeight: 1 },
  { key: 'asthma', primary: 'J459', extra: [], complaint: '267036007', diagnosis: '195967001', losMedian: 2, tariffPence: 140_000, minAge: 2, maxAge: 70, weight: 4, frailWeight: 1, requires: 'asthma' },
  { key: 'hypoglycaemia', primary: 'E162', extra: [], complaint: '286933003', diagnosis: '302866003', losMedian: 2, tariffPence: 140_000, minAge: 30, maxAge: 120, weight: 2, frailWeight: 2, requires: 'diabetes' },
  { key: 'appendicitis', primary: 'K358', extra: [], complaint: '21522001', diagnosis: '74400008', losMedian: 3, tariffPence: 330_000, minAge: 8, maxAge: 60, weight: 1.5, frailWeight: 0, procedure: { code: 'H012', share: 0.9 } },
  { key: 'alcohol', primary: 'F100', extra: [], complaint: '25702006', diagnosis: '25702006', losMedian: 1, tariffPence: 80_000, minAge: 18, maxAge: 75, weight: 0.8, frailWeight: 0 },
  { key: 'overdose', primary: 'T391', extra: ['X60'], complaint: '55680006', diagnosis: '55680006', losMedian: 1, tariffPence: 100_000, minAge: 14, maxAge: 65, weight: 0.8, frailWeight: 0, mentalHealth: true },
];

/** A planned procedure: OPCS-4 codes, the diagnosis it treats, specialty (treatment function) and typical stay. */
export interface ElectiveProcedure {
  key: string;
  opcs: readonly string[];
  icd10: string;
  tfc: string;
  dayCaseShare: number;
  losMedian: number;
  tariffPence: number;
  minAge: number;
  sex?: '1' | '2' | undefined;
  requires?: ConditionKey | undefined;
  /** Relative frequency by AGE_BAND_LOWER band. */
  weightByBand: readonly number[];
}

export const ELECTIVE_PROCEDURES: readonly ElectiveProcedure[] = [
  { key: 'cataract', opcs: ['C712', 'C751'], icd10: 'H259', tfc: '130', dayCaseShare: 1, losMedian: 0, tariffPence: 90_000, minAge: 50, weightByBand: [0, 0, 0, 0.5, 3, 6, 7, 4] },
  { key: 'knee_replacement', opcs: ['W401'], icd10: 'M171', tfc: '110', dayCaseShare: 0, losMedian: 3, tariffPence: 650_000, minAge: 50, requires: 'osteoarthritis', weightByBand: [0, 0, 0, 1, 3, 3, 1.5, 0.2] },
  { key: 'hip_replacement', opcs: ['W371'], icd10: 'M161', tfc: '110', dayCaseShare: 0, losMedian: 3, tariffPence: 680_000, minAge: 50, requires: 'osteoarthritis', weightByBand: [0, 0, 0, 1, 3, 3, 1.5, 0.2] },
  { key: 'colonoscopy', opcs: ['H229'], icd10: 'K573', tfc: '301', dayCaseShare: 1, losMedian: 0, tariffPence: 70_000, minAge: 30, weightByBand: [0, 0.3, 1, 2, 3, 3, 1.5, 0.3] },
  { key: 'upper_gi_endoscopy', opcs: ['G459'], icd10: 'K219', tfc: '301', dayCaseShare: 1, losMedian: 0, tariffPence: 60_000, minAge: 18, weightByBand: [0, 1, 1.5, 2, 2.5, 2.5, 1.5, 0.3] },
  { key: 'inguinal_hernia', opcs: ['T202'], icd10: 'K409', tfc: '100', dayCaseShare: 0.8, losMedian: 1, tariffPence: 260_000, minAge: 18, sex: '1', weightByBand: [0, 1, 1.5, 2, 2, 1.5, 0.5, 0] },
  { key: 'cholecystectomy', opcs: ['J183', 'Y752'], icd10: 'K802', tfc: '100', dayCaseShare: 0.6, losMedian: 1, tariffPence: 350_000, minAge: 18, weightByBand: [0, 2, 2, 2, 1.5, 1, 0.3, 0] },
  { key: 'turp', opcs: ['M653'], icd10: 'N40', tfc: '101', dayCaseShare: 0, losMedian: 2, tariffPence: 300_000, minAge: 55, sex: '1', weightByBand: [0, 0, 0, 0.5, 2, 3, 2, 0.5] },
  { key: 'cystoscopy', opcs: ['M459'], icd10: 'R31', tfc: '101', dayCaseShare: 1, losMedian: 0, tariffPence: 60_000, minAge: 40, weightByBand: [0, 0, 0.5, 1, 2, 2, 1, 0.2] },
  { key: 'coronary_stent', opcs: ['K751'], icd10: 'I209', tfc: '320', dayCaseShare: 0.5, losMedian: 1, tariffPence: 450_000, minAge: 40, requires: 'chd', weightByBand: [0, 0, 1, 3, 4, 3, 1, 0.1] },
  { key: 'carpal_tunnel', opcs: ['A651'], icd10: 'G560', tfc: '110', dayCaseShare: 1, losMedian: 0, tariffPence: 120_000, minAge: 30, weightByBand: [0, 0, 2, 2, 2, 1.5, 0.5, 0] },
  { key: 'skin_excision', opcs: ['S069'], icd10: 'D239', tfc: '330', dayCaseShare: 1, losMedian: 0, tariffPence: 70_000, minAge: 18, weightByBand: [0, 1, 1, 1.5, 2, 2.5, 2, 1] },
];

/** Minor A&E attendances that go home, by age (ECDS chief complaint and diagnosis, SNOMED CT). */
export const MINOR_AE: readonly { complaint: string; diagnosis: string; minAge: number; maxAge: number; weight: number; frailWeight: number; fall?: boolean }[] = [
  { complaint: '312608009', diagnosis: '312608009', minAge: 0, maxAge: 120, weight: 3, frailWeight: 1 },
  { complaint: '44465007', diagnosis: '44465007', minAge: 5, maxAge: 70, weight: 3, frailWeight: 0 },
  { complaint: '82271004', diagnosis: '82271004', minAge: 0, maxAge: 120, weight: 2, frailWeight: 1, fall: true },
  { complaint: '386661006', diagnosis: '386661006', minAge: 0, maxAge: 15, weight: 3, frailWeight: 0 },
  { complaint: '21522001', diagnosis: '21522001', minAge: 5, maxAge: 120, weight: 3, frailWeight: 1 },
  { complaint: '263199001', diagnosis: '263199001', minAge: 5, maxAge: 120, weight: 1, frailWeight: 2, fall: true },
  { complaint: '29857009', diagnosis: '29857009', minAge: 25, maxAge: 120, weight: 3, frailWeight: 1 },
  { complaint: '161891005', diagnosis: '161891005', minAge: 18, maxAge: 90, weight: 2, frailWeight: 0 },
  { complaint: '25064002', diagnosis: '25064002', minAge: 10, maxAge: 90, weight: 1.5, frailWeight: 0 },
  { complaint: '48694002', diagnosis: '48694002', minAge: 14, maxAge: 70, weight: 1, frailWeight: 0 },
  { complaint: '1912002', diagnosis: '1912002', minAge: 65, maxAge: 120, weight: 0.5, frailWeight: 5, fall: true },
  { complaint: '404640003', diagnosis: '404640003', minAge: 40, maxAge: 120, weight: 0.5, frailWeight: 2 },
  { complaint: '267036007', diagnosis: '267036007', minAge: 0, maxAge: 120, weight: 1, frailWeight: 2 },
  { complaint: '128045006', diagnosis: '128045006', minAge: 16, maxAge: 120, weight: 0.5, frailWeight: 1.5 },
];

/** Outpatient specialties (treatment function codes) for referrals that are not about a long-term condition. */
export const GENERAL_OUTPATIENT_TFCS: readonly { tfc: string; minAge: number; maxAge?: number; sex?: '1' | '2'; weight: number }[] = [
  { tfc: '330', minAge: 0, weight: 2 }, // dermatology
  { tfc: '120', minAge: 0, weight: 2 }, // ENT
  { tfc: '130', minAge: 40, weight: 3 }, // ophthalmology
  { tfc: '110', minAge: 10, weight: 3 }, // trauma and orthopaedics
  { tfc: '301', minAge: 18, weight: 2 }, // gastroenterology
  { tfc: '502', minAge: 16, sex: '2', weight: 2 }, // gynaecology
  { tfc: '101', minAge: 40, sex: '1', weight: 2 }, // urology
  { tfc: '100', minAge: 16, weight: 2 }, // general surgery
  { tfc: '300', minAge: 16, weight: 2 }, // general internal medicine
  { tfc: '420', minAge: 0, maxAge: 15, weight: 4 }, // paediatrics
  { tfc: '430', minAge: 75, weight: 2 }, // geriatric medicine
  { tfc: '650', minAge: 16, weight: 2 }, // physiotherapy
];

/** Costs in pence (National Schedule of NHS Costs 2022/23 and PSSRU Unit Costs 2023, rounded). */
export const NHS_COSTS = {
  excessBedDayPence: 35_000,
  aeAttendancePence: 26_000,
  aeMinorPence: 16_000,
  outpatientFirstPence: 22_000,
  outpatientFollowUpPence: 14_000,
} as const;

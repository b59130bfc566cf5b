/**
 * Long-term conditions as population analytics recognises them, keyed by condition: the SNOMED CT
 * codes a GP system records the diagnosis with, and the ICD-10 codes a hospital records as the reason
 * for an emergency admission for it (used to call the condition "unstable"), plus SNOMED CT codes an
 * emergency department records for an exacerbation.
 *
 * Sources:
 * - The conditions are the disease registers of the Quality and Outcomes Framework (NHS England, QOF
 *   2023-24 business rules v48: hypertension HYP, diabetes DM, asthma AST, COPD, coronary heart disease
 *   CHD, heart failure HF, atrial fibrillation AF, chronic kidney disease CKD, dementia DEM, depression
 *   DEP, cancer CAN, stroke/TIA STIA, osteoporosis OST, rheumatoid arthritis RA, obesity OB, learning
 *   disability LD, serious mental illness MH; hypothyroidism THY was a register until 2014), with
 *   osteoarthritis and Parkinson's disease added from the 40 conditions of Barnett K, Mercer SW,
 *   Norbury M, et al., Epidemiology of multimorbidity, Lancet 2012;380:37–43.
 * - SNOMED CT codes: for conditions that are eFI deficits, the codes are from the eFI code lists
 *   (Clegg et al., Age Ageing 2016;45:353–360; reference/efi_deficits.csv), so the two agree; the others
 *   are the well-known international concepts for the disorder. Each list holds the concepts the
 *   synthetic place records (population/generator/conditions.constants.ts) and a few close
 *   alternatives; they are a working subset, not the full QOF clusters (which have hundreds of codes
 *   each): a place replaces them with the QOF cluster refsets it licenses.
 * - ICD-10 prefixes: the WHO ICD-10 blocks for each disorder (e.g. heart failure I50, COPD J41–J44),
 *   as Quan et al. 2005 (Med Care 43:1130–1139) use them for Charlson conditions. Prefixes match the
 *   code without its dot ('J44' matches J441 and J44.1).
 *
 * A code may belong to more than one condition (hypertensive heart disease with heart failure, I11.0,
 * is both hypertension and heart failure); each matching condition counts.
 */
export interface LongTermConditionDefinition {
  /** Lower case with underscores; the key rules, cohorts and the model use ('heart_failure'). */
  key: string;
  label: string;
  /** SNOMED CT concepts for the diagnosis, as recorded in GP systems. */
  snomed: readonly string[];
  /** ICD-10 prefixes (no dot) of an emergency admission's primary diagnosis that is for this condition. */
  icd10Prefixes: readonly string[];
  /** ICD-10 prefixes excluded from the above (non-melanoma skin cancer C44 from cancer). */
  icd10Exclusions?: readonly string[] | undefined;
  /** SNOMED CT diagnoses an emergency department records for an exacerbation, besides the diagnosis codes. */
  emergencySnomed?: readonly string[] | undefined;
}

export const LONG_TERM_CONDITIONS_VERSION = 'ltc-qof-2023-seamless-1';

export const LONG_TERM_CONDITIONS: readonly LongTermConditionDefinition[] = [
  { key: 'hypertension', label: 'Hypertension', snomed: ['38341003', '59621000'], icd10Prefixes: ['I10', 'I11', 'I12', 'I13', 'I15'] },
  {
    key: 'diabetes', label: 'Diabetes', snomed: ['73211009', '44054006', '46635009'],
    // E16.0–E16.2: hypoglycaemia (drug-induced, other, unspecified), an emergency of treated diabetes.
    icd10Prefixes: ['E10', 'E11', 'E12', 'E13', 'E14', 'E160', 'E161', 'E162'],
    emergencySnomed: ['302866003'], // Hypoglycemia (disorder)
  },
  { key: 'asthma', label: 'Asthma', snomed: ['195967001'], icd10Prefixes: ['J45', 'J46'] },
  {
    key: 'copd', label: 'COPD', snomed: ['13645005'], icd10Prefixes: ['J41', 'J42', 'J43', 'J44'],
    emergencySnomed: ['195951007'], // Acute exacerbation of chronic obstructive airways disease (disorder)
  },
  {
    key: 'chd', label: 'Coronary heart disease', snomed: ['414545008', '53741008', '22298006', '194828000'],
    icd10Prefixes: ['I20', 'I21', 'I22', 'I23', 'I24', 'I25'],
  },
  { key: 'heart_failure', label: 'Heart failure', snomed: ['84114007', '42343007'], icd10Prefixes: ['I50', 'I110', 'I130', 'I132'] },
  { key: 'atrial_fibrillation', label: 'Atrial fibrillation', snomed: ['49436004'], icd10Prefixes: ['I48'] },
  { key: 'ckd', label: 'Chronic kidney disease', snomed: ['709044004', '433144002', '431857002', '433146000'], icd10Prefixes: ['N18', 'N19'] },
  { key: 'dementia', label: 'Dementia', snomed: ['52448006', '26929004'], icd10Prefixes: ['F00', 'F01', 'F02', 'F03', 'G30', 'F051'] },
  { key: 'depression', label: 'Depression', snomed: ['35489007', '370143000'], icd10Prefixes: ['F32', 'F33'] },
  {
    key: 'cancer', label: 'Cancer', snomed: ['363346000', '254837009', '399068003', '363406005', '363358000'],
    icd10Prefixes: ['C'], icd10Exclusions: ['C44'],
  },
  { key: 'stroke', label: 'Stroke or TIA', snomed: ['230690007', '266257000'], icd10Prefixes: ['I60', 'I61', 'I62', 'I63', 'I64', 'G45'] },
  { key: 'osteoarthritis', label: 'Osteoarthritis', snomed: ['396275006'], icd10Prefixes: ['M15', 'M16', 'M17', 'M18', 'M19'] },
  { key: 'osteoporosis', label: 'Osteoporosis', snomed: ['64859006'], icd10Prefixes: ['M80', 'M81'] },
  { key: 'hypothyroidism', label: 'Hypothyroidism', snomed: ['40930008'], icd10Prefixes: ['E02', 'E03'] },
  { key: 'parkinsons', label: "Parkinson's disease", snomed: ['49049000'], icd10Prefixes: ['G20'] },
  { key: 'rheumatoid_arthritis', label: 'Rheumatoid arthritis', snomed: ['69896004'], icd10Prefixes: ['M05', 'M06'] },
  { key: 'obesity', label: 'Obesity', snomed: ['414916001'], icd10Prefixes: ['E66'] },
  { key: 'learning_disability', label: 'Learning disability', snomed: ['110359009'], icd10Prefixes: ['F70', 'F71', 'F72', 'F73', 'F78', 'F79'] },
  {
    key: 'serious_mental_illness', label: 'Serious mental illness', snomed: ['58214004', '13746004', '69322001'],
    // Schizophrenia, schizotypal and delusional disorders (F20–F29), mania and bipolar disorder (F30–F31).
    icd10Prefixes: ['F20', 'F21', 'F22', 'F23', 'F24', 'F25', 'F28', 'F29', 'F30', 'F31'],
  },
];

/** The condition keys, in definition order. */
export const LONG_TERM_CONDITION_KEYS: readonly string[] = LONG_TERM_CONDITIONS.map((c) => c.key);

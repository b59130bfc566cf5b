/**
 * A person's linked record reduced to the facts that segmentation, trigger rules, cohorts and the
 * predictive model read, as of one date. The stratification engine derives these from the linked
 * activity (population module); the rules and models here only ever see this plain shape, so they
 * are pure and testable with a few literal rows.
 *
 * "12m" means the 365 days up to and including asOf.
 */
export type SexCode = '1' | '2' | '9' | 'X';

export interface PersonFacts {
  personId: number;
  /** The date the facts hold on (ISO date). */
  asOf: string;
  /** Age in whole years on asOf (or on the date of death); null when the date of birth is unknown. */
  age: number | null;
  /** NHS Data Dictionary PERSON STATED GENDER CODE. */
  sex: SexCode;
  localityCode: string | null;
  gpPracticeCode: string | null;
  /** Died on or before asOf. */
  dead: boolean;
  /** Long-term conditions recorded on or before asOf, as condition keys (e.g. 'diabetes', 'copd'). */
  longTermConditions: string[];
  /** Long-term conditions with an emergency admission or A&E attendance for them in the last 12 months. */
  unstableConditions: string[];
  /** Distinct medicines prescribed in the last 12 months (repeat medication still current or issued). */
  medicationCount: number;
  emergencyAdmissions12m: number;
  electiveAdmissions12m: number;
  /** Bed days of hospital spells in the last 12 months. */
  bedDays12m: number;
  aeAttendances12m: number;
  outpatientAppointments12m: number;
  /** Falls recorded in the last 12 months (GP coded falls, A&E or admissions for a fall). */
  falls12m: number;
  communityContacts12m: number;
  mentalHealthContacts12m: number;
  ambulanceContacts12m: number;
  nhs111Contacts12m: number;
  /** Any adult social care request, assessment or service ever recorded (CLD). */
  knownToSocialCare: boolean;
  /** An adult social care service open on asOf. */
  receivingSocialCare: boolean;
  /** Weekly cost of the social care services open on asOf, in pence. */
  socialCareWeeklyCostPence: number;
  /** On a palliative care / end of life register, or a recorded end of life care plan. */
  endOfLife: boolean;
}

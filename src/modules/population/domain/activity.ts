import type { Code } from '../../../kernel/codes.ts';

/**
 * Activity from every partner, as plain data. Each record carries the source organisation and a
 * recordKey unique for that person: the source's own record identifier where it has one, otherwise a
 * hash of the content, so that loading the same record twice stores it once.
 */
interface ActivityBase {
  recordKey: string;
  sourceOrg?: string | undefined;
}

/** GP coded event (SNOMED CT), optionally with a value (e.g. blood pressure, BMI). */
export interface GpEvent extends ActivityBase {
  kind: 'gp_event'; eventDate: string; code: Code; term?: string | undefined; value?: number | undefined; unit?: string | undefined;
}

/** GP medication (dm+d, or RxNorm from FHIR sources); current while endDate is empty. */
export interface GpMedication extends ActivityBase {
  kind: 'gp_medication'; startDate: string; endDate?: string | undefined; code: Code; term?: string | undefined;
}

/** Admitted patient care hospital provider spell (NHS Data Dictionary / HES APC). */
export interface ApcSpell extends ActivityBase {
  kind: 'apc_spell';
  spellNumber?: string | undefined;
  admissionDate: string;
  dischargeDate?: string | undefined;
  /** ADMISSION METHOD (HOSPITAL PROVIDER SPELL), e.g. '21' emergency via A&E. */
  admissionMethod: string;
  admissionSource?: string | undefined;
  dischargeMethod?: string | undefined;
  /** DISCHARGE DESTINATION CODE (HOSPITAL PROVIDER SPELL), e.g. '19' usual place of residence. */
  dischargeDestination?: string | undefined;
  /** ICD-10 codes, normalised; the first is the primary diagnosis. */
  diagnoses: string[];
  /** OPCS-4 codes, normalised. */
  procedures: { code: string; date?: string | undefined }[];
  lengthOfStay?: number | undefined;
  costPence?: number | undefined;
}

/** Emergency care attendance (ECDS: SNOMED CT chief complaint and diagnosis). */
export interface AeAttendance extends ActivityBase {
  kind: 'ae_attendance'; arrivalAt: string; departureAt?: string | undefined; arrivalMode?: 'ambulance' | 'other' | undefined;
  chiefComplaintSnomed?: string | undefined; diagnosisSnomed?: string | undefined; disposal?: string | undefined; costPence?: number | undefined;
}

/** Outpatient appointment; attendedOrDna uses the ATTENDED OR DID NOT ATTEND codes (5, 6 attended; 3, 7 DNA). */
export interface OpAppointment extends ActivityBase {
  kind: 'op_appointment'; appointmentDate: string; treatmentFunctionCode?: string | undefined; firstAttendance?: '1' | '2' | undefined;
  attendedOrDna?: string | undefined; costPence?: number | undefined;
}

export type CommunitySetting = 'community' | 'mental_health';

export interface CommunityContact extends ActivityBase {
  kind: 'community_contact'; setting: CommunitySetting; contactDate: string; service?: string | undefined; contactMode?: string | undefined;
  professional?: string | undefined; durationMinutes?: number | undefined;
}

export type UrgentCareService = 'ambulance' | 'nhs111';

export interface UrgentCareContact extends ActivityBase {
  kind: 'urgent_care_contact'; service: UrgentCareService; contactAt: string; outcome?: string | undefined;
}

/** Adult social care event in the shape of the Client Level Data (CLD) return. */
export interface SocialCareEvent extends ActivityBase {
  kind: 'social_care_event';
  eventType: 'Request' | 'Assessment' | 'Service' | 'Review';
  eventReference?: string | undefined;
  eventStartDate: string;
  eventEndDate?: string | undefined;
  eventOutcome?: string | undefined;
  clientType: string;
  primarySupportReason?: string | undefined;
  assessmentType?: string | undefined;
  reviewReason?: string | undefined;
  serviceType?: string | undefined;
  serviceComponent?: string | undefined;
  deliveryMechanism?: string | undefined;
  supportSetting?: string | undefined;
  unitCostPence?: number | undefined;
  costFrequencyUnitType?: string | undefined;
  plannedUnitsPerWeek?: number | undefined;
  weeklyCostPence?: number | undefined;
  /** Who pays: 'Local authority', 'NHS', 'Joint' or 'Self-funded'. */
  funder?: string | undefined;
  /** CLD Client_Funding_Status, e.g. 'Fully social care funded'. */
  clientFundingStatus?: string | undefined;
}

export type Activity =
  | GpEvent | GpMedication | ApcSpell | AeAttendance | OpAppointment | CommunityContact | UrgentCareContact | SocialCareEvent;

export type ActivityKind = Activity['kind'];

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  'gp_event', 'gp_medication', 'apc_spell', 'ae_attendance', 'op_appointment', 'community_contact', 'urgent_care_contact', 'social_care_event',
];

export const ACTIVITY_LABELS: Record<ActivityKind, string> = {
  gp_event: 'GP coded event',
  gp_medication: 'GP medication',
  apc_spell: 'Hospital admission',
  ae_attendance: 'A&E attendance',
  op_appointment: 'Outpatient appointment',
  community_contact: 'Community or mental health contact',
  urgent_care_contact: 'Ambulance or 111 contact',
  social_care_event: 'Adult social care',
};

/** Admission methods 21–2D and 2A–2D are emergency admissions (HES ADMIMETH 2x). */
export function isEmergencyAdmission(admissionMethod: string): boolean {
  return admissionMethod.startsWith('2');
}

/** Length of stay in days from admission to discharge (0 for same-day). */
export function lengthOfStayDays(admissionDate: string, dischargeDate: string | undefined): number | undefined {
  if (!dischargeDate) return undefined;
  return Math.round((Date.parse(`${dischargeDate}T00:00:00Z`) - Date.parse(`${admissionDate}T00:00:00Z`)) / 86_400_000);
}

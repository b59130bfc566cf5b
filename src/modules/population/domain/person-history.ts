import type { Code } from '../../../kernel/codes.ts';
import type { CommunitySetting, SocialCareEvent, UrgentCareService } from './activity.ts';
import type { SexCode } from './demographics.ts';

/**
 * One person's linked record reduced to what population analytics reads: demographics and, from every
 * partner, the dates, codes and amounts of their activity (no free text, no source organisation, no
 * costs other than social care's weekly cost). Plain data, streamed in batches by
 * services/person-history.service.ts; analytics derives its facts and scores from it without ever
 * seeing the store.
 *
 * Caveats, as stored:
 * - Dates are ISO 'YYYY-MM-DD'; A&E arrivals and ambulance/111 contacts are ISO instants (UTC).
 * - Missing optional values are `undefined` for dates and methods (the score definitions' shapes),
 *   `null` for other values.
 * - Records come in no particular order within a person (store order); a spell's diagnoses are in
 *   position order, the first being the primary diagnosis.
 * - Code objects are shared between records with the same code: treat them as read-only.
 */
export interface PersonHistoryDemographics {
  id: number;
  nhsNumber: string | null;
  dateOfBirth: string | null;
  /** NHS Data Dictionary PERSON STATED GENDER CODE. */
  sex: SexCode;
  localityCode: string | null;
  gpPracticeCode: string | null;
  dateOfDeath: string | null;
}

/** A GP coded event (SNOMED CT as GP systems record them). */
export interface HistoryGpEvent {
  eventDate: string;
  code: Code;
}

/** A GP medication (dm+d, or RxNorm from FHIR sources); current while endDate is undefined. */
export interface HistoryMedication {
  startDate: string;
  endDate: string | undefined;
  code: Code;
}

/** An admitted patient care hospital provider spell (NHS Data Dictionary / HES APC). */
export interface HistorySpell {
  /** The spell's record key, unique for the person. */
  recordKey: string;
  admissionDate: string;
  dischargeDate: string | undefined;
  /** ADMISSION METHOD, e.g. '21' (emergency via A&E) or '11' (waiting list). */
  admissionMethod: string;
  /** DISCHARGE METHOD, e.g. '1' (discharged on clinical advice) or '4' (died). */
  dischargeMethod: string | undefined;
  /** DISCHARGE DESTINATION, e.g. '19' (usual place of residence). */
  dischargeDestination: string | undefined;
  /** Length of stay in days as recorded (discharge date minus admission date), null while in hospital. */
  lengthOfStay: number | null;
  /** ICD-10 codes (normalised, without the dot) in position order; the first is the primary diagnosis. */
  diagnoses: string[];
}

/** An emergency department attendance (ECDS: SNOMED CT chief complaint and diagnosis). */
export interface HistoryAeAttendance {
  /** ISO instant of arrival. */
  arrivalAt: string;
  chiefComplaintSnomed: string | null;
  diagnosisSnomed: string | null;
}

/** An outpatient appointment. */
export interface HistoryOutpatientAppointment {
  appointmentDate: string;
  /**
   * From ATTENDED OR DID NOT ATTEND: true for 5 and 6 (seen), false for 2, 3, 4 and 7 (cancelled, did
   * not attend, or arrived too late to be seen), null when not recorded or 0 (not applicable).
   */
  attended: boolean | null;
}

/** A community or mental health service contact. */
export interface HistoryCommunityContact {
  setting: CommunitySetting;
  contactDate: string;
}

/** An ambulance or NHS 111 contact. */
export interface HistoryUrgentCareContact {
  service: UrgentCareService;
  /** ISO instant of the contact. */
  contactAt: string;
}

/** An adult social care event (Client Level Data). */
export interface HistorySocialCareEvent {
  eventType: SocialCareEvent['eventType'];
  startDate: string;
  /** Undefined while the event (a service) is open. */
  endDate: string | undefined;
  /** Weekly cost of a service, in pence; null for requests, assessments and reviews or when not recorded. */
  weeklyCostPence: number | null;
  clientType: string;
  /** Primary support reason (PSR), e.g. 'Physical support: Personal care support'. */
  primarySupportReason: string | null;
}

export interface PersonHistory {
  person: PersonHistoryDemographics;
  gpEvents: HistoryGpEvent[];
  medications: HistoryMedication[];
  spells: HistorySpell[];
  aeAttendances: HistoryAeAttendance[];
  outpatientAppointments: HistoryOutpatientAppointment[];
  communityContacts: HistoryCommunityContact[];
  urgentCareContacts: HistoryUrgentCareContact[];
  socialCareEvents: HistorySocialCareEvent[];
}

/** A history with no activity yet. */
export function emptyPersonHistory(person: PersonHistoryDemographics): PersonHistory {
  return {
    person, gpEvents: [], medications: [], spells: [], aeAttendances: [], outpatientAppointments: [], communityContacts: [],
    urgentCareContacts: [], socialCareEvents: [],
  };
}

/** The number of activity records in a history (spell diagnoses not counted separately). */
export function countHistoryRecords(history: PersonHistory): number {
  return history.gpEvents.length + history.medications.length + history.spells.length + history.aeAttendances.length
    + history.outpatientAppointments.length + history.communityContacts.length + history.urgentCareContacts.length
    + history.socialCareEvents.length;
}

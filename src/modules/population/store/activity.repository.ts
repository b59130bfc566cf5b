import { insertRows, type BulkTable, type Cell } from '../../../kernel/db/bulk.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { lengthOfStayDays, type Activity, type ActivityKind } from '../domain/activity.ts';
import { recordActivityChange } from './activity-change.repository.ts';

/** Column order of each activity table for bulk writes; the row builders below follow it exactly. */
const PERSON_KEY = [['person_id', 'bigint'], ['record_key', 'text'], ['source_org', 'text']] as const;

export const ACTIVITY_TABLES: Record<ActivityKind, BulkTable> = {
  gp_event: { table: 'gp_event', columns: [...PERSON_KEY, ['event_date', 'text'], ['code_system', 'text'], ['code', 'text'], ['term', 'text'], ['value', 'double precision'], ['unit', 'text']] },
  gp_medication: { table: 'gp_medication', columns: [...PERSON_KEY, ['start_date', 'text'], ['end_date', 'text'], ['code_system', 'text'], ['code', 'text'], ['term', 'text']] },
  apc_spell: {
    table: 'apc_spell',
    columns: [...PERSON_KEY, ['spell_number', 'text'], ['admission_date', 'text'], ['discharge_date', 'text'], ['admission_method', 'text'],
      ['admission_source', 'text'], ['discharge_method', 'text'], ['discharge_destination', 'text'], ['primary_diagnosis', 'text'],
      ['length_of_stay', 'integer'], ['cost_pence', 'bigint']],
  },
  ae_attendance: {
    table: 'ae_attendance',
    columns: [...PERSON_KEY, ['arrival_at', 'text'], ['departure_at', 'text'], ['arrival_mode', 'text'], ['chief_complaint_snomed', 'text'],
      ['diagnosis_snomed', 'text'], ['disposal', 'text'], ['cost_pence', 'bigint']],
  },
  op_appointment: {
    table: 'op_appointment',
    columns: [...PERSON_KEY, ['appointment_date', 'text'], ['treatment_function_code', 'text'], ['first_attendance', 'text'], ['attended_or_dna', 'text'], ['cost_pence', 'bigint']],
  },
  community_contact: {
    table: 'community_contact',
    columns: [...PERSON_KEY, ['setting', 'text'], ['contact_date', 'text'], ['service', 'text'], ['contact_mode', 'text'], ['professional', 'text'], ['duration_minutes', 'integer']],
  },
  urgent_care_contact: { table: 'urgent_care_contact', columns: [...PERSON_KEY, ['service', 'text'], ['contact_at', 'text'], ['outcome', 'text']] },
  social_care_event: {
    table: 'social_care_event',
    columns: [...PERSON_KEY, ['event_type', 'text'], ['event_reference', 'text'], ['event_start_date', 'text'], ['event_end_date', 'text'],
      ['event_outcome', 'text'], ['client_type', 'text'], ['primary_support_reason', 'text'], ['assessment_type', 'text'], ['review_reason', 'text'],
      ['service_type', 'text'], ['service_component', 'text'], ['delivery_mechanism', 'text'], ['support_setting', 'text'], ['unit_cost_pence', 'bigint'],
      ['cost_frequency_unit_type', 'text'], ['planned_units_per_week', 'double precision'], ['weekly_cost_pence', 'bigint'], ['funder', 'text'],
      ['client_funding_status', 'text']],
  },
};

const APC_DIAGNOSIS: BulkTable = { table: 'apc_diagnosis', columns: [['person_id', 'bigint'], ['record_key', 'text'], ['position', 'integer'], ['icd10_code', 'text']] };
const APC_PROCEDURE: BulkTable = {
  table: 'apc_procedure',
  columns: [['person_id', 'bigint'], ['record_key', 'text'], ['position', 'integer'], ['opcs4_code', 'text'], ['procedure_date', 'text']],
};

const n = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function activityRow(personId: number, a: Activity): Cell[] {
  const key: Cell[] = [personId, a.recordKey, n(a.sourceOrg)];
  switch (a.kind) {
    case 'gp_event': return [...key, a.eventDate, a.code.system, a.code.code, n(a.term), n(a.value), n(a.unit)];
    case 'gp_medication': return [...key, a.startDate, n(a.endDate), a.code.system, a.code.code, n(a.term)];
    case 'apc_spell': return [...key, n(a.spellNumber), a.admissionDate, n(a.dischargeDate), a.admissionMethod, n(a.admissionSource),
      n(a.dischargeMethod), n(a.dischargeDestination), n(a.diagnoses[0]), n(a.lengthOfStay ?? lengthOfStayDays(a.admissionDate, a.dischargeDate)), n(a.costPence)];
    case 'ae_attendance': return [...key, a.arrivalAt, n(a.departureAt), n(a.arrivalMode), n(a.chiefComplaintSnomed), n(a.diagnosisSnomed), n(a.disposal), n(a.costPence)];
    case 'op_appointment': return [...key, a.appointmentDate, n(a.treatmentFunctionCode), n(a.firstAttendance), n(a.attendedOrDna), n(a.costPence)];
    case 'community_contact': return [...key, a.setting, a.contactDate, n(a.service), n(a.contactMode), n(a.professional), n(a.durationMinutes)];
    case 'urgent_care_contact': return [...key, a.service, a.contactAt, n(a.outcome)];
    case 'social_care_event': return [...key, a.eventType, n(a.eventReference), a.eventStartDate, n(a.eventEndDate), n(a.eventOutcome), a.clientType,
      n(a.primarySupportReason), n(a.assessmentType), n(a.reviewReason), n(a.serviceType), n(a.serviceComponent), n(a.deliveryMechanism),
      n(a.supportSetting), n(a.unitCostPence), n(a.costFrequencyUnitType), n(a.plannedUnitsPerWeek), n(a.weeklyCostPence), n(a.funder),
      n(a.clientFundingStatus)];
  }
}

export interface PersonActivity { personId: number; activity: Activity }

export interface ActivityWriteResult { inserted: number; duplicates: number }

/**
 * Writes activity for known persons in one pass per table. A record whose (person, recordKey) is
 * already stored is counted as a duplicate and left as it was; a spell's diagnoses and procedures are
 * written with it. When anything was written, the persons go in the activity change log (a person
 * whose records were all duplicates may be among them: a reader recomputes them for nothing).
 */
export async function insertActivities(tx: Tx, items: readonly PersonActivity[]): Promise<ActivityWriteResult> {
  const rowsByKind = new Map<ActivityKind, Cell[][]>();
  const diagnoses: Cell[][] = [];
  const procedures: Cell[][] = [];
  for (const { personId, activity } of items) {
    let rows = rowsByKind.get(activity.kind);
    if (!rows) rowsByKind.set(activity.kind, (rows = []));
    rows.push(activityRow(personId, activity));
    if (activity.kind === 'apc_spell') {
      activity.diagnoses.forEach((code, i) => diagnoses.push([personId, activity.recordKey, i + 1, code]));
      activity.procedures.forEach((p, i) => procedures.push([personId, activity.recordKey, i + 1, p.code, n(p.date)]));
    }
  }
  let inserted = 0;
  for (const [kind, rows] of rowsByKind) inserted += await insertRows(tx, ACTIVITY_TABLES[kind], rows);
  await insertRows(tx, APC_DIAGNOSIS, diagnoses);
  await insertRows(tx, APC_PROCEDURE, procedures);
  if (inserted > 0) await recordActivityChange(tx, items.map((item) => item.personId));
  return { inserted, duplicates: items.length - inserted };
}

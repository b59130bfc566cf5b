import type { Code } from '../../../kernel/codes.ts';
import { isEmergencyAdmission, ACTIVITY_LABELS, type ActivityKind } from './activity.ts';

/**
 * One line of a person's linked record, whatever partner it came from. Pure: the store hands over
 * rows, the reference meanings come in as lookups, so screens and exports can reuse it.
 */
export const SETTINGS = ['GP', 'Hospital', 'A&E', 'Outpatients', 'Community', 'Mental health', 'Ambulance', 'NHS 111', 'Social care'] as const;
export type Setting = (typeof SETTINGS)[number];

export interface TimelineEntry {
  kind: ActivityKind;
  kindLabel: string;
  setting: Setting;
  date: string;
  recordKey: string;
  sourceOrg: string | null;
  title: string;
  details: string[];
  codes: Code[];
  costPence: number | null;
}

/** Which activity kinds can produce entries in a setting (the store queries only those tables). */
export const KINDS_BY_SETTING: Record<Setting, ActivityKind[]> = {
  GP: ['gp_event', 'gp_medication'],
  Hospital: ['apc_spell'],
  'A&E': ['ae_attendance'],
  Outpatients: ['op_appointment'],
  Community: ['community_contact'],
  'Mental health': ['community_contact'],
  Ambulance: ['urgent_care_contact'],
  'NHS 111': ['urgent_care_contact'],
  'Social care': ['social_care_event'],
};

export interface CodeMeanings {
  admissionMethod: ReadonlyMap<string, string>;
  dischargeDestination: ReadonlyMap<string, string>;
}

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const present = (...parts: (string | null | false | undefined)[]) => parts.filter((p): p is string => typeof p === 'string' && p !== '');
const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

function base(kind: ActivityKind, setting: Setting, date: string, row: Row): Omit<TimelineEntry, 'title' | 'details' | 'codes' | 'costPence'> {
  return { kind, kindLabel: ACTIVITY_LABELS[kind], setting, date: date.slice(0, 10), recordKey: String(row.record_key), sourceOrg: s(row.source_org) };
}

export function gpEventEntry(row: Row): TimelineEntry {
  const value = num(row.value);
  return {
    ...base('gp_event', 'GP', String(row.event_date), row),
    title: s(row.term) ?? `Coded event ${row.code}`,
    details: present(value !== null && `Value ${value}${row.unit ? ` ${row.unit}` : ''}`),
    codes: [{ system: row.code_system as Code['system'], code: String(row.code) }],
    costPence: null,
  };
}

export function gpMedicationEntry(row: Row): TimelineEntry {
  return {
    ...base('gp_medication', 'GP', String(row.start_date), row),
    title: `Medication: ${s(row.term) ?? row.code}`,
    details: present(row.end_date ? `Stopped ${row.end_date}` : 'Current'),
    codes: [{ system: row.code_system as Code['system'], code: String(row.code) }],
    costPence: null,
  };
}

export function apcSpellEntry(row: Row, diagnoses: string[], procedures: string[], meanings: CodeMeanings): TimelineEntry {
  const method = String(row.admission_method);
  const destination = s(row.discharge_destination);
  const los = num(row.length_of_stay);
  return {
    ...base('apc_spell', 'Hospital', String(row.admission_date), row),
    title: `${isEmergencyAdmission(method) ? 'Emergency' : 'Planned'} admission${diagnoses[0] ? ` (${diagnoses[0]})` : ''}`,
    details: present(
      `Admission method ${method}: ${meanings.admissionMethod.get(method) ?? 'unknown code'}`,
      row.discharge_date ? `Discharged ${row.discharge_date}${los !== null ? ` after ${los} day${los === 1 ? '' : 's'}` : ''}` : 'Not yet discharged',
      destination && `Discharge destination ${destination}: ${truncate(meanings.dischargeDestination.get(destination) ?? 'unknown code')}`,
    ),
    codes: [
      ...diagnoses.map((code) => ({ system: 'ICD-10' as const, code })),
      ...procedures.map((code) => ({ system: 'OPCS-4' as const, code })),
    ],
    costPence: num(row.cost_pence),
  };
}

export function aeAttendanceEntry(row: Row): TimelineEntry {
  return {
    ...base('ae_attendance', 'A&E', String(row.arrival_at), row),
    title: `A&E attendance${row.arrival_mode === 'ambulance' ? ' (arrived by ambulance)' : ''}`,
    details: present(row.disposal ? `Outcome: ${row.disposal}` : null),
    codes: present(s(row.chief_complaint_snomed), s(row.diagnosis_snomed)).map((code) => ({ system: 'SNOMED CT' as const, code })),
    costPence: num(row.cost_pence),
  };
}

const ATTENDANCE: Record<string, string> = { '5': 'Attended on time', '6': 'Arrived late but seen', '7': 'Arrived too late to be seen', '2': 'Cancelled by patient', '3': 'Did not attend', '4': 'Cancelled by provider' };

export function opAppointmentEntry(row: Row): TimelineEntry {
  const attended = s(row.attended_or_dna);
  return {
    ...base('op_appointment', 'Outpatients', String(row.appointment_date), row),
    title: `${row.first_attendance === '1' ? 'First' : 'Follow-up'} outpatient appointment`,
    details: present(row.treatment_function_code ? `Treatment function ${row.treatment_function_code}` : null, attended && (ATTENDANCE[attended] ?? `Attendance code ${attended}`)),
    codes: [],
    costPence: num(row.cost_pence),
  };
}

export function communityContactEntry(row: Row): TimelineEntry {
  const mental = row.setting === 'mental_health';
  const minutes = num(row.duration_minutes);
  return {
    ...base('community_contact', mental ? 'Mental health' : 'Community', String(row.contact_date), row),
    title: s(row.service) ?? (mental ? 'Mental health contact' : 'Community contact'),
    details: present(s(row.professional), s(row.contact_mode), minutes !== null && `${minutes} minutes`),
    codes: [],
    costPence: null,
  };
}

export function urgentCareEntry(row: Row): TimelineEntry {
  const ambulance = row.service === 'ambulance';
  return {
    ...base('urgent_care_contact', ambulance ? 'Ambulance' : 'NHS 111', String(row.contact_at), row),
    title: ambulance ? 'Ambulance call' : 'NHS 111 call',
    details: present(row.outcome ? `Outcome: ${row.outcome}` : null),
    codes: [],
    costPence: null,
  };
}

export function socialCareEntry(row: Row): TimelineEntry {
  const type = String(row.event_type);
  const weekly = num(row.weekly_cost_pence);
  const title = type === 'Service' ? `Service: ${s(row.service_type) ?? 'support'}` : type === 'Assessment' ? `Assessment${row.assessment_type ? `: ${row.assessment_type}` : ''}` : type === 'Review' ? 'Review' : 'Request for support';
  return {
    ...base('social_care_event', 'Social care', String(row.event_start_date), row),
    title,
    details: present(
      s(row.service_component), s(row.delivery_mechanism), s(row.primary_support_reason),
      row.event_end_date ? `Ended ${row.event_end_date}` : type === 'Service' ? 'Open' : null,
      s(row.event_outcome) && `Outcome: ${row.event_outcome}`,
      weekly !== null && `${pounds(weekly)} a week`, s(row.funder) && `Funded by ${row.funder}`,
    ),
    codes: [],
    costPence: weekly,
  };
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Newest first; same-day entries in a stable order. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries.sort((a, b) => (a.date === b.date ? a.recordKey.localeCompare(b.recordKey) : a.date < b.date ? 1 : -1));
}

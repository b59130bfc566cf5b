import { checkCode, type Code, type CodeSystemId } from '../../../kernel/codes.ts';
import type {
  Activity, ActivityKind, AeAttendance, ApcSpell, CommunityContact, GpEvent, GpMedication, OpAppointment, SocialCareEvent,
  UrgentCareContact,
} from './activity.ts';
import { normalisePostcode, normaliseSex } from './demographics.ts';
import { checkNhsNumber } from './nhs-number.ts';
import type { Person } from './person.ts';
import { hasUsableIdentity, NO_IDENTITY_REASON, type IncomingIdentity } from './csv-identity.ts';
import {
  hashText, ownString, quoteValue, readDate, readInstant, readListValue, readNumber, readPounds, readWholeNumber, type ValueList, type ValueResult,
} from './csv-values.ts';

/**
 * The CSV layouts Seamless imports and writes: one per activity type plus a persons layout. A layout is
 * recognised from its header (names compared without case or punctuation, so `NHS_Number`,
 * `nhs number` and `nhs_number` are the same column; a few real aliases such as HES `admidate` and CLD
 * `LA_Person_Unique_Identifier` are accepted). Every activity row carries identity columns (only some
 * needed) and a record id: the source's own id for the record, or, when there is none, a hash of the
 * row's activity fields, so re-sending a row never stores it twice. docs/importing.md is generated
 * from the same definitions by hand: keep them in step.
 */
export type CsvLayoutName =
  | 'persons' | 'gp_events' | 'gp_medications' | 'apc_spells' | 'ae_attendances' | 'op_appointments' | 'community_contacts'
  | 'urgent_care_contacts' | 'social_care_events';

export interface CsvColumn {
  name: string;
  aliases?: readonly string[];
  description: string;
  example: string;
}

export interface CsvLayout {
  name: CsvLayoutName;
  kind: ActivityKind | 'person';
  description: string;
  /** Columns whose presence identifies the layout; each must be in the header and filled on every row. */
  signature: readonly string[];
  columns: readonly CsvColumn[];
  /** The columns the extract writer writes, in order. */
  writerColumns: readonly string[];
}

/** Lists the import checks coded values against (from reference/*.csv, loaded by the importer). */
export interface ImportVocabulary {
  /** CLD field name (e.g. 'Service_Type') → allowed values, current spelling preferred. */
  cld: ReadonlyMap<string, ValueList>;
  admissionMethod: ValueList;
  admissionSource: ValueList;
  dischargeMethod: ValueList;
  dischargeDestination: ValueList;
}

export interface CsvParseContext {
  /** Today's date: later dates are rejected as in the future. */
  today: string;
  /** Now as an ISO instant, for date-times. */
  now: string;
  vocabulary: ImportVocabulary;
}

export const IDENTITY_COLUMNS: readonly CsvColumn[] = [
  { name: 'nhs_number', aliases: ['nhs_no', 'nhsno'], description: 'NHS number, 10 digits (spaces allowed); must pass the Modulus 11 check', example: '9434765919' },
  { name: 'local_person_id', aliases: ['la_person_unique_identifier', 'council_person_id', 'local_id'], description: "Council person id (CLD LA_Person_Unique_Identifier) or a local id Seamless assigned ('L000000123')", example: 'LA-000123' },
  { name: 'source_system', description: "Name of the source system whose patient id follows (identifier system 'source:<name>')", example: 'emis' },
  { name: 'source_patient_id', description: "The source system's own patient id", example: '84213' },
  { name: 'family_name', aliases: ['surname', 'last_name'], description: 'Family name', example: 'Smith' },
  { name: 'given_name', aliases: ['forename', 'first_name'], description: 'Given name', example: 'Ann' },
  { name: 'date_of_birth', aliases: ['dob', 'birth_date'], description: 'Date of birth, YYYY-MM-DD or DD/MM/YYYY', example: '1941-03-07' },
  { name: 'sex', aliases: ['gender', 'sex_code', 'person_stated_gender_code'], description: "1/male, 2/female, 9/indeterminate, X/unknown (CLD Gender 'Male', 'Female', 'Unknown' too)", example: '2' },
  { name: 'postcode', aliases: ['post_code', 'postcode_of_usual_address'], description: 'Postcode of usual address', example: 'LS1 4AP' },
];

const RECORD_COLUMNS = (aliases: readonly string[]): CsvColumn[] => [
  { name: 'record_id', aliases, description: "The source's own id for this record; when absent a hash of the row's activity fields is the key", example: 'R-0001' },
  { name: 'source_org', aliases: ['provider_code', 'org_code'], description: 'ODS code of the organisation that sent the record', example: 'RR8' },
];

const COST: CsvColumn = { name: 'cost', aliases: ['cost_pounds', 'tariff'], description: 'Cost in pounds (e.g. 1234.50); stored in pence', example: '3521.00' };
const WRITER_IDENTITY = ['nhs_number', 'local_person_id'];

const layouts: CsvLayout[] = [
  {
    name: 'persons', kind: 'person', description: 'The person index: one row per person (a person may appear again; gaps are filled, nothing is overwritten).',
    signature: [],
    columns: [
      ...IDENTITY_COLUMNS,
      { name: 'lsoa_code', aliases: ['lsoa', 'lsoa11cd', 'lsoa21cd'], description: 'LSOA of residence', example: 'E01011365' },
      { name: 'locality_code', description: "The place's locality code", example: 'LOC01' },
      { name: 'gp_practice_code', aliases: ['practice_code', 'gp_practice'], description: 'ODS code of the registered GP practice', example: 'B86001' },
      { name: 'date_of_death', aliases: ['dod', 'death_date'], description: 'Date of death', example: '' },
    ],
    writerColumns: ['nhs_number', 'local_person_id', 'family_name', 'given_name', 'date_of_birth', 'sex', 'postcode', 'lsoa_code',
      'locality_code', 'gp_practice_code', 'date_of_death'],
  },
  {
    name: 'gp_events', kind: 'gp_event', description: 'GP coded events (SNOMED CT), with a value where the event is a measurement.',
    signature: ['event_date', 'snomed_code'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['event_id']),
      { name: 'event_date', aliases: ['date'], description: 'Date of the event', example: '2024-02-11' },
      { name: 'snomed_code', aliases: ['snomed', 'snomedct_code', 'concept_id'], description: 'SNOMED CT concept id (checked: digits with a valid Verhoeff check digit)', example: '44054006' },
      { name: 'term', aliases: ['description', 'display'], description: 'Term as recorded', example: 'Type 2 diabetes mellitus' },
      { name: 'value', aliases: ['numeric_value'], description: 'Numeric value of a measurement', example: '' },
      { name: 'unit', aliases: ['units'], description: 'Unit of the value', example: '' },
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'event_date', 'snomed_code', 'term', 'value', 'unit'],
  },
  {
    name: 'gp_medications', kind: 'gp_medication', description: 'GP medication (dm+d; RxNorm accepted for sources that only have it).',
    signature: ['start_date'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['prescription_id', 'medication_id']),
      { name: 'start_date', aliases: ['issue_date', 'authored_on'], description: 'Start (first issue) date', example: '2023-05-02' },
      { name: 'end_date', description: 'End date; empty while current', example: '' },
      { name: 'dmd_code', aliases: ['dmd', 'dmd_id'], description: 'dm+d concept id (VMP/AMP…); one of dmd_code or rxnorm_code is needed', example: '39113611000001102' },
      { name: 'rxnorm_code', aliases: ['rxnorm', 'rxcui'], description: 'RxNorm code, when there is no dm+d code', example: '' },
      { name: 'term', aliases: ['description', 'drug_name', 'display'], description: 'Medication name as recorded', example: 'Metformin 500mg tablets' },
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'start_date', 'end_date', 'dmd_code', 'rxnorm_code', 'term'],
  },
  {
    name: 'apc_spells', kind: 'apc_spell', description: 'Admitted patient care: one row per hospital provider spell (NHS Data Dictionary / HES APC).',
    signature: ['admission_date', 'admission_method'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['spell_id']),
      { name: 'spell_number', aliases: ['hospital_provider_spell_number', 'provspno'], description: 'Hospital provider spell number', example: 'SP12345' },
      { name: 'admission_date', aliases: ['admidate', 'start_date_hospital_provider_spell'], description: 'Admission date', example: '2024-01-03' },
      { name: 'discharge_date', aliases: ['disdate', 'discharge_date_hospital_provider_spell'], description: 'Discharge date; empty while in hospital', example: '2024-01-09' },
      { name: 'admission_method', aliases: ['admimeth'], description: 'ADMISSION METHOD code (reference/apc_admission_method.csv), e.g. 21 emergency via A&E', example: '21' },
      { name: 'admission_source', aliases: ['admisorc', 'source_of_admission'], description: 'Source of admission code (reference/apc_admission_source.csv)', example: '19' },
      { name: 'discharge_method', aliases: ['dismeth'], description: 'Discharge method code (reference/apc_discharge_method.csv)', example: '1' },
      { name: 'discharge_destination', aliases: ['disdest'], description: 'Discharge destination code (reference/apc_discharge_destination.csv), 19 = usual place of residence', example: '19' },
      { name: 'primary_diagnosis', aliases: ['diag_4_01', 'diag_01', 'primary_diagnosis_icd'], description: 'Primary diagnosis, ICD-10 (I10X, I10, i10.x all read as I10)', example: 'J18.9' },
      { name: 'secondary_diagnoses', aliases: ['other_diagnoses'], description: 'Secondary diagnoses, ICD-10, separated by ;', example: 'I10X;E11.9' },
      { name: 'procedures', aliases: ['procedure_codes', 'opcs_codes'], description: 'Procedures, OPCS-4, separated by ; (first = main procedure)', example: 'X29.2' },
      { name: 'procedure_dates', description: 'Dates of the procedures, separated by ;, in the same order (optional)', example: '2024-01-04' },
      { name: 'length_of_stay', aliases: ['spelldur', 'los'], description: 'Length of stay in days; worked out from the dates when empty', example: '6' },
      COST,
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'spell_number', 'admission_date', 'discharge_date', 'admission_method',
      'admission_source', 'discharge_method', 'discharge_destination', 'primary_diagnosis', 'secondary_diagnoses', 'procedures',
      'procedure_dates', 'length_of_stay', 'cost'],
  },
  {
    name: 'ae_attendances', kind: 'ae_attendance', description: 'Emergency care (A&E) attendances in the shape of ECDS (SNOMED CT chief complaint and diagnosis).',
    signature: ['arrival_at'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['attendance_id']),
      { name: 'arrival_at', aliases: ['arrival_date_time', 'arrival_date', 'arrivaldate'], description: 'Arrival date-time (ISO; no zone = UTC) or date', example: '2024-01-03T09:41:00Z' },
      { name: 'departure_at', aliases: ['departure_date_time', 'depdate'], description: 'Departure date-time', example: '2024-01-03T13:02:00Z' },
      { name: 'arrival_mode', description: "'ambulance' or 'other'", example: 'ambulance' },
      { name: 'chief_complaint_snomed', aliases: ['chief_complaint'], description: 'Chief complaint, SNOMED CT', example: '' },
      { name: 'diagnosis_snomed', aliases: ['diagnosis'], description: 'Diagnosis, SNOMED CT', example: '' },
      { name: 'disposal', description: 'Where the patient went (admitted, discharged, …)', example: 'admitted' },
      COST,
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'arrival_at', 'departure_at', 'arrival_mode', 'chief_complaint_snomed',
      'diagnosis_snomed', 'disposal', 'cost'],
  },
  {
    name: 'op_appointments', kind: 'op_appointment', description: 'Outpatient appointments (HES OP names where natural).',
    signature: ['appointment_date'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['attendance_id', 'appointment_id']),
      { name: 'appointment_date', aliases: ['apptdate'], description: 'Appointment date', example: '2024-02-20' },
      { name: 'treatment_function_code', aliases: ['tretspef'], description: 'Treatment function code (3 characters)', example: '300' },
      { name: 'first_attendance', aliases: ['firstatt'], description: '1 first, 2 follow-up', example: '1' },
      { name: 'attended_or_dna', aliases: ['attended'], description: 'ATTENDED OR DID NOT ATTEND: 5/6 attended, 3/7 did not attend, 2/4 cancelled, 0 not applicable', example: '5' },
      COST,
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'appointment_date', 'treatment_function_code', 'first_attendance',
      'attended_or_dna', 'cost'],
  },
  {
    name: 'community_contacts', kind: 'community_contact', description: 'Community and mental health contacts (CSDS / MHSDS shape).',
    signature: ['setting', 'contact_date'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['contact_id']),
      { name: 'setting', description: "'community' or 'mental_health'", example: 'community' },
      { name: 'contact_date', description: 'Date of the contact', example: '2024-03-01' },
      { name: 'service', description: 'Service or team', example: 'District nursing' },
      { name: 'contact_mode', aliases: ['consultation_medium'], description: 'Face to face, telephone, video…', example: 'face to face' },
      { name: 'professional', aliases: ['care_professional'], description: 'Professional group', example: 'Nurse' },
      { name: 'duration_minutes', aliases: ['duration'], description: 'Length of the contact in minutes', example: '30' },
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'setting', 'contact_date', 'service', 'contact_mode', 'professional',
      'duration_minutes'],
  },
  {
    name: 'urgent_care_contacts', kind: 'urgent_care_contact', description: 'Ambulance and NHS 111 contacts.',
    signature: ['service', 'contact_at'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['incident_id', 'call_id']),
      { name: 'service', description: "'ambulance' or 'nhs111'", example: 'ambulance' },
      { name: 'contact_at', aliases: ['contact_date_time', 'call_date_time'], description: 'Date-time of the call or incident', example: '2024-01-03T08:55:00Z' },
      { name: 'outcome', description: 'Outcome (conveyed, see and treat, advised, …)', example: 'conveyed' },
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'service', 'contact_at', 'outcome'],
  },
  {
    name: 'social_care_events', kind: 'social_care_event',
    description: 'Adult social care events in the shape of the Client Level Data (CLD) return, CLD field names; coded values checked against reference/cld_vocabulary.csv.',
    signature: ['Event_Type', 'Event_Start_Date', 'Client_Type'],
    columns: [
      ...IDENTITY_COLUMNS, ...RECORD_COLUMNS(['event_id']),
      { name: 'Event_Type', description: 'Request, Assessment, Service or Review', example: 'Service' },
      { name: 'Event_Reference', description: "The council's own reference for the event", example: 'EV-77' },
      { name: 'Event_Start_Date', description: 'Start date of the event', example: '2024-01-15' },
      { name: 'Event_End_Date', description: 'End date; only a Service may be open', example: '' },
      { name: 'Event_Outcome', description: 'CLD Event_Outcome', example: 'Continuation of support or services' },
      { name: 'Client_Type', description: 'CLD Client_Type (Service user, Unpaid carer, …)', example: 'Service user' },
      { name: 'Primary_Support_Reason', description: 'CLD Primary_Support_Reason', example: 'Physical Support: Personal care support' },
      { name: 'Assessment_Type', description: 'CLD Assessment_Type (assessments)', example: '' },
      { name: 'Review_Reason', description: 'CLD Review_Reason (reviews)', example: '' },
      { name: 'Service_Type', description: 'CLD Service_Type (services)', example: 'Long term support: Community' },
      { name: 'Service_Component', description: 'CLD Service_Component (services)', example: 'Home support or domiciliary care' },
      { name: 'Delivery_Mechanism', description: 'CLD Delivery_Mechanism (services)', example: 'CASSR commissioned support' },
      { name: 'Support_Setting', description: 'Where support is given (free text)', example: 'Own home' },
      { name: 'Unit_Cost', description: 'Cost per unit in pounds', example: '24.50' },
      { name: 'Cost_Frequency_Unit_Type', description: 'CLD Cost_Frequency_Unit_Type: what one unit is (Hourly, Weekly, …)', example: 'Hourly' },
      { name: 'Planned_units_per_week', description: 'Planned units per week', example: '10' },
      { name: 'Weekly_Cost', description: 'Weekly cost in pounds; worked out from Unit_Cost × frequency when empty', example: '' },
      { name: 'Funder', description: "Who pays: 'Local authority', 'NHS', 'Joint' or 'Self-funded'", example: 'Local authority' },
      { name: 'Client_Funding_Status', description: 'CLD Client_Funding_Status', example: 'Fully social care funded' },
    ],
    writerColumns: [...WRITER_IDENTITY, 'record_id', 'source_org', 'Event_Type', 'Event_Reference', 'Event_Start_Date', 'Event_End_Date',
      'Event_Outcome', 'Client_Type', 'Primary_Support_Reason', 'Assessment_Type', 'Review_Reason', 'Service_Type', 'Service_Component',
      'Delivery_Mechanism', 'Support_Setting', 'Unit_Cost', 'Cost_Frequency_Unit_Type', 'Planned_units_per_week', 'Weekly_Cost', 'Funder',
      'Client_Funding_Status'],
  },
];

export const CSV_LAYOUTS: ReadonlyMap<CsvLayoutName, CsvLayout> = new Map(layouts.map((l) => [l.name, l]));
export const CSV_LAYOUT_NAMES = layouts.map((l) => l.name);

/** The layout that holds an activity kind. */
export const LAYOUT_OF_KIND: Record<ActivityKind, CsvLayoutName> = {
  gp_event: 'gp_events', gp_medication: 'gp_medications', apc_spell: 'apc_spells', ae_attendance: 'ae_attendances',
  op_appointment: 'op_appointments', community_contact: 'community_contacts', urgent_care_contact: 'urgent_care_contacts',
  social_care_event: 'social_care_events',
};

/** Header names compare without case, spaces or punctuation: 'NHS_Number' = 'nhs number' = 'nhsnumber'. */
export function normaliseHeaderName(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A layout matched to one file's header. */
export interface BoundCsvLayout {
  layout: CsvLayout;
  headerLength: number;
  /** Canonical column name → position in the row, -1 when the file does not have it. */
  index: Readonly<Record<string, number>>;
  /** Canonical column name → the name as the file spells it (for reasons). */
  spelled: Readonly<Record<string, string>>;
  /** Header columns no layout column claimed (ignored, reported once). */
  ignoredColumns: string[];
  /** Positions of the activity columns, hashed into the record key when a row has no record id. */
  activityPositions: number[];
}

export type LayoutDetection = { ok: true; bound: BoundCsvLayout } | { ok: false; reason: string };

function bindLayout(layout: CsvLayout, header: readonly string[]): { bound: BoundCsvLayout; matched: number } {
  const positions = new Map<string, number>();
  header.forEach((h, i) => { const key = normaliseHeaderName(h); if (key !== '' && !positions.has(key)) positions.set(key, i); });
  const index: Record<string, number> = {};
  const spelled: Record<string, string> = {};
  const claimed = new Set<number>();
  let matched = 0;
  for (const column of layout.columns) {
    let at = -1;
    for (const name of [column.name, ...(column.aliases ?? [])]) {
      const p = positions.get(normaliseHeaderName(name));
      if (p !== undefined && !claimed.has(p)) { at = p; break; }
    }
    index[column.name] = at;
    spelled[column.name] = at >= 0 ? header[at]!.trim() : column.name;
    if (at >= 0) { claimed.add(at); matched++; }
  }
  const identityNames = new Set(IDENTITY_COLUMNS.map((c) => c.name));
  const activityPositions = layout.columns.filter((c) => !identityNames.has(c.name) && c.name !== 'record_id' && index[c.name]! >= 0)
    .map((c) => index[c.name]!);
  const ignoredColumns = header.filter((h, i) => !claimed.has(i) && h.trim() !== '').map((h) => h.trim());
  return { bound: { layout, headerLength: header.length, index, spelled, ignoredColumns, activityPositions }, matched };
}

/**
 * Recognises a layout from a header row. Every layout but persons has signature columns; the layout
 * whose signature is complete (and matches most columns) wins. A header with only identity columns is
 * a persons file. A header that has part of a signature gets a reason naming what is missing.
 */
export function detectCsvLayout(header: readonly string[]): LayoutDetection {
  const normalised = header.map(normaliseHeaderName);
  const seen = new Set<string>();
  for (let i = 0; i < normalised.length; i++) {
    const key = normalised[i]!;
    if (key === '') continue;
    if (seen.has(key)) return { ok: false, reason: `header names column '${header[i]!.trim()}' twice` };
    seen.add(key);
  }
  let best: { bound: BoundCsvLayout; matched: number } | undefined;
  let partial: { layout: CsvLayout; missing: string[]; found: number } | undefined;
  for (const layout of layouts) {
    if (layout.signature.length === 0) continue;
    const candidate = bindLayout(layout, header);
    const missing = layout.signature.filter((name) => candidate.bound.index[name]! < 0);
    if (missing.length === 0) {
      if (!best || candidate.matched > best.matched) best = candidate;
    } else if (missing.length < layout.signature.length) {
      const found = layout.signature.length - missing.length;
      if (!partial || found > partial.found) partial = { layout, missing, found };
    }
  }
  if (best) {
    if (!hasIdentityColumn(best.bound)) return { ok: false, reason: `header has no identity column: add nhs_number, local_person_id, or date_of_birth with family_name` };
    return { ok: true, bound: best.bound };
  }
  if (partial) {
    return { ok: false, reason: `header looks like ${partial.layout.name} but has no column ${partial.missing.join(', ')}` };
  }
  const persons = bindLayout(CSV_LAYOUTS.get('persons')!, header);
  if (hasIdentityColumn(persons.bound)) return { ok: true, bound: persons.bound };
  return { ok: false, reason: `header is not one Seamless knows (columns: ${header.slice(0, 8).map((h) => h.trim()).join(', ')}${header.length > 8 ? ', …' : ''}); see docs/importing.md` };
}

function hasIdentityColumn(bound: BoundCsvLayout): boolean {
  const i = bound.index;
  return i.nhs_number! >= 0 || i.local_person_id! >= 0 || i.source_patient_id! >= 0 || (i.date_of_birth! >= 0 && i.family_name! >= 0);
}

export type CsvRowResult =
  | { ok: true; identity: IncomingIdentity; activity: Activity | undefined }
  | { ok: false; reason: string };

type Fail = { ok: false; reason: string };

// Values already checked, as written → normalised: extracts repeat the same NHS numbers and codes on
// many rows, and checking each once keeps the per-row cost low. Bounded; a full memo starts again.
const MEMO_LIMIT = 200_000;
const validNhsNumbers = new Map<string, string>();
const validCodes: Record<CodeSystemId, Map<string, string>> = {
  'SNOMED CT': new Map(), 'ICD-10': new Map(), 'OPCS-4': new Map(), 'dm+d': new Map(), RxNorm: new Map(), LOINC: new Map(),
};

function remember(memo: Map<string, string>, raw: string, value: string): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(ownString(raw), ownString(value));
}
const failWith = (reason: string): Fail => ({ ok: false, reason });

/** Reads one row of a bound layout into who it is about and (for activity layouts) the activity. */
export function parseCsvRow(bound: BoundCsvLayout, fields: readonly string[], ctx: CsvParseContext): CsvRowResult {
  if (fields.length !== bound.headerLength) {
    return failWith(`row has ${fields.length} field${fields.length === 1 ? '' : 's'}, header has ${bound.headerLength}`);
  }
  const row = new RowReader(bound, fields);
  const identity = readIdentity(row, ctx, bound.layout.kind === 'person');
  if (!identity.ok) return identity;
  if (bound.layout.kind === 'person') return { ok: true, identity: identity.value, activity: undefined };
  const activity = readActivity(bound.layout.kind, row, ctx);
  if (!activity.ok) return activity;
  return { ok: true, identity: identity.value, activity: activity.value };
}

class RowReader {
  constructor(readonly bound: BoundCsvLayout, readonly fields: readonly string[]) {}
  /** The trimmed value of a column, undefined when the column is absent or the cell empty. */
  get(name: string): string | undefined {
    const at = this.bound.index[name]!;
    if (at < 0) return undefined;
    const value = this.fields[at]!.trim();
    return value === '' ? undefined : value;
  }
  /** The column name as the file spells it. */
  col(name: string): string { return this.bound.spelled[name]!; }
  recordKey(): string {
    const id = this.get('record_id');
    if (id !== undefined) return id;
    let text = '';
    for (const p of this.bound.activityPositions) text += `${this.fields[p]!.trim()}\u001f`;
    return `h${hashText(text)}`;
  }
  required(name: string): ValueResult<string> {
    const value = this.get(name);
    return value === undefined ? failWith(`${this.col(name)} is empty`) : { ok: true, value };
  }
}

function readIdentity(row: RowReader, ctx: CsvParseContext, isPersonRow: boolean): ValueResult<IncomingIdentity> {
  const identity: IncomingIdentity = {};
  const nhs = row.get('nhs_number');
  if (nhs !== undefined) {
    let valid = validNhsNumbers.get(nhs);
    if (valid === undefined) {
      const check = checkNhsNumber(nhs);
      if (!check.ok) return failWith(check.reason);
      valid = check.nhsNumber;
      remember(validNhsNumbers, nhs, valid);
    }
    identity.nhsNumber = valid;
  }
  identity.localId = row.get('local_person_id');
  const sourceId = row.get('source_patient_id');
  if (sourceId !== undefined) {
    const system = row.get('source_system');
    if (system === undefined) return failWith(`${row.col('source_patient_id')} needs ${row.col('source_system')} to say which system it comes from`);
    identity.sourceSystem = system.toLowerCase();
    identity.sourceId = sourceId;
  }
  identity.familyName = row.get('family_name');
  identity.givenName = row.get('given_name');
  const dob = row.get('date_of_birth');
  if (dob !== undefined) {
    const date = readDate(dob, row.col('date_of_birth'), ctx.today);
    if (!date.ok) return date;
    identity.dateOfBirth = date.value;
  }
  const sex = row.get('sex');
  if (sex !== undefined) {
    const code = normaliseSex(sex);
    if (code === undefined) return failWith(`${row.col('sex')} ${quoteValue(sex)} is not recognised (use 1, 2, 9, X, male, female or unknown)`);
    identity.sex = code;
  }
  identity.postcode = normalisePostcode(row.get('postcode'));
  if (isPersonRow) {
    identity.lsoaCode = row.get('lsoa_code');
    identity.localityCode = row.get('locality_code');
    identity.gpPracticeCode = row.get('gp_practice_code');
    const dod = row.get('date_of_death');
    if (dod !== undefined) {
      const date = readDate(dod, row.col('date_of_death'), ctx.today);
      if (!date.ok) return date;
      if (identity.dateOfBirth !== undefined && date.value < identity.dateOfBirth) {
        return failWith(`${row.col('date_of_death')} ${quoteValue(dod)} is before ${row.col('date_of_birth')} ${quoteValue(dob!)}`);
      }
      identity.dateOfDeath = date.value;
    }
  }
  if (!hasUsableIdentity(identity)) return failWith(NO_IDENTITY_REASON);
  return { ok: true, value: identity };
}

function readActivity(kind: ActivityKind, row: RowReader, ctx: CsvParseContext): ValueResult<Activity> {
  switch (kind) {
    case 'gp_event': return readGpEvent(row, ctx);
    case 'gp_medication': return readGpMedication(row, ctx);
    case 'apc_spell': return readApcSpell(row, ctx);
    case 'ae_attendance': return readAeAttendance(row, ctx);
    case 'op_appointment': return readOpAppointment(row, ctx);
    case 'community_contact': return readCommunityContact(row, ctx);
    case 'urgent_care_contact': return readUrgentCareContact(row, ctx);
    case 'social_care_event': return readSocialCareEvent(row, ctx);
  }
}

function readRequiredDate(row: RowReader, name: string, ctx: CsvParseContext): ValueResult<string> {
  const raw = row.required(name);
  return raw.ok ? readDate(raw.value, row.col(name), ctx.today) : raw;
}

function readOptionalDate(row: RowReader, name: string, ctx: CsvParseContext): ValueResult<string | undefined> {
  const raw = row.get(name);
  return raw === undefined ? { ok: true, value: undefined } : readDate(raw, row.col(name), ctx.today);
}

function readCodeIn(row: RowReader, name: string, system: CodeSystemId): ValueResult<string | undefined> {
  const raw = row.get(name);
  if (raw === undefined) return { ok: true, value: undefined };
  const known = validCodes[system].get(raw);
  if (known !== undefined) return { ok: true, value: known };
  const check = checkCode(system, raw);
  if (!check.ok) return failWith(`${check.reason} in column ${row.col(name)}`);
  remember(validCodes[system], raw, check.code.code);
  return { ok: true, value: check.code.code };
}

function readCost(row: RowReader, name: string): ValueResult<number | undefined> {
  const raw = row.get(name);
  return raw === undefined ? { ok: true, value: undefined } : readPounds(raw, row.col(name));
}

function readList(row: RowReader, name: string, list: ValueList): ValueResult<string | undefined> {
  const raw = row.get(name);
  return raw === undefined ? { ok: true, value: undefined } : readListValue(raw, row.col(name), list);
}

function notBefore(row: RowReader, later: string, laterValue: string | undefined, earlier: string, earlierValue: string): Fail | undefined {
  if (laterValue !== undefined && laterValue < earlierValue) {
    return failWith(`${row.col(later)} '${laterValue.slice(0, 10)}' is before ${row.col(earlier)} '${earlierValue.slice(0, 10)}'`);
  }
  return undefined;
}

function readGpEvent(row: RowReader, ctx: CsvParseContext): ValueResult<GpEvent> {
  const eventDate = readRequiredDate(row, 'event_date', ctx); if (!eventDate.ok) return eventDate;
  const raw = row.required('snomed_code'); if (!raw.ok) return raw;
  const code = readCodeIn(row, 'snomed_code', 'SNOMED CT'); if (!code.ok) return code;
  const rawValue = row.get('value');
  let value: number | undefined;
  if (rawValue !== undefined) { const n = readNumber(rawValue, row.col('value')); if (!n.ok) return n; value = n.value; }
  return {
    ok: true,
    value: {
      kind: 'gp_event', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), eventDate: eventDate.value,
      code: { system: 'SNOMED CT', code: code.value! }, term: row.get('term'), value, unit: row.get('unit'),
    },
  };
}

function readGpMedication(row: RowReader, ctx: CsvParseContext): ValueResult<GpMedication> {
  const startDate = readRequiredDate(row, 'start_date', ctx); if (!startDate.ok) return startDate;
  // A course may end in the future (a planned end), so end_date is not held to today.
  const endDate = readOptionalDate(row, 'end_date', { ...ctx, today: LATEST_DATE }); if (!endDate.ok) return endDate;
  const order = notBefore(row, 'end_date', endDate.value, 'start_date', startDate.value); if (order) return order;
  const dmd = readCodeIn(row, 'dmd_code', 'dm+d'); if (!dmd.ok) return dmd;
  let code: Code | undefined = dmd.value === undefined ? undefined : { system: 'dm+d', code: dmd.value };
  if (code === undefined) {
    const rxnorm = readCodeIn(row, 'rxnorm_code', 'RxNorm'); if (!rxnorm.ok) return rxnorm;
    if (rxnorm.value !== undefined) code = { system: 'RxNorm', code: rxnorm.value };
  }
  if (code === undefined) return failWith(`${row.col('dmd_code')} is empty (give a dm+d code, or rxnorm_code)`);
  return {
    ok: true,
    value: { kind: 'gp_medication', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), startDate: startDate.value, endDate: endDate.value, code, term: row.get('term') },
  };
}

function splitList(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '');
}

function readApcSpell(row: RowReader, ctx: CsvParseContext): ValueResult<ApcSpell> {
  const v = ctx.vocabulary;
  const admissionDate = readRequiredDate(row, 'admission_date', ctx); if (!admissionDate.ok) return admissionDate;
  const dischargeDate = readOptionalDate(row, 'discharge_date', ctx); if (!dischargeDate.ok) return dischargeDate;
  const order = notBefore(row, 'discharge_date', dischargeDate.value, 'admission_date', admissionDate.value); if (order) return order;
  const methodRaw = row.required('admission_method'); if (!methodRaw.ok) return methodRaw;
  const method = readListValue(methodRaw.value, row.col('admission_method'), v.admissionMethod); if (!method.ok) return method;
  const source = readList(row, 'admission_source', v.admissionSource); if (!source.ok) return source;
  const dischargeMethod = readList(row, 'discharge_method', v.dischargeMethod); if (!dischargeMethod.ok) return dischargeMethod;
  const destination = readList(row, 'discharge_destination', v.dischargeDestination); if (!destination.ok) return destination;
  const diagnoses: string[] = [];
  const primary = readCodeIn(row, 'primary_diagnosis', 'ICD-10'); if (!primary.ok) return primary;
  if (primary.value !== undefined) diagnoses.push(primary.value);
  for (const raw of splitList(row.get('secondary_diagnoses'))) {
    const check = checkCode('ICD-10', raw);
    if (!check.ok) return failWith(`${check.reason} in column ${row.col('secondary_diagnoses')}`);
    if (primary.value === undefined) return failWith(`${row.col('secondary_diagnoses')} is filled but ${row.col('primary_diagnosis')} is empty`);
    diagnoses.push(check.code.code);
  }
  const procedureDates = splitList(row.get('procedure_dates'));
  const procedures: ApcSpell['procedures'] = [];
  for (const [i, raw] of splitList(row.get('procedures')).entries()) {
    const check = checkCode('OPCS-4', raw);
    if (!check.ok) return failWith(`${check.reason} in column ${row.col('procedures')}`);
    let date: string | undefined;
    const rawDate = procedureDates[i];
    if (rawDate !== undefined && rawDate !== '-') {
      const d = readDate(rawDate, row.col('procedure_dates'), ctx.today); if (!d.ok) return d;
      date = d.value;
    }
    procedures.push({ code: check.code.code, date });
  }
  if (procedureDates.length > procedures.length) return failWith(`${row.col('procedure_dates')} has more dates than ${row.col('procedures')} has codes`);
  let lengthOfStay: number | undefined;
  const los = row.get('length_of_stay');
  if (los !== undefined) { const n = readWholeNumber(los, row.col('length_of_stay'), 0, 36_500); if (!n.ok) return n; lengthOfStay = n.value; }
  const cost = readCost(row, 'cost'); if (!cost.ok) return cost;
  return {
    ok: true,
    value: {
      kind: 'apc_spell', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), spellNumber: row.get('spell_number'),
      admissionDate: admissionDate.value, dischargeDate: dischargeDate.value, admissionMethod: method.value, admissionSource: source.value,
      dischargeMethod: dischargeMethod.value, dischargeDestination: destination.value, diagnoses, procedures, lengthOfStay, costPence: cost.value,
    },
  };
}

function readSnomed(row: RowReader, name: string): ValueResult<string | undefined> {
  return readCodeIn(row, name, 'SNOMED CT');
}

function readAeAttendance(row: RowReader, ctx: CsvParseContext): ValueResult<AeAttendance> {
  const arrivalRaw = row.required('arrival_at'); if (!arrivalRaw.ok) return arrivalRaw;
  const arrival = readInstant(arrivalRaw.value, row.col('arrival_at'), ctx.now); if (!arrival.ok) return arrival;
  let departureAt: string | undefined;
  const departureRaw = row.get('departure_at');
  if (departureRaw !== undefined) {
    const d = readInstant(departureRaw, row.col('departure_at'), ctx.now); if (!d.ok) return d;
    const order = notBefore(row, 'departure_at', d.value, 'arrival_at', arrival.value); if (order) return order;
    departureAt = d.value;
  }
  let arrivalMode: AeAttendance['arrivalMode'];
  const mode = row.get('arrival_mode');
  if (mode !== undefined) {
    const m = mode.toLowerCase();
    if (m === 'ambulance') arrivalMode = 'ambulance';
    else if (m === 'other') arrivalMode = 'other';
    else return failWith(`${row.col('arrival_mode')} ${quoteValue(mode)} must be 'ambulance' or 'other'`);
  }
  const complaint = readSnomed(row, 'chief_complaint_snomed'); if (!complaint.ok) return complaint;
  const diagnosis = readSnomed(row, 'diagnosis_snomed'); if (!diagnosis.ok) return diagnosis;
  const cost = readCost(row, 'cost'); if (!cost.ok) return cost;
  return {
    ok: true,
    value: {
      kind: 'ae_attendance', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), arrivalAt: arrival.value, departureAt, arrivalMode,
      chiefComplaintSnomed: complaint.value, diagnosisSnomed: diagnosis.value, disposal: row.get('disposal'), costPence: cost.value,
    },
  };
}

const ATTENDED_OR_DNA = new Set(['0', '2', '3', '4', '5', '6', '7']);

function readOpAppointment(row: RowReader, ctx: CsvParseContext): ValueResult<OpAppointment> {
  const date = readRequiredDate(row, 'appointment_date', ctx); if (!date.ok) return date;
  const tfc = row.get('treatment_function_code');
  if (tfc !== undefined && !/^[0-9A-Z]{3}$/i.test(tfc)) return failWith(`${row.col('treatment_function_code')} ${quoteValue(tfc)} is not a 3-character treatment function code`);
  let firstAttendance: OpAppointment['firstAttendance'];
  const first = row.get('first_attendance');
  if (first !== undefined) {
    const f = first.toLowerCase();
    if (f === '1' || f === 'first') firstAttendance = '1';
    else if (f === '2' || f === 'follow-up' || f === 'follow up' || f === 'followup') firstAttendance = '2';
    else return failWith(`${row.col('first_attendance')} ${quoteValue(first)} must be 1 (first) or 2 (follow-up)`);
  }
  const attended = row.get('attended_or_dna');
  if (attended !== undefined && !ATTENDED_OR_DNA.has(attended)) {
    return failWith(`${row.col('attended_or_dna')} ${quoteValue(attended)} is not an ATTENDED OR DID NOT ATTEND code (0, 2–7)`);
  }
  const cost = readCost(row, 'cost'); if (!cost.ok) return cost;
  return {
    ok: true,
    value: {
      kind: 'op_appointment', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), appointmentDate: date.value,
      treatmentFunctionCode: tfc?.toUpperCase(), firstAttendance, attendedOrDna: attended, costPence: cost.value,
    },
  };
}

function readCommunityContact(row: RowReader, ctx: CsvParseContext): ValueResult<CommunityContact> {
  const settingRaw = row.required('setting'); if (!settingRaw.ok) return settingRaw;
  const s = settingRaw.value.toLowerCase().replace(/[\s-]+/g, '_');
  const setting = s === 'community' ? 'community' : s === 'mental_health' || s === 'mh' ? 'mental_health' : undefined;
  if (setting === undefined) return failWith(`${row.col('setting')} ${quoteValue(settingRaw.value)} must be 'community' or 'mental_health'`);
  const date = readRequiredDate(row, 'contact_date', ctx); if (!date.ok) return date;
  let durationMinutes: number | undefined;
  const duration = row.get('duration_minutes');
  if (duration !== undefined) { const n = readWholeNumber(duration, row.col('duration_minutes'), 0, 1440); if (!n.ok) return n; durationMinutes = n.value; }
  return {
    ok: true,
    value: {
      kind: 'community_contact', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), setting, contactDate: date.value,
      service: row.get('service'), contactMode: row.get('contact_mode'), professional: row.get('professional'), durationMinutes,
    },
  };
}

function readUrgentCareContact(row: RowReader, ctx: CsvParseContext): ValueResult<UrgentCareContact> {
  const serviceRaw = row.required('service'); if (!serviceRaw.ok) return serviceRaw;
  const s = serviceRaw.value.toLowerCase().replace(/[\s_-]+/g, '');
  const service = s === 'ambulance' ? 'ambulance' : s === 'nhs111' || s === '111' ? 'nhs111' : undefined;
  if (service === undefined) return failWith(`${row.col('service')} ${quoteValue(serviceRaw.value)} must be 'ambulance' or 'nhs111'`);
  const atRaw = row.required('contact_at'); if (!atRaw.ok) return atRaw;
  const at = readInstant(atRaw.value, row.col('contact_at'), ctx.now); if (!at.ok) return at;
  return {
    ok: true,
    value: { kind: 'urgent_care_contact', recordKey: row.recordKey(), sourceOrg: row.get('source_org'), service, contactAt: at.value, outcome: row.get('outcome') },
  };
}

const LATEST_DATE = '9999-12-31';

const FUNDERS = new Map([['local authority', 'Local authority'], ['la', 'Local authority'], ['nhs', 'NHS'], ['joint', 'Joint'], ['self-funded', 'Self-funded'], ['self funded', 'Self-funded']]);

/**
 * Weekly cost of a CLD service from its unit cost and what one unit is (Cost_Frequency_Unit_Type):
 * hourly, per-session and daily units × planned units per week; a weekly unit × planned units (1 when
 * empty); fortnightly ÷ 2, 4-weekly ÷ 4, monthly × 12/52, quarterly × 4/52, annually ÷ 52; no charge = 0;
 * one-off costs have no weekly cost. Rounded to the penny.
 */
export function deriveWeeklyCostPence(unitCostPence: number | undefined, frequency: string | undefined, plannedUnitsPerWeek: number | undefined): number | undefined {
  if (frequency === undefined) return undefined;
  const f = frequency.toLowerCase();
  if (f === 'no charge to client') return 0;
  if (unitCostPence === undefined) return undefined;
  switch (f) {
    case 'hourly': case 'per session': case 'daily':
      return plannedUnitsPerWeek === undefined ? undefined : Math.round(unitCostPence * plannedUnitsPerWeek);
    case 'weekly': return Math.round(unitCostPence * (plannedUnitsPerWeek ?? 1));
    case 'fortnightly': return Math.round(unitCostPence / 2);
    case '4-weekly': return Math.round(unitCostPence / 4);
    case 'monthly': return Math.round((unitCostPence * 12) / 52);
    case 'quarterly': return Math.round((unitCostPence * 4) / 52);
    case 'annually': return Math.round(unitCostPence / 52);
    default: return undefined;
  }
}

function readSocialCareEvent(row: RowReader, ctx: CsvParseContext): ValueResult<SocialCareEvent> {
  const cld = ctx.vocabulary.cld;
  const list = (field: string): ValueList => cld.get(field)!;
  const typeRaw = row.required('Event_Type'); if (!typeRaw.ok) return typeRaw;
  const eventType = readListValue(typeRaw.value, row.col('Event_Type'), list('Event_Type')); if (!eventType.ok) return eventType;
  const start = readRequiredDate(row, 'Event_Start_Date', ctx); if (!start.ok) return start;
  const end = readOptionalDate(row, 'Event_End_Date', ctx); if (!end.ok) return end;
  const order = notBefore(row, 'Event_End_Date', end.value, 'Event_Start_Date', start.value); if (order) return order;
  const clientRaw = row.required('Client_Type'); if (!clientRaw.ok) return clientRaw;
  const clientType = readListValue(clientRaw.value, row.col('Client_Type'), list('Client_Type')); if (!clientType.ok) return clientType;
  const coded: Record<string, string | undefined> = {};
  for (const field of ['Event_Outcome', 'Primary_Support_Reason', 'Assessment_Type', 'Review_Reason', 'Service_Type', 'Service_Component',
    'Delivery_Mechanism', 'Cost_Frequency_Unit_Type', 'Client_Funding_Status']) {
    const value = readList(row, field, list(field)); if (!value.ok) return value;
    coded[field] = value.value;
  }
  const unitCost = readCost(row, 'Unit_Cost'); if (!unitCost.ok) return unitCost;
  let plannedUnitsPerWeek: number | undefined;
  const planned = row.get('Planned_units_per_week');
  if (planned !== undefined) {
    const n = readNumber(planned, row.col('Planned_units_per_week')); if (!n.ok) return n;
    if (n.value < 0 || n.value > 168 * 4) return failWith(`${row.col('Planned_units_per_week')} ${quoteValue(planned)} is outside 0–672`);
    plannedUnitsPerWeek = n.value;
  }
  const weekly = readCost(row, 'Weekly_Cost'); if (!weekly.ok) return weekly;
  let funder: string | undefined;
  const funderRaw = row.get('Funder');
  if (funderRaw !== undefined) {
    funder = FUNDERS.get(funderRaw.toLowerCase());
    if (funder === undefined) return failWith(`${row.col('Funder')} ${quoteValue(funderRaw)} must be 'Local authority', 'NHS', 'Joint' or 'Self-funded'`);
  }
  return {
    ok: true,
    value: {
      kind: 'social_care_event', recordKey: row.recordKey(), sourceOrg: row.get('source_org'),
      eventType: eventType.value as SocialCareEvent['eventType'], eventReference: row.get('Event_Reference'), eventStartDate: start.value,
      eventEndDate: end.value, eventOutcome: coded.Event_Outcome, clientType: clientType.value, primarySupportReason: coded.Primary_Support_Reason,
      assessmentType: coded.Assessment_Type, reviewReason: coded.Review_Reason, serviceType: coded.Service_Type,
      serviceComponent: coded.Service_Component, deliveryMechanism: coded.Delivery_Mechanism, supportSetting: row.get('Support_Setting'),
      unitCostPence: unitCost.value, costFrequencyUnitType: coded.Cost_Frequency_Unit_Type, plannedUnitsPerWeek,
      weeklyCostPence: weekly.value ?? deriveWeeklyCostPence(unitCost.value, coded.Cost_Frequency_Unit_Type, plannedUnitsPerWeek),
      funder, clientFundingStatus: coded.Client_Funding_Status,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Writing: the same layouts, so that an extract round-trips through the importer.

const text = (value: string | undefined | null): string => value ?? '';
const num = (value: number | undefined | null): string => (value === undefined || value === null ? '' : String(value));

/** Pence as pounds with two decimals ('3521.00'), the form the cost columns read. */
export function formatPounds(pence: number | undefined): string {
  if (pence === undefined) return '';
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.round(pence));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The id an extract writes for a person: NHS number, or the local id (assigning 'L' + id when there is none). */
export function extractLocalId(person: Person): string | undefined {
  if (person.localId !== undefined) return person.localId;
  return person.nhsNumber === undefined ? `L${String(person.id).padStart(9, '0')}` : undefined;
}

export function personToCsvValues(person: Person): string[] {
  return [text(person.nhsNumber), text(extractLocalId(person)), text(person.familyName), text(person.givenName), text(person.dateOfBirth),
    person.sex, text(person.postcode), text(person.lsoaCode), text(person.localityCode), text(person.gpPracticeCode), text(person.dateOfDeath)];
}

/** One activity as the values of its layout's writer columns. */
export function activityToCsvValues(person: Person, a: Activity): string[] {
  const head = [text(person.nhsNumber), text(extractLocalId(person)), a.recordKey, text(a.sourceOrg)];
  switch (a.kind) {
    case 'gp_event': return [...head, a.eventDate, a.code.code, text(a.term), num(a.value), text(a.unit)];
    case 'gp_medication': return [...head, a.startDate, text(a.endDate), a.code.system === 'RxNorm' ? '' : a.code.code,
      a.code.system === 'RxNorm' ? a.code.code : '', text(a.term)];
    case 'apc_spell': return [...head, text(a.spellNumber), a.admissionDate, text(a.dischargeDate), a.admissionMethod, text(a.admissionSource),
      text(a.dischargeMethod), text(a.dischargeDestination), text(a.diagnoses[0]), a.diagnoses.slice(1).join(';'),
      a.procedures.map((p) => p.code).join(';'), a.procedures.some((p) => p.date) ? a.procedures.map((p) => p.date ?? '-').join(';') : '',
      num(a.lengthOfStay), formatPounds(a.costPence)];
    case 'ae_attendance': return [...head, a.arrivalAt, text(a.departureAt), text(a.arrivalMode), text(a.chiefComplaintSnomed),
      text(a.diagnosisSnomed), text(a.disposal), formatPounds(a.costPence)];
    case 'op_appointment': return [...head, a.appointmentDate, text(a.treatmentFunctionCode), text(a.firstAttendance), text(a.attendedOrDna),
      formatPounds(a.costPence)];
    case 'community_contact': return [...head, a.setting, a.contactDate, text(a.service), text(a.contactMode), text(a.professional),
      num(a.durationMinutes)];
    case 'urgent_care_contact': return [...head, a.service, a.contactAt, text(a.outcome)];
    case 'social_care_event': return [...head, a.eventType, text(a.eventReference), a.eventStartDate, text(a.eventEndDate), text(a.eventOutcome),
      a.clientType, text(a.primarySupportReason), text(a.assessmentType), text(a.reviewReason), text(a.serviceType), text(a.serviceComponent),
      text(a.deliveryMechanism), text(a.supportSetting), formatPounds(a.unitCostPence), text(a.costFrequencyUnitType),
      num(a.plannedUnitsPerWeek), formatPounds(a.weeklyCostPence), text(a.funder), text(a.clientFundingStatus)];
  }
}

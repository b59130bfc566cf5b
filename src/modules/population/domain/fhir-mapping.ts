import { checkCode, codeSystemFromUri, type Code, type CodeSystemId } from '../../../kernel/codes.ts';
import type { Activity, ApcSpell, GpEvent } from './activity.ts';
import { normalisePostcode, normaliseSex } from './demographics.ts';
import { checkNhsNumber } from './nhs-number.ts';
import type { IncomingIdentity } from './csv-identity.ts';
import type { ImportVocabulary } from './csv-layouts.ts';
import { hashText, readDate, readInstant, readListValue, type ValueList, type ValueResult } from './csv-values.ts';
import {
  ARRIVAL_MODE_EXT, ATTENDED_OR_DNA_EXT, COMMUNITY_SETTING_EXT, COST_EXT, FIRST_ATTENDANCE_EXT, LOCAL_PERSON_ID_URI, LOCALITY_CODE_EXT,
  LSOA_CODE_EXT, NHS_NUMBER_URI, ODS_ORGANISATION_URI, RECORD_KEY_URI, SOURCE_ORG_EXT, SPELL_NUMBER_URI, TREATMENT_FUNCTION_CS,
  UKCORE_ADMISSION_METHOD_CS, UKCORE_ADMISSION_METHOD_EXT, UKCORE_DISCHARGE_DESTINATION_CS, UKCORE_DISCHARGE_METHOD_CS,
  UKCORE_DISCHARGE_METHOD_EXT, UKCORE_SOURCE_OF_ADMISSION_CS, URGENT_CARE_SERVICE_CS,
} from './fhir-systems.ts';

/**
 * FHIR R4 resources → what Seamless keeps. Pure: the importer hands in one parsed resource at a time
 * (from a Bundle entry or an NDJSON line) and gets back a decision:
 *
 * | resource | becomes |
 * |---|---|
 * | Patient | a person (NHS number from identifier system https://fhir.nhs.uk/Id/nhs-number) |
 * | Encounter class IMP/ACUTE/NONAC/SS | hospital spell (apc_spell) |
 * | Encounter class EMER | A&E attendance |
 * | Encounter class AMB | outpatient appointment |
 * | Encounter class HH | community contact |
 * | Encounter class FLD, or service type nhs111 | ambulance / 111 contact |
 * | Condition in ICD-10 referencing an Encounter | a diagnosis of that spell |
 * | Condition / Observation / Procedure in SNOMED CT | GP coded event |
 * | Procedure in OPCS-4 referencing an Encounter | a procedure of that spell |
 * | MedicationRequest in dm+d or RxNorm | GP medication |
 * | anything else | skipped, counted by type and reason |
 *
 * Records refer to their person by the Patient's id (kept as identifier 'source:fhir'), so a resource
 * that arrives before its Patient still finds the same person.
 */
export type Json = Record<string, unknown>;

export interface FhirSubject { sourceId?: string | undefined; nhsNumber?: string | undefined }

/** How a Condition or Procedure points at its Encounter: the reference and, when given, the record key. */
export interface FhirEncounterLink { ref: string; id: string; key?: string | undefined }

export type FhirMapped =
  | { type: 'person'; identity: IncomingIdentity }
  | { type: 'activity'; subject: FhirSubject; activity: Activity; encounterRefs?: string[] | undefined }
  | { type: 'spell_diagnosis'; subject: FhirSubject; encounter: FhirEncounterLink; code: string; otherwise?: GpEvent | undefined }
  | { type: 'spell_procedure'; subject: FhirSubject; encounter: FhirEncounterLink; code: string; date?: string | undefined; otherwise?: GpEvent | undefined }
  | { type: 'skip'; label: string }
  | { type: 'reject'; reason: string };

export interface FhirMapContext {
  today: string;
  now: string;
  vocabulary: ImportVocabulary;
  /** Inside a Bundle: the 'Type/id' a fullUrl (urn:uuid:…) stands for, when that entry has been seen. */
  resolveFullUrl?: ((ref: string) => string | undefined) | undefined;
}

/** The identifier system under which a FHIR source's patient ids are kept. */
export const FHIR_SOURCE_SYSTEM = 'fhir';

interface Coding { system?: string; code?: string; display?: string }
interface CodeableConcept { coding?: Coding[]; text?: string }
interface Reference { reference?: string; identifier?: { system?: string; value?: string } }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const reject = (reason: string): FhirMapped => ({ type: 'reject', reason });
const skip = (label: string): FhirMapped => ({ type: 'skip', label });

/** Resource types Seamless reads; every other type is skipped and counted. */
export const FHIR_USED_TYPES = new Set(['Patient', 'Encounter', 'Condition', 'Observation', 'MedicationRequest', 'Procedure']);

export function mapFhirResource(resource: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const type = str(resource.resourceType);
  if (type === undefined) return reject('resource has no resourceType');
  switch (type) {
    case 'Patient': return mapPatient(resource, fullUrl, ctx);
    case 'Encounter': return mapEncounter(resource, fullUrl, ctx);
    case 'Condition': return mapCondition(resource, fullUrl, ctx);
    case 'Observation': return mapObservation(resource, fullUrl, ctx);
    case 'Procedure': return mapProcedure(resource, fullUrl, ctx);
    case 'MedicationRequest': return mapMedicationRequest(resource, fullUrl, ctx);
    default: return skip(type);
  }
}

// --- references and identity ------------------------------------------------------------------------

interface ParsedReference { type: string | undefined; id: string; canonical: string }

export function parseReference(reference: string | undefined, ctx: FhirMapContext): ParsedReference | undefined {
  if (reference === undefined) return undefined;
  let ref = reference;
  const resolved = ctx.resolveFullUrl?.(ref);
  if (resolved !== undefined) ref = resolved;
  if (ref.startsWith('urn:uuid:') || ref.startsWith('urn:oid:')) return { type: undefined, id: ref.slice(ref.indexOf(':', 4) + 1), canonical: ref };
  if (ref.startsWith('#')) return { type: 'contained', id: ref.slice(1), canonical: ref };
  let parts = ref.split('/');
  const history = parts.indexOf('_history');
  if (history >= 0) parts = parts.slice(0, history);
  if (parts.length < 2) return { type: undefined, id: ref, canonical: ref };
  const type = parts[parts.length - 2]!;
  const id = parts[parts.length - 1]!;
  return { type, id, canonical: `${type}/${id}` };
}

function identifierValue(identifiers: unknown, system: string): string | undefined {
  for (const raw of arr(identifiers)) {
    const identifier = obj(raw);
    if (identifier && str(identifier.system) === system) { const value = str(identifier.value); if (value !== undefined) return value; }
  }
  return undefined;
}

function readSubject(resource: Json, ctx: FhirMapContext): ValueResult<FhirSubject | undefined> {
  const ref = obj(resource.subject ?? resource.patient) as Reference | undefined;
  if (!ref) return { ok: true, value: undefined };
  const subject: FhirSubject = {};
  if (ref.identifier && str(ref.identifier.system) === NHS_NUMBER_URI && str(ref.identifier.value) !== undefined) {
    const check = checkNhsNumber(ref.identifier.value!);
    if (!check.ok) return { ok: false, reason: `${check.reason} (subject.identifier)` };
    subject.nhsNumber = check.nhsNumber;
  }
  const parsed = parseReference(str(ref.reference), ctx);
  if (parsed) {
    if (parsed.type !== undefined && parsed.type !== 'Patient') return { ok: true, value: undefined };
    subject.sourceId = parsed.id;
  }
  return { ok: true, value: subject.sourceId === undefined && subject.nhsNumber === undefined ? undefined : subject };
}

/** The person a record is about, as an identity for the resolver. */
export function subjectIdentity(subject: FhirSubject): IncomingIdentity {
  return { nhsNumber: subject.nhsNumber, sourceSystem: subject.sourceId === undefined ? undefined : FHIR_SOURCE_SYSTEM, sourceId: subject.sourceId };
}

function recordKeyOf(resource: Json, fullUrl: string | undefined): string {
  return identifierValue(resource.identifier, RECORD_KEY_URI) ?? str(resource.id) ?? (fullUrl ? fullUrl.replace(/^urn:uuid:/, '') : `h${hashText(JSON.stringify(resource))}`);
}

function sourceOrgOf(resource: Json): string | undefined {
  const provider = obj(resource.serviceProvider) as Reference | undefined;
  if (provider?.identifier && str(provider.identifier.system) === ODS_ORGANISATION_URI) return str(provider.identifier.value);
  return extensionValue(resource, SOURCE_ORG_EXT, 'valueString') as string | undefined;
}

function extension(holder: Json | undefined, url: string): Json | undefined {
  for (const raw of arr(holder?.extension)) {
    const e = obj(raw);
    if (e && e.url === url) return e;
  }
  return undefined;
}

function extensionValue(holder: Json | undefined, url: string, key: string): unknown {
  return extension(holder, url)?.[key];
}

function codings(concept: unknown): Coding[] {
  return arr(obj(concept)?.coding).map((c) => obj(c) as Coding | undefined).filter((c): c is Coding => c !== undefined);
}

const NONE = { ok: true as const, value: undefined };

/** The first coding in a system Seamless knows, checked; reject names the path when the code is bad. */
function codingIn(concept: unknown, system: CodeSystemId, path: string): ValueResult<(Code & { display?: string | undefined }) | undefined> {
  const list = obj(concept)?.coding;
  if (!Array.isArray(list)) return NONE;
  for (let i = 0; i < list.length; i++) {
    const coding = list[i] as Coding | null;
    if (coding === null || typeof coding !== 'object' || codeSystemFromUri(coding.system) !== system) continue;
    const check = checkCode(system, coding.code);
    if (!check.ok) return { ok: false, reason: `${check.reason} in ${path}` };
    return { ok: true, value: { ...check.code, display: str(coding.display) } };
  }
  return { ok: true, value: undefined };
}

function codeFromSystem(concept: unknown, systemUri: string): string | undefined {
  for (const coding of codings(concept)) if (coding.system === systemUri) return str(coding.code);
  return undefined;
}

function listCode(concept: unknown, systemUri: string, list: ValueList, path: string): ValueResult<string | undefined> {
  const code = codeFromSystem(concept, systemUri);
  return code === undefined ? { ok: true, value: undefined } : readListValue(code, path, list);
}

function termOf(concept: unknown, coding: { display?: string | undefined } | undefined): string | undefined {
  return coding?.display ?? str(obj(concept)?.text);
}

function moneyPence(value: unknown): number | undefined {
  const money = obj(value);
  const amount = money?.value;
  return typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : undefined;
}

// --- Patient ---------------------------------------------------------------------------------------

function mapPatient(r: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const identity: IncomingIdentity = {};
  const nhs = identifierValue(r.identifier, NHS_NUMBER_URI);
  if (nhs !== undefined) {
    const check = checkNhsNumber(nhs);
    if (!check.ok) return reject(`${check.reason} (Patient.identifier)`);
    identity.nhsNumber = check.nhsNumber;
  }
  identity.localId = identifierValue(r.identifier, LOCAL_PERSON_ID_URI);
  const id = str(r.id) ?? (fullUrl?.startsWith('urn:uuid:') ? fullUrl.slice(9) : undefined);
  if (id !== undefined) { identity.sourceSystem = FHIR_SOURCE_SYSTEM; identity.sourceId = id; }
  const names = arr(r.name).map(obj).filter((n): n is Json => n !== undefined);
  const name = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old' && n.use !== 'maiden') ?? names[0];
  if (name) { identity.familyName = str(name.family); identity.givenName = str(arr(name.given)[0]); }
  const birthDate = str(r.birthDate);
  if (birthDate !== undefined && birthDate.length >= 10) {
    const date = readDate(birthDate, 'Patient.birthDate', ctx.today);
    if (!date.ok) return reject(date.reason);
    identity.dateOfBirth = date.value;
  }
  const gender = str(r.gender);
  if (gender !== undefined) identity.sex = normaliseSex(gender) ?? 'X';
  for (const raw of arr(r.address)) {
    const postcode = normalisePostcode(str(obj(raw)?.postalCode));
    if (postcode !== undefined) { identity.postcode = postcode; break; }
  }
  for (const raw of arr(r.generalPractitioner)) {
    const ref = obj(raw) as Reference | undefined;
    if (ref?.identifier && str(ref.identifier.system) === ODS_ORGANISATION_URI) { identity.gpPracticeCode = str(ref.identifier.value); break; }
  }
  identity.lsoaCode = str(extensionValue(r, LSOA_CODE_EXT, 'valueString'));
  identity.localityCode = str(extensionValue(r, LOCALITY_CODE_EXT, 'valueString'));
  const deceased = str(r.deceasedDateTime);
  if (deceased !== undefined) {
    const date = readDate(deceased, 'Patient.deceasedDateTime', ctx.today);
    if (!date.ok) return reject(date.reason);
    if (identity.dateOfBirth !== undefined && date.value < identity.dateOfBirth) return reject(`Patient.deceasedDateTime '${deceased}' is before Patient.birthDate`);
    identity.dateOfDeath = date.value;
  }
  if (identity.nhsNumber === undefined && identity.sourceId === undefined && identity.localId === undefined
    && (identity.dateOfBirth === undefined || identity.familyName === undefined)) {
    return reject('Patient has no id, NHS number or local id, and not enough demographics to match on');
  }
  return { type: 'person', identity };
}

// --- Encounter -------------------------------------------------------------------------------------

const SPELL_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC', 'SS']);

function mapEncounter(r: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const status = str(r.status);
  if (status === 'entered-in-error') return skip('Encounter (entered in error)');
  if (status === 'planned') return skip('Encounter (planned, not yet happened)');
  const subject = readSubject(r, ctx);
  if (!subject.ok) return reject(subject.reason);
  if (subject.value === undefined) return reject('Encounter has no subject (a Patient reference)');
  const cls = str(obj(r.class)?.code)?.toUpperCase();
  const urgentService = codeFromSystem(firstOf(r.serviceType), URGENT_CARE_SERVICE_CS);
  const period = obj(r.period);
  const start = str(period?.start);
  if (start === undefined) return reject('Encounter has no period.start');
  const end = str(period?.end);
  const base = { recordKey: recordKeyOf(r, fullUrl), sourceOrg: sourceOrgOf(r) };
  const refs = encounterRefs(r, fullUrl);
  const who = subject.value;

  if (urgentService !== undefined || cls === 'FLD') {
    const service = urgentService === 'nhs111' ? 'nhs111' : urgentService === 'ambulance' || cls === 'FLD' ? 'ambulance' : undefined;
    if (service === undefined) return skip(`Encounter (urgent care service '${urgentService}')`);
    const at = readInstant(start, 'Encounter.period.start', ctx.now);
    if (!at.ok) return reject(at.reason);
    return mapped(who, refs, { kind: 'urgent_care_contact', ...base, service, contactAt: at.value, outcome: str(obj(obj(r.hospitalization)?.dischargeDisposition)?.text) });
  }
  if (cls !== undefined && SPELL_CLASSES.has(cls)) return mapSpell(r, base, start, end, ctx, who, refs);
  if (cls === 'EMER') {
    const arrival = readInstant(start, 'Encounter.period.start', ctx.now);
    if (!arrival.ok) return reject(arrival.reason);
    let departureAt: string | undefined;
    if (end !== undefined) {
      const d = readInstant(end, 'Encounter.period.end', ctx.now);
      if (!d.ok) return reject(d.reason);
      if (d.value < arrival.value) return reject(`Encounter.period.end '${end}' is before period.start '${start}'`);
      departureAt = d.value;
    }
    const complaint = codingIn(firstOf(r.reasonCode), 'SNOMED CT', 'Encounter.reasonCode');
    if (!complaint.ok) return reject(complaint.reason);
    const diagnosis = containedDiagnoses(r, 'SNOMED CT');
    if (!diagnosis.ok) return reject(diagnosis.reason);
    const mode = str(extensionValue(r, ARRIVAL_MODE_EXT, 'valueCode'));
    const hospitalization = obj(r.hospitalization);
    const disposal = obj(hospitalization?.dischargeDisposition);
    return mapped(who, refs, {
      kind: 'ae_attendance', ...base, arrivalAt: arrival.value, departureAt,
      arrivalMode: mode === 'ambulance' || mode === 'other' ? mode : undefined,
      chiefComplaintSnomed: complaint.value?.code, diagnosisSnomed: diagnosis.value[0],
      disposal: str(disposal?.text) ?? str(codings(disposal)[0]?.code), costPence: moneyPence(extensionValue(r, COST_EXT, 'valueMoney')),
    });
  }
  if (cls === 'AMB') {
    const date = readDate(start, 'Encounter.period.start', ctx.today);
    if (!date.ok) return reject(date.reason);
    let tfc: string | undefined;
    for (const coding of codings(firstOf(r.serviceType))) if (coding.system === TREATMENT_FUNCTION_CS || coding.system?.endsWith('treatment-function')) tfc = str(coding.code);
    const first = str(extensionValue(r, FIRST_ATTENDANCE_EXT, 'valueCode'));
    return mapped(who, refs, {
      kind: 'op_appointment', ...base, appointmentDate: date.value, treatmentFunctionCode: tfc,
      firstAttendance: first === '1' || first === '2' ? first : undefined, attendedOrDna: str(extensionValue(r, ATTENDED_OR_DNA_EXT, 'valueCode')),
      costPence: moneyPence(extensionValue(r, COST_EXT, 'valueMoney')),
    });
  }
  if (cls === 'HH') {
    const date = readDate(start, 'Encounter.period.start', ctx.today);
    if (!date.ok) return reject(date.reason);
    const setting = str(extensionValue(r, COMMUNITY_SETTING_EXT, 'valueCode')) === 'mental_health' ? 'mental_health' : 'community';
    const serviceType = obj(firstOf(r.serviceType));
    const participantType = obj(firstOf(obj(firstOf(r.participant))?.type));
    const length = obj(r.length);
    const minutes = typeof length?.value === 'number' && (length.code === 'min' || length.unit === 'min') ? Math.round(length.value) : undefined;
    return mapped(who, refs, {
      kind: 'community_contact', ...base, setting, contactDate: date.value, service: str(serviceType?.text) ?? codings(serviceType)[0]?.display,
      contactMode: str(obj(firstOf(r.type))?.text), professional: str(participantType?.text), durationMinutes: minutes,
    });
  }
  return skip(`Encounter (class ${cls ?? 'missing'})`);
}

function mapped(subject: FhirSubject, encounterRefs: string[], activity: Activity): FhirMapped {
  return { type: 'activity', subject, activity, encounterRefs };
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** The references other resources may use for this Encounter: 'Encounter/<id>' and its fullUrl. */
function encounterRefs(r: Json, fullUrl: string | undefined): string[] {
  const refs: string[] = [];
  const id = str(r.id);
  if (id !== undefined) refs.push(`Encounter/${id}`);
  if (fullUrl !== undefined) refs.push(fullUrl);
  return refs;
}

/** Codes of contained Conditions listed in Encounter.diagnosis, by rank, in one code system. */
function containedDiagnoses(r: Json, system: CodeSystemId): ValueResult<string[]> {
  const contained = new Map<string, Json>();
  for (const raw of arr(r.contained)) { const c = obj(raw); const id = str(c?.id); if (c && id) contained.set(id, c); }
  const ranked: { rank: number; code: string }[] = [];
  for (const [i, raw] of arr(r.diagnosis).entries()) {
    const diagnosis = obj(raw);
    const ref = str((obj(diagnosis?.condition) as Reference | undefined)?.reference);
    if (!ref?.startsWith('#')) continue;
    const condition = contained.get(ref.slice(1));
    if (!condition) continue;
    const coding = codingIn(condition.code, system, 'Encounter.contained Condition.code');
    if (!coding.ok) return coding;
    if (coding.value === undefined) continue;
    const rank = typeof diagnosis?.rank === 'number' ? diagnosis.rank : 1000 + i;
    ranked.push({ rank, code: coding.value.code });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  return { ok: true, value: ranked.map((d) => d.code) };
}

function mapSpell(
  r: Json, base: { recordKey: string; sourceOrg: string | undefined }, start: string, end: string | undefined, ctx: FhirMapContext,
  who: FhirSubject, refs: string[],
): FhirMapped {
  const v = ctx.vocabulary;
  const admission = readDate(start, 'Encounter.period.start', ctx.today);
  if (!admission.ok) return reject(admission.reason);
  let dischargeDate: string | undefined;
  if (end !== undefined) {
    const d = readDate(end, 'Encounter.period.end', ctx.today);
    if (!d.ok) return reject(d.reason);
    if (d.value < admission.value) return reject(`Encounter.period.end '${end}' is before period.start '${start}'`);
    dischargeDate = d.value;
  }
  const hospitalization = obj(r.hospitalization);
  const methodConcept = extensionValue(hospitalization, UKCORE_ADMISSION_METHOD_EXT, 'valueCodeableConcept')
    ?? extensionValue(r, UKCORE_ADMISSION_METHOD_EXT, 'valueCodeableConcept');
  let admissionMethod = '99';
  const methodCode = codeFromSystem(methodConcept, UKCORE_ADMISSION_METHOD_CS) ?? str(codings(methodConcept)[0]?.code);
  if (methodCode !== undefined) {
    const m = readListValue(methodCode, 'admission method (Extension-UKCore-AdmissionMethod)', v.admissionMethod);
    if (!m.ok) return reject(m.reason);
    admissionMethod = m.value;
  } else if (codings(r.priority).some((c) => c.code === 'EM')) {
    admissionMethod = '2D';
  }
  const source = listCode(hospitalization?.admitSource, UKCORE_SOURCE_OF_ADMISSION_CS, v.admissionSource, 'Encounter.hospitalization.admitSource');
  if (!source.ok) return reject(source.reason);
  const destination = listCode(hospitalization?.dischargeDisposition, UKCORE_DISCHARGE_DESTINATION_CS, v.dischargeDestination, 'Encounter.hospitalization.dischargeDisposition');
  if (!destination.ok) return reject(destination.reason);
  const methodOfDischarge = extensionValue(hospitalization, UKCORE_DISCHARGE_METHOD_EXT, 'valueCodeableConcept') ?? extensionValue(r, UKCORE_DISCHARGE_METHOD_EXT, 'valueCodeableConcept');
  const dischargeMethod = listCode(methodOfDischarge, UKCORE_DISCHARGE_METHOD_CS, v.dischargeMethod, 'discharge method (Extension-UKCore-DischargeMethod)');
  if (!dischargeMethod.ok) return reject(dischargeMethod.reason);
  const diagnoses = containedDiagnoses(r, 'ICD-10');
  if (!diagnoses.ok) return reject(diagnoses.reason);
  const length = obj(r.length);
  const lengthOfStay = typeof length?.value === 'number' && (length.code === 'd' || length.unit === 'd' || length.unit === 'days') ? Math.round(length.value) : undefined;
  const spell: ApcSpell = {
    kind: 'apc_spell', ...base, spellNumber: identifierValue(r.identifier, SPELL_NUMBER_URI), admissionDate: admission.value, dischargeDate,
    admissionMethod, admissionSource: source.value, dischargeMethod: dischargeMethod.value, dischargeDestination: destination.value,
    diagnoses: diagnoses.value, procedures: [], lengthOfStay, costPence: moneyPence(extensionValue(r, COST_EXT, 'valueMoney')),
  };
  return mapped(who, refs, spell);
}

// --- Condition, Observation, Procedure, MedicationRequest -------------------------------------------

function readEncounterLink(r: Json, ctx: FhirMapContext): FhirEncounterLink | undefined {
  const ref = obj(r.encounter ?? r.context) as Reference | undefined;
  if (!ref) return undefined;
  const key = ref.identifier && str(ref.identifier.system) === RECORD_KEY_URI ? str(ref.identifier.value) : undefined;
  const parsed = parseReference(str(ref.reference), ctx);
  if (!parsed) return key === undefined ? undefined : { ref: `key:${key}`, id: key, key };
  if (parsed.type !== undefined && parsed.type !== 'Encounter') return undefined;
  return { ref: parsed.canonical, id: parsed.id, key };
}

function gpEvent(r: Json, fullUrl: string | undefined, code: Code & { display?: string | undefined }, concept: unknown, eventDate: string): GpEvent {
  return { kind: 'gp_event', recordKey: recordKeyOf(r, fullUrl), sourceOrg: sourceOrgOf(r), eventDate, code: { system: code.system, code: code.code }, term: termOf(concept, code) };
}

function eventDateOf(r: Json, fields: readonly string[], path: string, ctx: FhirMapContext): ValueResult<string> {
  for (const field of fields) {
    const [name, sub] = field.split('.') as [string, string | undefined];
    const raw = sub === undefined ? str(r[name]) : str(obj(r[name])?.[sub]);
    if (raw !== undefined) return readDate(raw, `${path}.${field}`, ctx.today);
  }
  return { ok: false, reason: `${path} has no ${fields[0]}` };
}

function mapCondition(r: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const verification = codings(r.verificationStatus)[0]?.code;
  if (verification === 'entered-in-error' || verification === 'refuted') return skip(`Condition (${verification})`);
  const subject = readSubject(r, ctx);
  if (!subject.ok) return reject(subject.reason);
  if (subject.value === undefined) return reject('Condition has no subject (a Patient reference)');
  const icd10 = codingIn(r.code, 'ICD-10', 'Condition.code');
  if (!icd10.ok) return reject(icd10.reason);
  const snomed = codingIn(r.code, 'SNOMED CT', 'Condition.code');
  if (!snomed.ok) return reject(snomed.reason);
  let otherwise: GpEvent | undefined;
  if (snomed.value !== undefined) {
    const date = eventDateOf(r, ['onsetDateTime', 'onsetPeriod.start', 'recordedDate'], 'Condition', ctx);
    if (!date.ok) return reject(date.reason);
    otherwise = gpEvent(r, fullUrl, snomed.value, r.code, date.value);
  }
  if (icd10.value !== undefined) {
    const encounter = readEncounterLink(r, ctx);
    if (encounter !== undefined) return { type: 'spell_diagnosis', subject: subject.value, encounter, code: icd10.value.code, otherwise };
    if (otherwise === undefined) return skip('Condition (ICD-10 without an Encounter)');
  }
  if (otherwise !== undefined) return { type: 'activity', subject: subject.value, activity: otherwise };
  return skip('Condition (not coded in SNOMED CT or ICD-10)');
}

function mapObservation(r: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const status = str(r.status);
  if (status === 'entered-in-error' || status === 'cancelled') return skip(`Observation (${status})`);
  const snomed = codingIn(r.code, 'SNOMED CT', 'Observation.code');
  if (!snomed.ok) return reject(snomed.reason);
  if (snomed.value === undefined) {
    const systems = new Set(codings(r.code).map((c) => codeSystemFromUri(c.system)));
    return skip(systems.size === 1 && systems.has('LOINC') ? 'Observation (LOINC only)' : 'Observation (no SNOMED CT code)');
  }
  const subject = readSubject(r, ctx);
  if (!subject.ok) return reject(subject.reason);
  if (subject.value === undefined) return reject('Observation has no subject (a Patient reference)');
  const date = eventDateOf(r, ['effectiveDateTime', 'effectivePeriod.start', 'effectiveInstant', 'issued'], 'Observation', ctx);
  if (!date.ok) return reject(date.reason);
  const event = gpEvent(r, fullUrl, snomed.value, r.code, date.value);
  const quantity = obj(r.valueQuantity);
  if (quantity && typeof quantity.value === 'number' && Number.isFinite(quantity.value)) {
    event.value = quantity.value;
    event.unit = str(quantity.unit) ?? str(quantity.code);
  }
  return { type: 'activity', subject: subject.value, activity: event };
}

function mapProcedure(r: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const status = str(r.status);
  if (status === 'entered-in-error' || status === 'not-done') return skip(`Procedure (${status})`);
  const subject = readSubject(r, ctx);
  if (!subject.ok) return reject(subject.reason);
  if (subject.value === undefined) return reject('Procedure has no subject (a Patient reference)');
  const opcs = codingIn(r.code, 'OPCS-4', 'Procedure.code');
  if (!opcs.ok) return reject(opcs.reason);
  const snomed = codingIn(r.code, 'SNOMED CT', 'Procedure.code');
  if (!snomed.ok) return reject(snomed.reason);
  const rawDate = str(r.performedDateTime) ?? str(obj(r.performedPeriod)?.start);
  let date: string | undefined;
  if (rawDate !== undefined) {
    const d = readDate(rawDate, r.performedDateTime ? 'Procedure.performedDateTime' : 'Procedure.performedPeriod.start', ctx.today);
    if (!d.ok) return reject(d.reason);
    date = d.value;
  }
  let otherwise: GpEvent | undefined;
  if (snomed.value !== undefined) {
    if (date === undefined) return reject('Procedure has no performedDateTime');
    otherwise = gpEvent(r, fullUrl, snomed.value, r.code, date);
  }
  if (opcs.value !== undefined) {
    const encounter = readEncounterLink(r, ctx);
    if (encounter !== undefined) return { type: 'spell_procedure', subject: subject.value, encounter, code: opcs.value.code, date, otherwise };
    if (otherwise === undefined) return skip('Procedure (OPCS-4 without an Encounter)');
  }
  if (otherwise !== undefined) return { type: 'activity', subject: subject.value, activity: otherwise };
  return skip('Procedure (not coded in SNOMED CT or OPCS-4)');
}

function mapMedicationRequest(r: Json, fullUrl: string | undefined, ctx: FhirMapContext): FhirMapped {
  const status = str(r.status);
  if (status === 'entered-in-error' || status === 'draft') return skip(`MedicationRequest (${status})`);
  if (r.medicationCodeableConcept === undefined) return skip(r.medicationReference ? 'MedicationRequest (medicationReference)' : 'MedicationRequest (no medication)');
  const dmd = codingIn(r.medicationCodeableConcept, 'dm+d', 'MedicationRequest.medicationCodeableConcept');
  if (!dmd.ok) return reject(dmd.reason);
  let code = dmd.value;
  if (code === undefined) {
    const rxnorm = codingIn(r.medicationCodeableConcept, 'RxNorm', 'MedicationRequest.medicationCodeableConcept');
    if (!rxnorm.ok) return reject(rxnorm.reason);
    code = rxnorm.value;
  }
  if (code === undefined) return skip('MedicationRequest (not coded in dm+d or RxNorm)');
  const subject = readSubject(r, ctx);
  if (!subject.ok) return reject(subject.reason);
  if (subject.value === undefined) return reject('MedicationRequest has no subject (a Patient reference)');
  const validity = obj(obj(r.dispenseRequest)?.validityPeriod);
  const startRaw = str(validity?.start) ?? str(r.authoredOn);
  if (startRaw === undefined) return reject('MedicationRequest has no authoredOn');
  const start = readDate(startRaw, validity?.start ? 'MedicationRequest.dispenseRequest.validityPeriod.start' : 'MedicationRequest.authoredOn', ctx.today);
  if (!start.ok) return reject(start.reason);
  let endDate: string | undefined;
  const endRaw = str(validity?.end);
  if (endRaw !== undefined) {
    const end = readDate(endRaw, 'MedicationRequest.dispenseRequest.validityPeriod.end', '9999-12-31'); // a planned end may be ahead
    if (!end.ok) return reject(end.reason);
    if (end.value < start.value) return reject(`MedicationRequest.dispenseRequest.validityPeriod.end '${endRaw}' is before its start`);
    endDate = end.value;
  }
  return {
    type: 'activity', subject: subject.value,
    activity: {
      kind: 'gp_medication', recordKey: recordKeyOf(r, fullUrl), sourceOrg: sourceOrgOf(r), startDate: start.value, endDate,
      code: { system: code.system, code: code.code }, term: termOf(r.medicationCodeableConcept, code),
    },
  };
}

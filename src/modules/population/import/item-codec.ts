import type { Activity, ActivityKind } from '../domain/activity.ts';
import type { SexCode } from '../domain/demographics.ts';
import type { IncomingIdentity } from '../domain/csv-identity.ts';
import type { ImportItem } from './import-item.ts';

/**
 * Records passed from the parsing thread to the writing thread as text: one line per record, fields
 * separated by tabs in a fixed order per activity kind. Reading it back is a split and a few
 * assignments, several times cheaper than JSON or a structured clone of many small objects, which
 * matters at hundreds of thousands of records a second. Code lists are joined with ',' (codes have
 * none), a procedure's date follows '@'. Anything else (spell details, quarantined and skipped
 * records, and any value holding a tab or line break) travels as JSON on its line.
 */
type FieldType = 's' | 'n' | 'codes' | 'procedures';

const IDENTITY_FIELDS = ['nhsNumber', 'localId', 'sourceSystem', 'sourceId', 'givenName', 'familyName', 'dateOfBirth', 'sex', 'postcode',
  'lsoaCode', 'localityCode', 'gpPracticeCode', 'dateOfDeath'] as const;

const COMMON = [['recordKey', 's'], ['sourceOrg', 's']] as const;
const ACTIVITY_FIELDS: Partial<Record<ActivityKind, readonly (readonly [string, FieldType])[]>> = {
  gp_event: [...COMMON, ['eventDate', 's'], ['code.system', 's'], ['code.code', 's'], ['term', 's'], ['value', 'n'], ['unit', 's']],
  gp_medication: [...COMMON, ['startDate', 's'], ['endDate', 's'], ['code.system', 's'], ['code.code', 's'], ['term', 's']],
  ae_attendance: [...COMMON, ['arrivalAt', 's'], ['departureAt', 's'], ['arrivalMode', 's'], ['chiefComplaintSnomed', 's'], ['diagnosisSnomed', 's'],
    ['disposal', 's'], ['costPence', 'n']],
  op_appointment: [...COMMON, ['appointmentDate', 's'], ['treatmentFunctionCode', 's'], ['firstAttendance', 's'], ['attendedOrDna', 's'], ['costPence', 'n']],
  community_contact: [...COMMON, ['setting', 's'], ['contactDate', 's'], ['service', 's'], ['contactMode', 's'], ['professional', 's'], ['durationMinutes', 'n']],
  urgent_care_contact: [...COMMON, ['service', 's'], ['contactAt', 's'], ['outcome', 's']],
  apc_spell: [...COMMON, ['spellNumber', 's'], ['admissionDate', 's'], ['dischargeDate', 's'], ['admissionMethod', 's'], ['admissionSource', 's'],
    ['dischargeMethod', 's'], ['dischargeDestination', 's'], ['diagnoses', 'codes'], ['procedures', 'procedures'], ['lengthOfStay', 'n'], ['costPence', 'n']],
  social_care_event: [...COMMON, ['eventType', 's'], ['eventReference', 's'], ['eventStartDate', 's'], ['eventEndDate', 's'], ['eventOutcome', 's'],
    ['clientType', 's'], ['primarySupportReason', 's'], ['assessmentType', 's'], ['reviewReason', 's'], ['serviceType', 's'], ['serviceComponent', 's'],
    ['deliveryMechanism', 's'], ['supportSetting', 's'], ['unitCostPence', 'n'], ['costFrequencyUnitType', 's'], ['plannedUnitsPerWeek', 'n'],
    ['weeklyCostPence', 'n'], ['funder', 's'], ['clientFundingStatus', 's']],
};

const PERSON_KIND = 'person';

function clean(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? String(value) : (value as string);
  return text.indexOf('\t') >= 0 || text.indexOf('\n') >= 0 ? undefined : text;
}

function encodeRecord(item: Extract<ImportItem, { t: 'record' }>): string | undefined {
  const activity = item.activity as unknown as Record<string, unknown> | undefined;
  const kind = item.activity?.kind ?? PERSON_KIND;
  const fields = kind === PERSON_KIND ? [] : ACTIVITY_FIELDS[kind as ActivityKind];
  if (fields === undefined) return undefined;
  const refs = item.encounterRefs === undefined ? '' : clean(item.encounterRefs.join('\u0001'));
  if (refs === undefined) return undefined;
  let line = `R\t${item.line}\t${kind}\t${refs}`;
  const identity = item.identity as Record<string, unknown>;
  for (const name of IDENTITY_FIELDS) {
    const v = clean(identity[name]);
    if (v === undefined) return undefined;
    line += `\t${v}`;
  }
  for (const [name, type] of fields) {
    const raw = name === 'code.system' ? (activity!.code as { system: string }).system
      : name === 'code.code' ? (activity!.code as { code: string }).code : activity![name];
    if (type === 'n' && raw !== undefined && typeof raw !== 'number') return undefined;
    const v = type === 'codes' ? clean((raw as string[]).join(','))
      : type === 'procedures' ? clean((raw as { code: string; date?: string | undefined }[]).map((p) => (p.date ? `${p.code}@${p.date}` : p.code)).join(','))
        : clean(raw);
    if (v === undefined) return undefined;
    line += `\t${v}`;
  }
  return line;
}

export function encodeItems(items: readonly ImportItem[]): string {
  let text = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const line = item.t === 'record' ? encodeRecord(item) : undefined;
    text += (i === 0 ? '' : '\n') + (line ?? `J${JSON.stringify(item)}`);
  }
  return text;
}

const u = (value: string): string | undefined => (value === '' ? undefined : value);
const num = (value: string): number | undefined => (value === '' ? undefined : Number(value));

function procedureOf(text: string): { code: string; date: string | undefined } {
  const at = text.indexOf('@');
  return at < 0 ? { code: text, date: undefined } : { code: text.slice(0, at), date: text.slice(at + 1) };
}

export function decodeItems(text: string): ImportItem[] {
  if (text === '') return [];
  const lines = text.split('\n');
  const items: ImportItem[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(0) === 74 /* J */) { items[i] = JSON.parse(line.slice(1)) as ImportItem; continue; }
    const f = line.split('\t');
    const identity: IncomingIdentity = {
      nhsNumber: u(f[4]!), localId: u(f[5]!), sourceSystem: u(f[6]!), sourceId: u(f[7]!), givenName: u(f[8]!), familyName: u(f[9]!),
      dateOfBirth: u(f[10]!), sex: u(f[11]!) as SexCode | undefined, postcode: u(f[12]!), lsoaCode: u(f[13]!), localityCode: u(f[14]!),
      gpPracticeCode: u(f[15]!), dateOfDeath: u(f[16]!),
    };
    const kind = f[2]!;
    let activity: Activity | undefined;
    if (kind !== PERSON_KIND) {
      const out: Record<string, unknown> = { kind };
      let code: { system: string; code: string } | undefined;
      const fields = ACTIVITY_FIELDS[kind as ActivityKind]!;
      for (let k = 0; k < fields.length; k++) {
        const [name, type] = fields[k]!;
        const value = f[17 + k]!;
        if (name === 'code.system') code = { system: value, code: '' };
        else if (name === 'code.code') code!.code = value;
        else if (type === 'codes') out[name] = value === '' ? [] : value.split(',');
        else if (type === 'procedures') out[name] = value === '' ? [] : value.split(',').map(procedureOf);
        else out[name] = type === 'n' ? num(value) : u(value);
      }
      if (code) out.code = code;
      activity = out as unknown as Activity;
    }
    items[i] = { t: 'record', line: Number(f[1]), identity, activity, encounterRefs: f[3] === '' ? undefined : f[3]!.split('\u0001') };
  }
  return items;
}

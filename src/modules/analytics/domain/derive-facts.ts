import { ageOn } from '../../../kernel/dates.ts';
import type { HistorySpell, PersonHistory } from '../../population/index.ts';
import { END_OF_LIFE_SNOMED } from '../definitions/end-of-life.ts';
import { FALLS_SNOMED, isFallIcd10, SAME_FALL_WITHIN_DAYS } from '../definitions/falls.ts';
import { LONG_TERM_CONDITIONS, type LongTermConditionDefinition } from '../definitions/long-term-conditions.ts';
import type { PersonFacts, SexCode } from './person-facts.ts';
import type { CharlsonInput } from './scores/charlson.ts';
import type { EfiInput } from './scores/efi.ts';
import { countDistinctMedications } from './scores/efi.ts';
import type { HfrsInput } from './scores/hfrs.ts';
import { normaliseIcd10ForMatching } from './scores/icd10-code.util.ts';
import type { LaceInput } from './scores/lace.ts';
import { dayNumber, isoDay, subtractDays } from './scores/score-common.util.ts';

/**
 * A person's linked record (population PersonHistory) reduced to PersonFacts as of one date, and the
 * inputs of the published scores. Pure: the same history and date always give the same facts.
 *
 * Windows and definitions, as implemented:
 * - "12 months" is the 365 days up to and including asOf: a record dated asOf − 364 is inside, one
 *   dated asOf − 365 is outside (the same window as PersonFacts and the eFI's polypharmacy). Dates are
 *   compared as ISO days; an instant (A&E arrival, ambulance and 111 contacts) counts on its UTC day.
 *   Records after asOf are never read.
 * - Emergency admission: ADMISSION METHOD 21–28 or 2A–2D (NHS Data Dictionary, "emergency" group of
 *   reference/apc_admission_method.csv); elective: 11, 12 or 13. Maternity (31, 32), transfers (81) and
 *   births (82, 83) are neither. An admission counts in the window of its admission date.
 * - Bed days: nights in hospital within the window (discharge date minus admission date, a day case
 *   being 0; a spell still open counts up to asOf), cut to the window for spells that cross its start.
 * - Outpatient appointments: those attended (ATTENDED OR DID NOT ATTEND 5 or 6) or with attendance not
 *   recorded; did-not-attends and cancellations do not count.
 * - Falls: GP coded events with a falls SNOMED CT code (definitions/falls.ts), A&E attendances whose
 *   chief complaint or diagnosis is one, and hospital spells with a W00–W19 code in any position. The
 *   same fall is often recorded by A&E, the admission and the GP a week later, so records within 14
 *   days after a fall already counted are the same fall; a fall counts in the window when the first
 *   record of it is in the window.
 * - Long-term conditions: a condition's SNOMED CT code recorded by the GP on or before asOf, at any
 *   time (registers are "ever diagnosed"); keys in definition order (definitions/long-term-conditions.ts).
 * - Unstable: a long-term condition the person has, with an emergency admission in the 12 months whose
 *   primary diagnosis (the reason for the admission; other positions list conditions present, not the
 *   cause) has one of the condition's ICD-10 prefixes, or an A&E attendance in the 12 months whose
 *   diagnosis is one of the condition's SNOMED CT codes or exacerbation codes.
 * - Medications: distinct medications prescribed in the 12 months (countDistinctMedications, the eFI's
 *   polypharmacy count, so the eFI and the "five or more medications" trigger agree).
 * - Social care: known to social care when any CLD event with the person as the service user (not as
 *   an unpaid carer) started on or before asOf; receiving when a Service event with the person as the
 *   service user is open on asOf (started on or before it, not ended before it); weekly cost is the sum
 *   of those services' weekly costs.
 * - End of life: a palliative care or hospice SNOMED CT code (definitions/end-of-life.ts) recorded on
 *   or before asOf.
 * - Age: whole years on asOf, or on the date of death when that is earlier; dead: died on or before asOf.
 */
export const FACTS_WINDOW_DAYS = 365;

/** The code lists compiled for fast lookup: one bit per condition in condition masks (at most 30 conditions). */
export interface FactDefinitions {
  readonly conditions: readonly LongTermConditionDefinition[];
  readonly conditionKeys: readonly string[];
  /** GP SNOMED CT code → mask of the conditions it diagnoses. */
  readonly conditionBySnomed: ReadonlyMap<string, number>;
  /** A&E diagnosis SNOMED CT code → mask of the conditions it is an emergency of. */
  readonly emergencyBySnomed: ReadonlyMap<string, number>;
  /** ICD-10 prefix → mask of conditions; exclusions are checked after a match. */
  readonly conditionByIcd10Prefix: ReadonlyMap<string, number>;
  readonly icd10PrefixLengths: readonly number[];
  readonly icd10Exclusions: ReadonlyMap<string, number>;
  readonly fallsSnomed: ReadonlySet<string>;
  readonly endOfLifeSnomed: ReadonlySet<string>;
  /** Every GP code these definitions read (conditions, falls, end of life): a filter for reading histories. */
  readonly gpEventCodes: readonly string[];
  /** The condition keys of a mask, one shared (read-only) array per mask. */
  keysOf(mask: number): string[];
  /** The mask of a list of condition keys (unknown keys ignored). */
  maskOf(keys: readonly string[]): number;
}

export const MAX_CONDITIONS = 30;

export interface FactCodeLists {
  conditions?: readonly LongTermConditionDefinition[] | undefined;
  fallsSnomed?: readonly string[] | undefined;
  endOfLifeSnomed?: readonly string[] | undefined;
}

/** Compiles the code lists (the Seamless defaults when not given). */
export function compileFactDefinitions(lists: FactCodeLists = {}): FactDefinitions {
  const conditions = lists.conditions ?? LONG_TERM_CONDITIONS;
  if (conditions.length > MAX_CONDITIONS) throw new RangeError(`at most ${MAX_CONDITIONS} long-term conditions can be defined (got ${conditions.length})`);
  const keys = conditions.map((c) => c.key);
  if (new Set(keys).size !== keys.length) throw new RangeError('a long-term condition key is defined twice');
  const conditionBySnomed = new Map<string, number>();
  const emergencyBySnomed = new Map<string, number>();
  const conditionByIcd10Prefix = new Map<string, number>();
  const icd10Exclusions = new Map<string, number>();
  const add = (map: Map<string, number>, code: string, bit: number) => map.set(code, (map.get(code) ?? 0) | bit);
  conditions.forEach((condition, i) => {
    const bit = 1 << i;
    for (const code of condition.snomed) { add(conditionBySnomed, code, bit); add(emergencyBySnomed, code, bit); }
    for (const code of condition.emergencySnomed ?? []) add(emergencyBySnomed, code, bit);
    for (const prefix of condition.icd10Prefixes) add(conditionByIcd10Prefix, normaliseIcd10ForMatching(prefix), bit);
    for (const prefix of condition.icd10Exclusions ?? []) add(icd10Exclusions, normaliseIcd10ForMatching(prefix), bit);
  });
  const fallsSnomed = new Set(lists.fallsSnomed ?? FALLS_SNOMED);
  const endOfLifeSnomed = new Set(lists.endOfLifeSnomed ?? END_OF_LIFE_SNOMED);
  const byMask = new Map<number, string[]>();
  const maskByKey = new Map(keys.map((k, i) => [k, 1 << i]));
  return {
    conditions,
    conditionKeys: keys,
    conditionBySnomed,
    emergencyBySnomed,
    conditionByIcd10Prefix,
    icd10PrefixLengths: [...new Set([...conditionByIcd10Prefix.keys(), ...icd10Exclusions.keys()].map((p) => p.length))].sort((a, b) => a - b),
    icd10Exclusions,
    fallsSnomed,
    endOfLifeSnomed,
    gpEventCodes: [...new Set([...conditionBySnomed.keys(), ...fallsSnomed, ...endOfLifeSnomed])],
    keysOf(mask) {
      let list = byMask.get(mask);
      if (list === undefined) {
        list = keys.filter((_, i) => (mask & (1 << i)) !== 0);
        byMask.set(mask, list);
      }
      return list;
    },
    maskOf(list) {
      let mask = 0;
      for (const key of list) mask |= maskByKey.get(key) ?? 0;
      return mask;
    },
  };
}

let defaults: FactDefinitions | undefined;

/** The Seamless default code lists, compiled once. */
export function defaultFactDefinitions(): FactDefinitions {
  defaults ??= compileFactDefinitions();
  return defaults;
}

/** ADMISSION METHOD 21–28 or 2A–2D. */
export function isEmergencyAdmissionMethod(method: string): boolean {
  if (method.length !== 2 || method.charCodeAt(0) !== 50 /* 2 */) return false;
  const second = method.charCodeAt(1);
  return (second >= 49 && second <= 56) /* 1–8 */ || (second >= 65 && second <= 68) /* A–D */;
}

/** ADMISSION METHOD 11, 12 or 13 (waiting list, booked, planned). */
export function isElectiveAdmissionMethod(method: string): boolean {
  return method === '11' || method === '12' || method === '13';
}

/** The conditions an ICD-10 code is for (mask), honouring exclusions. */
export function conditionsOfIcd10(definitions: FactDefinitions, raw: string): number {
  const code = normaliseIcd10ForMatching(raw);
  let mask = 0, excluded = 0;
  for (const length of definitions.icd10PrefixLengths) {
    if (code.length < length) break;
    const prefix = code.length === length ? code : code.slice(0, length);
    mask |= definitions.conditionByIcd10Prefix.get(prefix) ?? 0;
    excluded |= definitions.icd10Exclusions.get(prefix) ?? 0;
  }
  return mask & ~excluded;
}

/** A CLD client type that is the person as a service user (not as an unpaid carer). */
export function isServiceUser(clientType: string): boolean {
  return !clientType.toLowerCase().includes('carer');
}

/** The derived facts with the condition masks the engine stores them by. */
export interface DerivedFacts {
  facts: PersonFacts;
  conditionMask: number;
  unstableMask: number;
}

/** PersonFacts as of asOf (an ISO date); see the module comment for every definition. */
export function deriveFacts(history: PersonHistory, asOf: string, definitions: FactDefinitions = defaultFactDefinitions()): PersonFacts {
  return deriveFactsWithMasks(history, asOf, definitions).facts;
}

/** deriveFacts, also returning the condition masks. */
export function deriveFactsWithMasks(history: PersonHistory, asOf: string, definitions: FactDefinitions = defaultFactDefinitions()): DerivedFacts {
  const end = isoDay(asOf);
  const start = subtractDays(end, FACTS_WINDOW_DAYS); // exclusive
  const person = history.person;
  const dead = person.dateOfDeath !== null && person.dateOfDeath <= end;
  const ageDate = dead ? person.dateOfDeath! : end;
  const age = person.dateOfBirth === null || person.dateOfBirth > ageDate ? null : ageOn(person.dateOfBirth, ageDate);

  // GP coded events: conditions, end of life, falls.
  let conditionMask = 0;
  let endOfLife = false;
  const fallDays: number[] = [];
  const fallsFrom = subtractDays(end, FACTS_WINDOW_DAYS + SAME_FALL_WITHIN_DAYS); // exclusive: earlier falls can absorb later records
  const events = history.gpEvents;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const date = event.eventDate;
    if (date > end) continue;
    const code = event.code.code;
    const mask = definitions.conditionBySnomed.get(code);
    if (mask !== undefined) conditionMask |= mask;
    if (!endOfLife && definitions.endOfLifeSnomed.has(code)) endOfLife = true;
    if (date > fallsFrom && definitions.fallsSnomed.has(code)) fallDays.push(dayNumber(date));
  }

  // Hospital spells.
  let emergencyAdmissions = 0, electiveAdmissions = 0, bedDays = 0, unstableMask = 0;
  const endDay = dayNumber(end), startDay = endDay - FACTS_WINDOW_DAYS;
  const spells = history.spells;
  for (let i = 0; i < spells.length; i++) {
    const spell = spells[i]!;
    const admitted = spell.admissionDate;
    if (admitted > end) continue;
    if (admitted > start) {
      const method = spell.admissionMethod;
      if (isEmergencyAdmissionMethod(method)) {
        emergencyAdmissions++;
        const primary = spell.diagnoses[0];
        if (primary !== undefined) unstableMask |= conditionsOfIcd10(definitions, primary);
      } else if (isElectiveAdmissionMethod(method)) {
        electiveAdmissions++;
      }
    }
    // Bed days: nights within (startDay, endDay].
    const discharged = spell.dischargeDate;
    if (discharged === undefined || discharged > start) {
      const from = Math.max(dayNumber(admitted), startDay);
      const to = discharged === undefined || discharged > end ? endDay : dayNumber(discharged);
      if (to > from) bedDays += to - from;
    }
    if (admitted > fallsFrom) {
      const diagnoses = spell.diagnoses;
      for (let d = 0; d < diagnoses.length; d++) {
        if (isFallIcd10(diagnoses[d]!)) { fallDays.push(dayNumber(admitted)); break; }
      }
    }
  }

  // A&E.
  let aeAttendances = 0;
  const attendances = history.aeAttendances;
  for (let i = 0; i < attendances.length; i++) {
    const attendance = attendances[i]!;
    const day = isoDay(attendance.arrivalAt);
    if (day > end || day <= fallsFrom) continue;
    const complaint = attendance.chiefComplaintSnomed, diagnosis = attendance.diagnosisSnomed;
    if ((complaint !== null && definitions.fallsSnomed.has(complaint)) || (diagnosis !== null && definitions.fallsSnomed.has(diagnosis))) {
      fallDays.push(dayNumber(day));
    }
    if (day <= start) continue;
    aeAttendances++;
    if (diagnosis !== null) unstableMask |= definitions.emergencyBySnomed.get(diagnosis) ?? 0;
  }

  let outpatient = 0;
  const appointments = history.outpatientAppointments;
  for (let i = 0; i < appointments.length; i++) {
    const appointment = appointments[i]!;
    if (appointment.attended !== false && appointment.appointmentDate > start && appointment.appointmentDate <= end) outpatient++;
  }

  let community = 0, mentalHealth = 0;
  const contacts = history.communityContacts;
  for (let i = 0; i < contacts.length; i++) {
    const contact = contacts[i]!;
    if (contact.contactDate <= start || contact.contactDate > end) continue;
    if (contact.setting === 'mental_health') mentalHealth++;
    else community++;
  }

  let ambulance = 0, nhs111 = 0;
  const urgent = history.urgentCareContacts;
  for (let i = 0; i < urgent.length; i++) {
    const contact = urgent[i]!;
    const day = isoDay(contact.contactAt);
    if (day <= start || day > end) continue;
    if (contact.service === 'nhs111') nhs111++;
    else ambulance++;
  }

  let knownToSocialCare = false, receivingSocialCare = false, weeklyCost = 0;
  const social = history.socialCareEvents;
  for (let i = 0; i < social.length; i++) {
    const event = social[i]!;
    if (event.startDate > end || !isServiceUser(event.clientType)) continue;
    knownToSocialCare = true;
    if (event.eventType === 'Service' && (event.endDate === undefined || event.endDate >= end)) {
      receivingSocialCare = true;
      weeklyCost += event.weeklyCostPence ?? 0;
    }
  }

  unstableMask &= conditionMask;
  const facts: PersonFacts = {
    personId: person.id,
    asOf: end,
    age,
    sex: person.sex as SexCode,
    localityCode: person.localityCode,
    gpPracticeCode: person.gpPracticeCode,
    dead,
    longTermConditions: definitions.keysOf(conditionMask),
    unstableConditions: definitions.keysOf(unstableMask),
    medicationCount: countDistinctMedications(history.medications, end),
    emergencyAdmissions12m: emergencyAdmissions,
    electiveAdmissions12m: electiveAdmissions,
    bedDays12m: bedDays,
    aeAttendances12m: aeAttendances,
    outpatientAppointments12m: outpatient,
    falls12m: countFalls(fallDays, startDay),
    communityContacts12m: community,
    mentalHealthContacts12m: mentalHealth,
    ambulanceContacts12m: ambulance,
    nhs111Contacts12m: nhs111,
    knownToSocialCare,
    receivingSocialCare,
    socialCareWeeklyCostPence: weeklyCost,
    endOfLife,
  };
  return { facts, conditionMask, unstableMask };
}

/** Distinct falls whose first record is after startDay (records within SAME_FALL_WITHIN_DAYS of a counted fall are that fall). */
function countFalls(days: number[], startDay: number): number {
  if (days.length === 0) return 0;
  if (days.length > 1) days.sort((a, b) => a - b);
  let count = 0, last = Number.NEGATIVE_INFINITY;
  for (const day of days) {
    if (day - last <= SAME_FALL_WITHIN_DAYS) continue;
    last = day;
    if (day > startDay) count++;
  }
  return count;
}

/** True when the person had an emergency admission in (afterExclusive, toInclusive]: the model's outcome. */
export function hasEmergencyAdmission(history: PersonHistory, afterExclusive: string, toInclusive: string): boolean {
  const spells = history.spells;
  for (let i = 0; i < spells.length; i++) {
    const spell = spells[i]!;
    if (spell.admissionDate > afterExclusive && spell.admissionDate <= toInclusive && isEmergencyAdmissionMethod(spell.admissionMethod)) return true;
  }
  return false;
}

/**
 * The latest discharge on or before asOf (latest discharge date, then latest admission, then record
 * key), the spell LACE is scored for; undefined when there is none.
 */
export function latestDischarge(history: PersonHistory, asOf: string): HistorySpell | undefined {
  const end = isoDay(asOf);
  let latest: HistorySpell | undefined;
  for (const spell of history.spells) {
    const discharged = spell.dischargeDate;
    if (discharged === undefined || discharged > end) continue;
    if (latest === undefined || discharged > latest.dischargeDate!
      || (discharged === latest.dischargeDate && (spell.admissionDate > latest.admissionDate
        || (spell.admissionDate === latest.admissionDate && spell.recordKey > latest.recordKey)))) {
      latest = spell;
    }
  }
  return latest;
}

/** The inputs of each published score for a person as of the facts' date. */
export interface ScoreInputs {
  hfrs: HfrsInput;
  efi: EfiInput;
  charlson: CharlsonInput;
  /** LACE of the latest discharge on or before the date; undefined when there is none. */
  lace: LaceInput | undefined;
}

/**
 * The score functions' inputs from a history and the facts derived from it on the same date. The
 * history's records already have the shapes the scores read, so nothing is copied: the scores apply
 * their own look-back windows and ignore records after the date.
 */
export function buildScoreInputs(history: PersonHistory, facts: PersonFacts): ScoreInputs {
  const age = facts.dead ? null : facts.age;
  const index = latestDischarge(history, facts.asOf);
  return {
    hfrs: { age, asOf: facts.asOf, spells: history.spells },
    efi: { age, asOf: facts.asOf, events: history.gpEvents, medications: history.medications },
    charlson: { asOf: facts.asOf, spells: history.spells },
    lace: index === undefined ? undefined : { indexSpell: index, spells: history.spells, emergencyAttendances: history.aeAttendances },
  };
}

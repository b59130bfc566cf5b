import type { Scope } from '../../../kernel/access/scope.ts';
import { ageOn, isIsoDate, todayIso } from '../../../kernel/dates.ts';
import { badRequest, notFound } from '../../../kernel/errors.ts';
import { readCodeMeanings } from '../../../kernel/reference.ts';
import type { ActivityKind } from '../domain/activity.ts';
import { SEX_LABELS } from '../domain/demographics.ts';
import { checkNhsNumber, normaliseNhsNumber } from '../domain/nhs-number.ts';
import type { Person, PersonIdentifier } from '../domain/person.ts';
import {
  aeAttendanceEntry, apcSpellEntry, communityContactEntry, gpEventEntry, gpMedicationEntry, KINDS_BY_SETTING, opAppointmentEntry,
  socialCareEntry, sortTimeline, urgentCareEntry, type CodeMeanings, type Setting, type TimelineEntry,
} from '../domain/timeline.ts';
import { findPersonIdsByIdentifiers, listIdentifiers } from '../store/person.repository.ts';
import { countActivityByKind, findLocalityName, findVisiblePerson, listActivityRows, listSpellCodes, searchPersons, type PersonQuery } from '../store/person-query.repository.ts';
import { activityVisible } from '../store/activity-access.ts';
import { sql } from 'kysely';

const NOTHING = sql<boolean>`1 = 0`;
import { careAccess, careRelationshipPredicate, requireIdentifiableAccess, type CareAccess } from './access-checks.ts';
import { NHS_NUMBER_SYSTEM } from '../domain/person.ts';

export interface PersonSummary {
  id: number; nhsNumber: string | null; localId: string | null; givenName: string | null; familyName: string | null;
  dateOfBirth: string | null; age: number | null; sex: Person['sex']; sexLabel: string; postcode: string | null;
  gpPracticeCode: string | null; dateOfDeath: string | null;
}

export function summarisePerson(p: Person, today = todayIso()): PersonSummary {
  const ageAt = p.dateOfDeath ?? today;
  return {
    id: p.id, nhsNumber: p.nhsNumber ?? null, localId: p.localId ?? null, givenName: p.givenName ?? null, familyName: p.familyName ?? null,
    dateOfBirth: p.dateOfBirth ?? null, age: p.dateOfBirth ? ageOn(p.dateOfBirth, ageAt) : null, sex: p.sex, sexLabel: SEX_LABELS[p.sex],
    postcode: p.postcode ?? null, gpPracticeCode: p.gpPracticeCode ?? null, dateOfDeath: p.dateOfDeath ?? null,
  };
}

/** Reads a search box: an NHS number, a date of birth, or name words. */
export function parsePersonQuery(q: string): PersonQuery {
  const text = q.trim();
  if (text.length < 2) throw badRequest('SEAMLESS_ERR_POPULATION_QUERY_TOO_SHORT', 'Type at least 2 characters: an NHS number, a date of birth (YYYY-MM-DD) or a name.');
  const digits = normaliseNhsNumber(text);
  if (/^\d{10}$/.test(digits)) return { by: 'nhsNumber', nhsNumber: digits };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isIsoDate(text)) throw badRequest('SEAMLESS_ERR_POPULATION_BAD_DATE', `'${text}' is not a real date.`);
    return { by: 'dateOfBirth', dateOfBirth: text };
  }
  const words = text.toLowerCase().split(/[\s,]+/).map((w) => w.replace(/[^a-z'-]/g, '')).filter((w) => w.length > 0);
  if (words.length === 0) throw badRequest('SEAMLESS_ERR_POPULATION_BAD_QUERY', 'Search by NHS number (10 digits), date of birth (YYYY-MM-DD) or name.');
  return { by: 'name', words: words.slice(0, 2) };
}

/** Searches the persons the actor may find; every person returned is audited. */
export async function findPersons(scope: Scope, q: string, limit: number): Promise<{ items: PersonSummary[]; total: number }> {
  requireIdentifiableAccess(scope);
  const query = parsePersonQuery(q);
  const result = await searchPersons(scope.db, query, limit, scope.access.personVisible('person.id', 'demographics'));
  const detail = `search by ${query.by === 'nhsNumber' ? 'NHS number' : query.by === 'dateOfBirth' ? 'date of birth' : 'name'}`;
  await scope.audit.record(scope.actor, result.items.length > 0
    ? result.items.map((p) => ({ action: 'search' as const, resource: 'population.person', personId: p.id, outcome: 'allowed' as const, detail }))
    : [{ action: 'search', resource: 'population.person', outcome: 'allowed', detail: `${detail}: no results` }]);
  const today = todayIso();
  return { items: result.items.map((p) => summarisePerson(p, today)), total: result.total };
}

export interface PersonRecord {
  person: PersonSummary & { lsoaCode: string | null; localityCode: string | null; localityName: string | null };
  identifiers: (Omit<PersonIdentifier, 'personId' | 'matchScore'> & { matchScore: number | null })[];
  counts: Record<ActivityKind, number>;
}

/**
 * The person, if the actor may see them at all. A person the actor may not see is answered exactly as
 * one that does not exist (no probing by guessed ids), and the refusal is audited.
 */
async function requireVisiblePerson(scope: Scope, id: number, resource: string): Promise<{ person: Person; care: CareAccess }> {
  requireIdentifiableAccess(scope);
  const found = await findVisiblePerson(scope.db, id, scope.access.personVisible('person.id', 'demographics'), careRelationshipPredicate(scope));
  if (!found) {
    await scope.audit.record(scope.actor, [{ action: 'read', resource, outcome: 'denied', detail: `person id ${id}: not found or no access` }]);
    throw notFound('SEAMLESS_ERR_POPULATION_PERSON_NOT_FOUND', `No person with the id ${id} is in the records you may see.`);
  }
  return { person: found.person, care: careAccess(scope, found) };
}

export async function getPersonRecord(scope: Scope, id: number): Promise<PersonRecord> {
  const { person, care } = await requireVisiblePerson(scope, id, 'population.person');
  const db = scope.db;
  const [localityName, identifiers, counts] = await Promise.all([
    findLocalityName(db, person.localityCode), listIdentifiers(db, id),
    countActivityByKind(db, id, (kind) => (care.related ? activityVisible(scope.access, kind, 'source', care.objections) : NOTHING)),
  ]);
  await scope.audit.record(scope.actor, [{ action: 'read', resource: 'population.person', personId: id, outcome: 'allowed' }]);
  return {
    person: { ...summarisePerson(person), lsoaCode: person.lsoaCode ?? null, localityCode: person.localityCode ?? null, localityName: localityName ?? null },
    identifiers: identifiers.map((i) => ({ system: i.system, value: i.value, matchMethod: i.matchMethod, matchScore: i.matchScore ?? null })),
    counts,
  };
}

/** The person id for an NHS number, with a clear error for an invalid or unknown one. */
export async function findPersonIdByNhsNumber(scope: Scope, raw: string): Promise<number> {
  const check = checkNhsNumber(raw);
  if (!check.ok) throw badRequest('SEAMLESS_ERR_POPULATION_INVALID_NHS_NUMBER', check.reason);
  const ids = await findPersonIdsByIdentifiers(scope.db, NHS_NUMBER_SYSTEM, [check.nhsNumber]);
  const id = ids.get(check.nhsNumber);
  if (id === undefined) throw notFound('SEAMLESS_ERR_POPULATION_PERSON_NOT_FOUND', `No person with NHS number ${check.nhsNumber} is in the index.`);
  return id;
}

let meanings: CodeMeanings | undefined;
function codeMeanings(): CodeMeanings {
  meanings ??= { admissionMethod: readCodeMeanings('apc_admission_method.csv'), dischargeDestination: readCodeMeanings('apc_discharge_destination.csv') };
  return meanings;
}

export interface TimelineOptions { settings?: Setting[] | undefined; before?: string | undefined; limit: number }

/** The person's linked record across GP, hospital, community and social care, newest first. */
export interface PersonTimeline { items: TimelineEntry[]; hasMore: boolean; accessNote: string | null }

export async function getPersonTimeline(scope: Scope, id: number, options: TimelineOptions): Promise<PersonTimeline> {
  const { care } = await requireVisiblePerson(scope, id, 'population.timeline');
  const db = scope.db;
  const settings = options.settings?.length ? options.settings : undefined;
  const kinds = new Set<ActivityKind>(settings ? settings.flatMap((s) => KINDS_BY_SETTING[s]) : Object.values(KINDS_BY_SETTING).flat());
  const entries: TimelineEntry[] = [];
  await Promise.all([...kinds].filter(() => care.related).map(async (kind) => {
    const rows = await listActivityRows(db, kind, id, activityVisible(scope.access, kind, 'source', care.objections));
    if (kind === 'apc_spell') {
      const codes = await listSpellCodes(db, id);
      for (const r of rows) entries.push(apcSpellEntry(r, codes.diagnoses.get(String(r.record_key)) ?? [], codes.procedures.get(String(r.record_key)) ?? [], codeMeanings()));
      return;
    }
    const toEntry = { gp_event: gpEventEntry, gp_medication: gpMedicationEntry, ae_attendance: aeAttendanceEntry, op_appointment: opAppointmentEntry,
      community_contact: communityContactEntry, urgent_care_contact: urgentCareEntry, social_care_event: socialCareEntry }[kind];
    for (const r of rows) entries.push(toEntry(r));
  }));
  let filtered = settings ? entries.filter((e) => settings.includes(e.setting)) : entries;
  if (options.before) filtered = filtered.filter((e) => e.date < options.before!);
  const sorted = sortTimeline(filtered);
  await scope.audit.record(scope.actor, [{ action: 'read', resource: 'population.timeline', personId: id, outcome: 'allowed', detail: `${Math.min(sorted.length, options.limit)} entries` }]);
  return { items: sorted.slice(0, options.limit), hasMore: sorted.length > options.limit, accessNote: care.note };
}

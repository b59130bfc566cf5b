import { fiveYearAgeBand } from '../../../kernel/dates.ts';
import { sql, type RawBuilder } from 'kysely';
import type { AccessFilter, AuditEntry, Scope } from '../../../kernel/access/scope.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { auditEntriesForPersons, suppressCount, type SuppressedCount } from '../../governance/index.ts';
import { listPersonIdentities } from '../../population/index.ts';
import type { PersonRef } from '../domain/views.ts';
import { listProfileIdsWhere } from '../store/person-facts.repository.ts';
import type { RunProfiles } from './profile-cache.service.ts';

/**
 * How the analytics routes apply information governance, in one place:
 *
 * - Who: planning roles (analysts, commissioners) and direct-care roles. Administration roles (IG
 *   leads, administrators) read no personal data and are refused.
 * - Aggregates (dashboard, cohort sizes, comparison counts): for planning, over the people the access
 *   filter lets planning see (persons with the national data opt-out left out, by
 *   `personVisible('person_facts.person_id', …)` in the SQL), with counts of 1–7 shown as '<8'. For
 *   direct care, over the whole place without suppression, as the place summary does: a count shows
 *   no one.
 * - Lists of people (case finding, people in a comparison): only people the actor may see, by the
 *   access predicate inside the query. Direct care gets identities (id, name, NHS number) of people
 *   it has a care relationship with (or break-glass), on a category of care record its role reads;
 *   planning gets pseudonymised keys, never identities. Every person listed is audited, one entry each.
 */
export type AnalyticsPurpose = 'planning' | 'direct_care';

export const ANALYTICS_NOT_PERMITTED = 'SEAMLESS_ERR_ANALYTICS_NOT_PERMITTED';

export function requireAnalyticsUse(scope: Scope): AnalyticsPurpose {
  const purpose = scope.actor.purpose;
  if (purpose === 'planning' || purpose === 'direct_care') return purpose;
  throw new SeamlessError(ANALYTICS_NOT_PERMITTED, 403, 'Population health analytics is for direct care and planning roles; your role does not read personal data.');
}

export const isPlanning = (scope: Scope): boolean => scope.actor.purpose === 'planning';

/** A count as the actor may see it: suppressed for planning. */
export function countFor(scope: Scope, count: number): SuppressedCount {
  return isPlanning(scope) ? suppressCount(count) : count;
}


/**
 * The person predicate for analytics lists over a person id column. Planning: the access filter's
 * planning rule (opt-outs out). Direct care: a care relationship (or break-glass) on a category of care
 * record the role reads, since scores, triggers and risk factors say what the person's records say; a
 * role that reads none sees nobody.
 */
export function listVisibility(scope: Scope, personIdColumn: string): RawBuilder<boolean> {
  if (isPlanning(scope)) return scope.access.personVisible(personIdColumn, 'demographics');
  return scope.access.careRelationship(personIdColumn);
}

// The people planning may not count, per access filter (built once per actor and second) and run.
const exclusions = new WeakMap<AccessFilter, { runId: number; ids: Promise<Set<number>> }>();

/**
 * The persons with a stored profile that this actor's aggregates leave out: for planning, those the
 * access filter hides from planning (the national data opt-out), found by the filter's predicate in
 * the query; for direct care, nobody. Kept for the life of the access filter.
 */
export function aggregateExclusions(scope: Scope, profiles: RunProfiles): Promise<Set<number>> {
  if (!isPlanning(scope)) return Promise.resolve(new Set());
  const cached = exclusions.get(scope.access);
  if (cached && cached.runId === profiles.run.id) return cached.ids;
  const visible = scope.access.personVisible('person_facts.person_id', 'demographics');
  const ids = listProfileIdsWhere(scope.db, sql<boolean>`not (${visible})`).then((list) => new Set(list));
  exclusions.set(scope.access, { runId: profiles.run.id, ids });
  return ids;
}

const exclusionKeys = new WeakMap<ReadonlySet<number>, string>();

/** A short key for a set of exclusions ('all' when empty), for caching aggregates that depend on it. */
export function exclusionsKey(excluded: ReadonlySet<number>): string {
  if (excluded.size === 0) return 'all';
  let key = exclusionKeys.get(excluded);
  if (key === undefined) {
    // FNV-1a over the sorted ids: the same people excluded give the same key.
    let hash = 0x811c9dc5;
    for (const id of [...excluded].sort((a, b) => a - b)) {
      for (let v = id; ; v = Math.floor(v / 256)) {
        hash = Math.imul(hash ^ (v & 0xff), 0x01000193);
        if (v < 256) break;
      }
    }
    key = `${excluded.size}:${(hash >>> 0).toString(16)}`;
    exclusionKeys.set(excluded, key);
  }
  return key;
}

/** The rows of the profiles the actor's aggregates count. */
export function countedRows(profiles: RunProfiles, excluded: ReadonlySet<number>): (i: number) => boolean {
  if (excluded.size === 0) return () => true;
  const columns = profiles.columns;
  return (i) => !excluded.has(columns.personId(i));
}

export interface ListedPerson {
  personId: number;
  age: number | null;
  sex: string;
  gpPracticeCode: string | null;
  localityCode: string | null;
}

/**
 * People as an analytics list shows them, in the order given: keys for planning; for direct care the
 * person's id, name and NHS number (people the actor may not find are left out). The caller has
 * already restricted the list to people the actor may see, and audits the ones returned.
 */
export async function toPersonRefs(scope: Scope, people: readonly ListedPerson[]): Promise<Array<{ ref: PersonRef; personId: number }>> {
  const base = (p: ListedPerson) => ({ age: p.age, sex: p.sex, gpPracticeCode: p.gpPracticeCode, localityCode: p.localityCode });
  // Planning users get a five-year band, not an exact age: with sex and practice an exact age narrows a
  // pseudonymised key down to very few people.
  if (isPlanning(scope)) {
    return people.map((p) => ({ personId: p.personId, ref: { personKey: scope.access.personKey(p.personId), ...base(p), age: null, ageBand: p.age === null ? null : fiveYearAgeBand(p.age) } }));
  }
  const identities = await listPersonIdentities(scope, people.map((p) => p.personId));
  const out: Array<{ ref: PersonRef; personId: number }> = [];
  for (const p of people) {
    const identity = identities.get(p.personId);
    if (!identity) continue;
    out.push({ personId: p.personId, ref: { personId: p.personId, name: identity.name ?? undefined, nhsNumber: identity.nhsNumber, ...base(p) } });
  }
  return out;
}

/** One audit entry per person listed (or one without a person when the list is empty). */
export function auditListed(scope: Scope, personIds: readonly number[], entry: Omit<AuditEntry, 'personId' | 'outcome'>): Promise<void> {
  return scope.audit.record(scope.actor, auditEntriesForPersons(personIds, { ...entry, outcome: 'allowed' }));
}

/** One audit entry for an aggregate read (counts, rates): no person is listed. */
export function auditAggregate(scope: Scope, resource: string, detail: string): Promise<void> {
  return scope.audit.record(scope.actor, [{ action: 'read', resource, outcome: 'allowed', detail }]);
}

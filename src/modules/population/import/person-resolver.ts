import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/database.ts';
import { recordActivityChange } from '../store/activity-change.repository.ts';
import {
  FACTS_LOADED, identityFactMask, identityToPersonFacts, personFactMask, type IncomingIdentity,
} from '../domain/csv-identity.ts';
import { ownString } from '../domain/csv-values.ts';
import { normaliseName, normalisePostcode, type SexCode } from '../domain/demographics.ts';
import { blockingDatesOfBirth, decideMatch, type Demographics } from '../domain/match-person.ts';
import {
  LOCAL_ID_SYSTEM, NHS_NUMBER_SYSTEM, sourceSystem, type MatchMethod, type Person, type PersonIdentifier,
} from '../domain/person.ts';
import {
  allocatePersonIds, fillPersonGaps, findPersonIdsByIdentifiers, insertIdentifiers, insertPersons, insertPossibleDuplicates,
  type PossibleDuplicateInput,
} from '../store/person.repository.ts';

/**
 * Resolves who each incoming record is about, a batch at a time, inside the caller's transaction:
 *
 * 1. a valid NHS number already known (identifier 'nhs-number');
 * 2. the source system's own patient id ('source:<system>', e.g. a FHIR Patient id);
 * 3. the council person id ('local');
 * 4. otherwise probabilistic matching (domain/match-person.ts) against persons born on the same date
 *    or its day/month swap: a score at or above the link threshold links, and the link is recorded
 *    on the record's identifiers with match_method and match_score; below it a new person is created
 *    and every candidate at or above the review threshold is listed in possible_duplicate. Two
 *    persons are never merged here.
 *
 * A new person without an NHS number gets a local identifier 'L' + the id padded to nine digits.
 * Known persons have gaps in their demographics filled (never overwritten). Identifiers already seen
 * are cached across batches; after a rollback call rollback(), which clears the cache, because ids
 * learned in the rolled-back batch no longer exist.
 */
export interface ResolvedPerson { personId: number; created: boolean }

export interface ResolverStats {
  created: number;
  linkedByMatching: number;
  reviewPairs: number;
}

export interface PersonResolver {
  resolve(tx: Tx, identities: readonly IncomingIdentity[]): Promise<ResolvedPerson[]>;
  /** After the transaction holding the last resolve committed. */
  commit(): void;
  /** After it rolled back: forgets everything cached. */
  rollback(): void;
  readonly stats: ResolverStats;
}

export interface PersonResolverOptions {
  /** Identifier cache entries kept across batches before the cache starts again (memory bound). */
  cacheLimit?: number;
}

/** A person a record may be matched to; demographics are normalised only when a match is tried. */
interface Candidate { id: number; nhsNumber: string | undefined; source: DemographicFacts; normalised?: Demographics | undefined }

type DemographicFacts = { familyName?: string | undefined; givenName?: string | undefined; dateOfBirth?: string | undefined; postcode?: string | undefined; sex?: SexCode | undefined };

function candidateDemographics(c: Candidate): Demographics {
  return (c.normalised ??= demographicsOf(c.source));
}

/** Possible duplicates listed for one new person at most (the highest scores). */
export const MAX_REVIEWS_PER_RECORD = 5;

const nhsKey = (nhs: string) => `n${nhs}`;
const localKey = (local: string) => `l${local}`;
const sourceKey = (system: string, id: string) => `s${system}|${id}`;

export function createPersonResolver(options: PersonResolverOptions = {}): PersonResolver {
  const cacheLimit = options.cacheLimit ?? 3_000_000;
  const cache = new Map<string, number>();
  let masks = new Uint16Array(4096);
  const stats: ResolverStats = { created: 0, linkedByMatching: 0, reviewPairs: 0 };

  const maskOf = (id: number) => (id < masks.length ? masks[id]! : 0);
  function setMask(id: number, mask: number): void {
    if (id >= masks.length) {
      let size = masks.length;
      while (size <= id) size *= 2;
      const grown = new Uint16Array(size);
      grown.set(masks);
      masks = grown;
    }
    masks[id] = mask;
  }

  async function resolve(tx: Tx, identities: readonly IncomingIdentity[]): Promise<ResolvedPerson[]> {
    // 1. Identifiers not in the cache, looked up in bulk.
    const missNhs = new Set<string>();
    const missLocal = new Set<string>();
    const missSource = new Map<string, Set<string>>();
    for (const identity of identities) {
      if (identity.nhsNumber !== undefined && !cache.has(nhsKey(identity.nhsNumber))) missNhs.add(identity.nhsNumber);
      if (identity.localId !== undefined && !cache.has(localKey(identity.localId))) missLocal.add(identity.localId);
      if (identity.sourceId !== undefined && identity.sourceSystem !== undefined && !cache.has(sourceKey(identity.sourceSystem, identity.sourceId))) {
        let set = missSource.get(identity.sourceSystem);
        if (!set) missSource.set(identity.sourceSystem, (set = new Set()));
        set.add(identity.sourceId);
      }
    }
    const needMasks = new Set<number>();
    const remember = (key: string, id: number) => { cache.set(ownString(key), id); if (maskOf(id) === 0) needMasks.add(id); };
    if (missNhs.size > 0) for (const [value, id] of await findPersonIdsByIdentifiers(tx, NHS_NUMBER_SYSTEM, [...missNhs])) remember(nhsKey(value), id);
    if (missLocal.size > 0) for (const [value, id] of await findPersonIdsByIdentifiers(tx, LOCAL_ID_SYSTEM, [...missLocal])) remember(localKey(value), id);
    for (const [system, values] of missSource) {
      for (const [value, id] of await findPersonIdsByIdentifiers(tx, sourceSystem(system), [...values])) remember(sourceKey(system, value), id);
    }
    if (needMasks.size > 0) await loadMasks(tx, [...needMasks]);

    // 2. Candidates for records no identifier resolves (fetched once for the batch).
    const candidates = await loadCandidates(tx, identities, cache);

    // 3. Decisions, in order: a person created by one record is found by the next.
    const batchKeys = new Map<string, number>(); // key → person id, negative for persons created in this batch
    const lookup = (key: string) => cache.get(key) ?? batchKeys.get(key);
    const created: { facts: Omit<Person, 'id'>; mask: number }[] = [];
    const createdByDob = new Map<string, Candidate[]>();
    const identifiers: PersonIdentifier[] = [];
    const reviews: PossibleDuplicateInput[] = [];
    const gaps = new Map<number, IncomingIdentity>();
    const results: ResolvedPerson[] = new Array(identities.length);

    for (let i = 0; i < identities.length; i++) {
      const identity = identities[i]!;
      const kNhs = identity.nhsNumber !== undefined ? nhsKey(identity.nhsNumber) : undefined;
      const kSource = identity.sourceId !== undefined && identity.sourceSystem !== undefined ? sourceKey(identity.sourceSystem, identity.sourceId) : undefined;
      const kLocal = identity.localId !== undefined ? localKey(identity.localId) : undefined;
      const byNhs = kNhs === undefined ? undefined : lookup(kNhs);
      const bySource = kSource === undefined ? undefined : lookup(kSource);
      const byLocal = kLocal === undefined ? undefined : lookup(kLocal);
      let personId = byNhs ?? bySource ?? byLocal;
      let method: MatchMethod = byNhs !== undefined ? 'nhs_number' : bySource !== undefined ? 'source_id' : 'local_id';
      let score: number | undefined;
      let isNew = personId === undefined;
      if (personId !== undefined) {
        // Identifiers that point at different persons: keep the stronger one, list the pair for review.
        for (const other of [bySource, byLocal]) {
          if (other !== undefined && other !== personId) reviews.push({ personId, candidatePersonId: other, score: 0, reasons: ['identifiers point at different persons'] });
        }
      } else if (identity.dateOfBirth !== undefined && (identity.familyName !== undefined || identity.givenName !== undefined)) {
        const pool: Candidate[] = [];
        for (const dob of blockingDatesOfBirth(identity.dateOfBirth)) {
          // Two different NHS numbers are two different people.
          for (const c of candidates.get(dob) ?? []) if (identity.nhsNumber === undefined || c.nhsNumber === undefined) pool.push(c);
          for (const c of createdByDob.get(dob) ?? []) if (identity.nhsNumber === undefined || c.nhsNumber === undefined) pool.push(c);
        }
        const decision = pool.length === 0
          ? { kind: 'new' as const, reviews: [] }
          : decideMatch(demographicsOf(identity), pool.map((c) => ({ id: c.id, demographics: candidateDemographics(c) })));
        if (decision.kind === 'link') {
          personId = decision.personId;
          method = decision.method;
          score = decision.score;
          stats.linkedByMatching++;
          isNew = false;
        } else {
          // The strongest few are enough for a reviewer; a crowd of look-alikes should not flood the list.
          const strongest = decision.reviews.length > MAX_REVIEWS_PER_RECORD
            ? [...decision.reviews].sort((a, b) => b.score - a.score).slice(0, MAX_REVIEWS_PER_RECORD) : decision.reviews;
          for (const r of strongest) reviews.push({ personId: -(created.length + 1), candidatePersonId: r.personId, score: r.score, reasons: r.reasons });
        }
      }
      if (isNew) {
        personId = -(created.length + 1);
        const facts = identityToPersonFacts(identity);
        created.push({ facts, mask: personFactMask(facts) });
        method = 'new';
        if (identity.dateOfBirth !== undefined) {
          let list = createdByDob.get(identity.dateOfBirth);
          if (!list) createdByDob.set(identity.dateOfBirth, (list = []));
          list.push({ id: personId, nhsNumber: identity.nhsNumber, source: identity });
        }
      }
      const pid = personId!;
      if (!isNew && pid < 0) {
        fillCreatedGaps(created[-pid - 1]!, identity);
      } else if (!isNew) {
        const incoming = identityFactMask(identity);
        const known = maskOf(pid);
        if ((incoming & ~known) !== 0) {
          const pending = gaps.get(pid);
          gaps.set(pid, pending ? { ...identity, ...definedOnly(pending) } : identity);
          setMask(pid, known | incoming);
        }
      }
      // Record the identifiers this person was not yet known by, with how the link was made.
      if (kNhs !== undefined && byNhs === undefined) { identifiers.push({ system: NHS_NUMBER_SYSTEM, value: identity.nhsNumber!, personId: pid, matchMethod: method, matchScore: score }); batchKeys.set(kNhs, pid); }
      if (kSource !== undefined && bySource === undefined) { identifiers.push({ system: sourceSystem(identity.sourceSystem!), value: identity.sourceId!, personId: pid, matchMethod: method, matchScore: score }); batchKeys.set(kSource, pid); }
      if (kLocal !== undefined && byLocal === undefined) { identifiers.push({ system: LOCAL_ID_SYSTEM, value: identity.localId!, personId: pid, matchMethod: method, matchScore: score }); batchKeys.set(kLocal, pid); }
      results[i] = { personId: pid, created: isNew };
    }

    // 4. Real ids for the new persons, then every temporary id replaced.
    const ids = await allocatePersonIds(tx, created.length);
    const real = (id: number) => (id < 0 ? ids[-id - 1]! : id);
    for (const r of results) r.personId = real(r.personId);
    for (const identifier of identifiers) identifier.personId = real(identifier.personId);
    const pairs = reviews.map((r) => ({ ...r, personId: real(r.personId), candidatePersonId: real(r.candidatePersonId) })).filter((r) => r.personId !== r.candidatePersonId);
    const persons: Person[] = created.map((c, i) => ({ ...c.facts, id: ids[i]! }));
    await assignLocalIds(tx, persons, identifiers, batchKeys);

    // 5. Writes, in the caller's transaction.
    await insertPersons(tx, persons);
    await insertIdentifiers(tx, identifiers);
    // In chunks: the pairs insert binds six values a row, and SQLite allows 32,766 per statement.
    const uniquePairs = dedupePairs(pairs);
    for (let i = 0; i < uniquePairs.length; i += 1000) await insertPossibleDuplicates(tx, uniquePairs.slice(i, i + 1000));
    for (const [personId, identity] of gaps) await fillPersonGaps(tx, personId, identityToPersonFacts(identity));
    // Filled gaps (a date of death, a practice) change what is derived from the person's record.
    if (gaps.size > 0) await recordActivityChange(tx, gaps.keys());

    for (const [key, id] of batchKeys) cache.set(ownString(key), real(id));
    for (const p of persons) setMask(p.id, personFactMask(p));
    stats.created += persons.length;
    stats.reviewPairs += pairs.length;
    return results;
  }

  async function loadMasks(tx: Tx, ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      const result = await sql<PersonRow>`select id, nhs_number, local_id, given_name, family_name, date_of_birth, sex, postcode, lsoa_code,
        locality_code, gp_practice_code, date_of_death from person where id in (${sql.join(chunk)})`.execute(tx.kysely);
      for (const row of result.rows) setMask(Number(row.id), personFactMask(rowFacts(row)));
    }
  }

  return {
    resolve,
    commit() { if (cache.size > cacheLimit) cache.clear(); },
    rollback() { cache.clear(); masks.fill(0); },
    stats,
  };
}

interface PersonRow {
  id: number; nhs_number: string | null; local_id: string | null; given_name: string | null; family_name: string | null;
  date_of_birth: string | null; sex: string; postcode: string | null; lsoa_code: string | null; locality_code: string | null;
  gp_practice_code: string | null; date_of_death: string | null;
}

const u = (v: string | null) => (v === null ? undefined : v);

function rowFacts(r: PersonRow): Omit<Person, 'id'> {
  return {
    nhsNumber: u(r.nhs_number), localId: u(r.local_id), givenName: u(r.given_name), familyName: u(r.family_name), dateOfBirth: u(r.date_of_birth),
    sex: r.sex as SexCode, postcode: u(r.postcode), lsoaCode: u(r.lsoa_code), localityCode: u(r.locality_code),
    gpPracticeCode: u(r.gp_practice_code), dateOfDeath: u(r.date_of_death),
  };
}

function demographicsOf(p: DemographicFacts): Demographics {
  return {
    familyName: normaliseName(p.familyName), givenName: normaliseName(p.givenName), dateOfBirth: p.dateOfBirth,
    postcode: normalisePostcode(p.postcode), sex: p.sex,
  };
}

/** Persons born on the blocking dates of records that no identifier resolves. */
async function loadCandidates(tx: Tx, identities: readonly IncomingIdentity[], cache: Map<string, number>): Promise<Map<string, Candidate[]>> {
  const anyPerson = new Set<string>();
  const withoutNhs = new Set<string>();
  for (const identity of identities) {
    if (identity.dateOfBirth === undefined || (identity.familyName === undefined && identity.givenName === undefined)) continue;
    if (identity.nhsNumber !== undefined && cache.has(nhsKey(identity.nhsNumber))) continue;
    if (identity.sourceId !== undefined && identity.sourceSystem !== undefined && cache.has(sourceKey(identity.sourceSystem, identity.sourceId))) continue;
    if (identity.localId !== undefined && cache.has(localKey(identity.localId))) continue;
    for (const dob of blockingDatesOfBirth(identity.dateOfBirth)) (identity.nhsNumber === undefined ? anyPerson : withoutNhs).add(dob);
  }
  for (const dob of anyPerson) withoutNhs.delete(dob);
  const byDob = new Map<string, Candidate[]>();
  const add = (rows: PersonRow[]) => {
    for (const r of rows) {
      const facts = rowFacts(r);
      let list = byDob.get(r.date_of_birth!);
      if (!list) byDob.set(r.date_of_birth!, (list = []));
      list.push({ id: Number(r.id), nhsNumber: facts.nhsNumber, source: facts });
    }
  };
  for (const [dates, nhsFilter] of [[anyPerson, false], [withoutNhs, true]] as const) {
    const list = [...dates];
    for (let i = 0; i < list.length; i += 5000) {
      const chunk = list.slice(i, i + 5000);
      const filter = nhsFilter ? sql`and nhs_number is null` : sql``;
      // SQLite's planner prefers the NHS number index for 'is null'; the partial index is the small one.
      const hint = nhsFilter && tx.db.dialect === 'sqlite' ? sql`indexed by person_dob_no_nhs_idx` : sql``;
      const result = await sql<PersonRow>`select id, nhs_number, local_id, given_name, family_name, date_of_birth, sex, postcode, lsoa_code,
        locality_code, gp_practice_code, date_of_death from person ${hint} where date_of_birth in (${sql.join(chunk)}) ${filter}`.execute(tx.kysely);
      add(result.rows);
    }
  }
  return byDob;
}

function definedOnly(identity: IncomingIdentity): IncomingIdentity {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(identity)) if (v !== undefined) out[k] = v;
  return out as IncomingIdentity;
}

/** A person created earlier in the same batch learns what a later record adds (never overwriting). */
function fillCreatedGaps(target: { facts: Omit<Person, 'id'>; mask: number }, identity: IncomingIdentity): void {
  const facts = target.facts;
  facts.nhsNumber ??= identity.nhsNumber;
  facts.localId ??= identity.localId;
  facts.givenName ??= identity.givenName;
  facts.familyName ??= identity.familyName;
  facts.dateOfBirth ??= identity.dateOfBirth;
  if (facts.sex === 'X' && identity.sex !== undefined) facts.sex = identity.sex;
  facts.postcode ??= identity.postcode;
  facts.lsoaCode ??= identity.lsoaCode;
  facts.localityCode ??= identity.localityCode;
  facts.gpPracticeCode ??= identity.gpPracticeCode;
  facts.dateOfDeath ??= identity.dateOfDeath;
  target.mask = personFactMask(facts);
}

/** 'L' + id padded to nine digits for each new person with neither NHS number nor local id. */
async function assignLocalIds(tx: Tx, persons: Person[], identifiers: PersonIdentifier[], batchKeys: Map<string, number>): Promise<void> {
  const needing = persons.filter((p) => p.nhsNumber === undefined && p.localId === undefined);
  if (needing.length === 0) return;
  const proposed = needing.map((p) => `L${String(p.id).padStart(9, '0')}`);
  const taken = await findPersonIdsByIdentifiers(tx, LOCAL_ID_SYSTEM, proposed);
  needing.forEach((person, i) => {
    let value = proposed[i]!;
    // A council id that happens to look like ours: add a suffix rather than share an identifier.
    for (let n = 2; taken.has(value) || batchKeys.has(localKey(value)); n++) value = `${proposed[i]}-${n}`;
    person.localId = value;
    batchKeys.set(localKey(value), person.id);
    identifiers.push({ system: LOCAL_ID_SYSTEM, value, personId: person.id, matchMethod: 'new' });
  });
}

function dedupePairs(pairs: PossibleDuplicateInput[]): PossibleDuplicateInput[] {
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const key = `${p.personId}|${p.candidatePersonId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

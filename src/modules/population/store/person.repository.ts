import { sql } from 'kysely';
import { insertRows, type BulkTable } from '../../../kernel/db/bulk.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { SexCode } from '../domain/demographics.ts';
import type { Person, PersonIdentifier } from '../domain/person.ts';
import type { PersonTable, PopulationTables } from './population.tables.ts';
import { recordActivityChange } from './activity-change.repository.ts';

const PERSON: BulkTable = {
  table: 'person',
  columns: [['id', 'bigint'], ['nhs_number', 'text'], ['local_id', 'text'], ['given_name', 'text'], ['family_name', 'text'],
    ['date_of_birth', 'text'], ['sex', 'text'], ['postcode', 'text'], ['lsoa_code', 'text'], ['locality_code', 'text'],
    ['gp_practice_code', 'text'], ['date_of_death', 'text']],
};
const PERSON_IDENTIFIER: BulkTable = {
  table: 'person_identifier',
  columns: [['system', 'text'], ['value', 'text'], ['person_id', 'bigint'], ['match_method', 'text'], ['match_score', 'double precision']],
};

const SQLITE_MAX_IN = 5000;

/**
 * Reserves n new person ids. PostgreSQL draws them from the identity sequence, so concurrent
 * importers never collide; SQLite has one writer at a time, so max(id)+1 inside the transaction is safe.
 */
export async function allocatePersonIds(tx: Tx, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (tx.db.dialect === 'postgres') {
    const result = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('person', 'id')) as id from generate_series(1, ${count})`.execute(tx.kysely);
    return result.rows.map((r) => Number(r.id));
  }
  const row = await tables<PopulationTables>(tx).selectFrom('person').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  const start = Number(row?.max ?? 0) + 1;
  return Array.from({ length: count }, (_, i) => start + i);
}

/** Inserts persons whose ids came from allocatePersonIds (new persons go in the change log: they have not been scored). */
export async function insertPersons(tx: Tx, persons: readonly Person[]): Promise<number> {
  const inserted = await insertRows(tx, PERSON, persons.map((p) => [
    p.id, p.nhsNumber ?? null, p.localId ?? null, p.givenName ?? null, p.familyName ?? null, p.dateOfBirth ?? null, p.sex,
    p.postcode ?? null, p.lsoaCode ?? null, p.localityCode ?? null, p.gpPracticeCode ?? null, p.dateOfDeath ?? null,
  ]));
  if (inserted > 0) await recordActivityChange(tx, persons.map((p) => p.id));
  return inserted;
}

/** Records identifiers; an identifier already held by a person is left with that person. */
export async function insertIdentifiers(tx: Tx, identifiers: readonly PersonIdentifier[]): Promise<number> {
  return insertRows(tx, PERSON_IDENTIFIER, identifiers.map((i) => [i.system, i.value, i.personId, i.matchMethod, i.matchScore ?? null]));
}

/** Fills gaps in a stored person from a newer record (never overwrites what is there). */
export async function fillPersonGaps(tx: Tx, personId: number, facts: Partial<Omit<Person, 'id'>>): Promise<void> {
  const columns: [keyof Omit<Person, 'id' | 'sex'>, string][] = [
    ['nhsNumber', 'nhs_number'], ['localId', 'local_id'], ['givenName', 'given_name'], ['familyName', 'family_name'],
    ['dateOfBirth', 'date_of_birth'], ['postcode', 'postcode'], ['lsoaCode', 'lsoa_code'], ['localityCode', 'locality_code'],
    ['gpPracticeCode', 'gp_practice_code'], ['dateOfDeath', 'date_of_death'],
  ];
  const sets = columns
    .filter(([field]) => facts[field] !== undefined)
    .map(([field, column]) => sql`${sql.ref(column)} = coalesce(${sql.ref(column)}, ${facts[field]})`);
  if (facts.sex && facts.sex !== 'X') sets.push(sql`sex = case when sex = 'X' then ${facts.sex} else sex end`);
  if (sets.length === 0) return;
  await sql`update person set ${sql.join(sets)} where id = ${personId}`.execute(tx.kysely);
}

/** Looks identifiers up in bulk: returns system|value → person id for those already known. */
export async function findPersonIdsByIdentifiers(tx: Database | Tx, system: string, values: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const k = tables<PopulationTables>(tx);
  for (let i = 0; i < values.length; i += SQLITE_MAX_IN) {
    const chunk = values.slice(i, i + SQLITE_MAX_IN);
    const rows = await k.selectFrom('person_identifier').select(['value', 'person_id'])
      .where('system', '=', system).where('value', 'in', chunk).execute();
    for (const r of rows) found.set(r.value, Number(r.person_id));
  }
  return found;
}

export function rowToPerson(r: PersonTable & { id: number }): Person {
  const v = <T>(x: T | null) => (x === null ? undefined : x);
  return {
    id: Number(r.id), nhsNumber: v(r.nhs_number), localId: v(r.local_id), givenName: v(r.given_name), familyName: v(r.family_name),
    dateOfBirth: v(r.date_of_birth), sex: r.sex as SexCode, postcode: v(r.postcode), lsoaCode: v(r.lsoa_code),
    localityCode: v(r.locality_code), gpPracticeCode: v(r.gp_practice_code), dateOfDeath: v(r.date_of_death),
  };
}

/** Persons born on any of the given dates: the blocking step of probabilistic matching. */
export async function findPersonsByDatesOfBirth(tx: Database | Tx, dates: readonly string[]): Promise<Person[]> {
  const result: Person[] = [];
  const k = tables<PopulationTables>(tx);
  for (let i = 0; i < dates.length; i += SQLITE_MAX_IN) {
    const rows = await k.selectFrom('person').selectAll().where('date_of_birth', 'in', dates.slice(i, i + SQLITE_MAX_IN)).execute();
    for (const r of rows) result.push(rowToPerson(r as never));
  }
  return result;
}

export async function findPersonById(db: Database | Tx, id: number): Promise<Person | undefined> {
  const row = await tables<PopulationTables>(db).selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToPerson(row as never) : undefined;
}

export async function listIdentifiers(db: Database | Tx, personId: number): Promise<PersonIdentifier[]> {
  const rows = await tables<PopulationTables>(db).selectFrom('person_identifier').selectAll()
    .where('person_id', '=', personId).orderBy('created_at').execute();
  return rows.map((r) => ({
    system: r.system, value: r.value, personId: Number(r.person_id), matchMethod: r.match_method as PersonIdentifier['matchMethod'],
    matchScore: r.match_score ?? undefined,
  }));
}

export interface PossibleDuplicateInput { personId: number; candidatePersonId: number; score: number; reasons: string[] }

export async function insertPossibleDuplicates(tx: Tx, pairs: readonly PossibleDuplicateInput[]): Promise<void> {
  if (pairs.length === 0) return;
  await tables<PopulationTables>(tx).insertInto('possible_duplicate')
    .values(pairs.map((p) => ({ person_id: p.personId, candidate_person_id: p.candidatePersonId, score: p.score, reasons: JSON.stringify(p.reasons), reviewed_at: null, reviewed_by: null })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function countPersons(db: Database | Tx): Promise<number> {
  const row = await tables<PopulationTables>(db).selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

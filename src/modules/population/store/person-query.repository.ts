import { sql, type RawBuilder } from 'kysely';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../domain/activity.ts';
import type { Person } from '../domain/person.ts';
import type { PopulationTables } from './population.tables.ts';
import { rowToPerson } from './person.repository.ts';

type Handle = Database | Tx;

export type PersonQuery =
  | { by: 'nhsNumber'; nhsNumber: string }
  | { by: 'dateOfBirth'; dateOfBirth: string }
  | { by: 'name'; words: string[] };

/** Upper bound of a prefix range: 'smi' → 'smj', so prefix search uses the lower(family_name) index on both engines. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Persons matching the query among those `visible` lets through (the filter is part of the query, so totals never leak). */
export async function searchPersons(db: Handle, query: PersonQuery, limit: number, visible: RawBuilder<boolean>): Promise<{ items: Person[]; total: number }> {
  const k = tables<PopulationTables>(db);
  let base = k.selectFrom('person').where(visible);
  if (query.by === 'nhsNumber') base = base.where('nhs_number', '=', query.nhsNumber);
  else if (query.by === 'dateOfBirth') base = base.where('date_of_birth', '=', query.dateOfBirth);
  else {
    const [first, second] = query.words;
    const family = (w: string) => sql<boolean>`lower(family_name) >= ${w} and lower(family_name) < ${prefixEnd(w)}`;
    const given = (w: string) => sql<boolean>`lower(given_name) >= ${w} and lower(given_name) < ${prefixEnd(w)}`;
    base = second === undefined
      ? base.where(family(first!))
      : base.where(sql<boolean>`((${family(first!)}) and (${given(second)})) or ((${family(second)}) and (${given(first!)}))`);
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('family_name').orderBy('given_name').orderBy('id').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => rowToPerson(r as never)), total: Number(count.n) };
}

export async function findLocalityName(db: Handle, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const row = await tables<PopulationTables>(db).selectFrom('locality').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name;
}

export async function countActivityByKind(db: Handle, personId: number, visible: (kind: ActivityKind) => RawBuilder<boolean>): Promise<Record<ActivityKind, number>> {
  // One statement for every kind: on the person page, nine trips through the query builder and the
  // driver cost more than the counts themselves. Kinds are the fixed table names, so literals.
  const parts = ACTIVITY_KINDS.map((kind) => sql`select ${sql.lit(kind)} as kind, count(*) as n from ${sql.table(kind)}
    where ${sql.ref(`${kind}.person_id`)} = ${personId} and ${visible(kind)}`);
  const result = await sql<{ kind: ActivityKind; n: number | string }>`${sql.join(parts, sql` union all `)}`.execute(db.kysely);
  const counts = Object.fromEntries(ACTIVITY_KINDS.map((kind) => [kind, 0])) as Record<ActivityKind, number>;
  for (const row of result.rows) counts[row.kind] = Number(row.n);
  return counts;
}

/** All rows of one activity kind for a person (a person has hundreds at most; the primary key starts with person_id). */
export async function listActivityRows(db: Handle, kind: ActivityKind, personId: number, visible: RawBuilder<boolean>): Promise<Record<string, unknown>[]> {
  return tables<PopulationTables>(db).selectFrom(kind).selectAll().where('person_id', '=', personId).where(visible).execute() as Promise<Record<string, unknown>[]>;
}

/**
 * The person, if `visible` lets them through, with the two facts a record page needs about them, all
 * in one indexed probe: whether `related` (the care relationship predicate) holds, and whether the
 * person has an active objection to sharing or a category restriction.
 */
export async function findVisiblePerson(db: Handle, personId: number, visible: RawBuilder<boolean>, related: RawBuilder<boolean>): Promise<{ person: Person; related: boolean; objections: boolean } | undefined> {
  const row = await tables<PopulationTables>(db).selectFrom('person').selectAll()
    .select([
      sql<number>`case when ${related} then 1 else 0 end`.as('access_related'),
      sql<number>`case when exists (select 1 from person_consent pc where pc.person_id = person.id and pc.withdrawn_at is null
        and pc.kind in ('objection_to_sharing', 'restrict_category')) then 1 else 0 end`.as('access_objections'),
    ])
    .where('id', '=', personId).where(visible).executeTakeFirst() as (Record<string, unknown> & { access_related: number; access_objections: number }) | undefined;
  if (!row) return undefined;
  return { person: rowToPerson(row as never), related: Number(row.access_related) === 1, objections: Number(row.access_objections) === 1 };
}

/** A page of the persons `visible` lets through, optionally in one locality or practice, in id order. */
export async function listPersonsPage(db: Handle, query: { localityCode?: string | undefined; gpPracticeCode?: string | undefined; limit: number; offset: number }, visible: RawBuilder<boolean>): Promise<Person[]> {
  let q = tables<PopulationTables>(db).selectFrom('person').selectAll().where(visible);
  if (query.localityCode) q = q.where('locality_code', '=', query.localityCode);
  if (query.gpPracticeCode) q = q.where('gp_practice_code', '=', query.gpPracticeCode);
  const rows = await q.orderBy('id').limit(query.limit).offset(query.offset).execute();
  return rows.map((r) => rowToPerson(r as never));
}

/** Diagnoses and procedures of a person's spells, by spell record key, in position order. */
export async function listSpellCodes(db: Handle, personId: number): Promise<{ diagnoses: Map<string, string[]>; procedures: Map<string, string[]> }> {
  const k = tables<PopulationTables>(db);
  const [dx, px] = await Promise.all([
    k.selectFrom('apc_diagnosis').select(['record_key', 'icd10_code']).where('person_id', '=', personId).orderBy('record_key').orderBy('position').execute(),
    k.selectFrom('apc_procedure').select(['record_key', 'opcs4_code']).where('person_id', '=', personId).orderBy('record_key').orderBy('position').execute(),
  ]);
  const group = <R>(rows: R[], key: (r: R) => string, value: (r: R) => string) => {
    const map = new Map<string, string[]>();
    for (const r of rows) { const list = map.get(key(r)) ?? []; list.push(value(r)); map.set(key(r), list); }
    return map;
  };
  return { diagnoses: group(dx, (r) => r.record_key, (r) => r.icd10_code), procedures: group(px, (r) => r.record_key, (r) => r.opcs4_code) };
}

import { sql, type RawBuilder } from 'kysely';
import { CARE_RECORD_CATEGORIES, type Actor, type DataCategory } from '../../../kernel/access/actor.ts';
import type { AccessFilter } from '../../../kernel/access/scope.ts';
import type { DialectName } from '../../../kernel/db/database.ts';
import { inValueList } from '../../../kernel/db/value-list.ts';
import { pseudonymisationKey, pseudonymisePersonId } from './pseudonymise.ts';
import { rolePolicy, type SharingGrant } from '../domain/access-policy.ts';

/**
 * The access policy of domain/access-policy.ts compiled into SQL predicates that stores add to their
 * WHERE clauses, so that searches, lists and counts only ever see permitted rows (paging and totals
 * stay right). Every value is a bound parameter; column names come from code, never from input.
 */
const TRUE = sql<boolean>`1 = 1`;
const FALSE = sql<boolean>`1 = 0`;

function any(parts: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return parts.length === 0 ? FALSE : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

export function createAccessFilter(actor: Actor, grants: readonly SharingGrant[], now: string, dialect: DialectName): AccessFilter {
  const policy = rolePolicy(actor.role);
  const today = now.slice(0, 10);
  const canRead = (category: DataCategory) => policy.categories.includes(category) && actor.purpose !== 'administration';

  const noOptOut = (person: RawBuilder<unknown>) => sql<boolean>`not exists (select 1 from person_consent oc
    where oc.person_id = ${person} and oc.kind = 'national_data_opt_out' and oc.withdrawn_at is null)`;

  const relationship = (person: RawBuilder<unknown>): RawBuilder<boolean>[] => {
    const parts: RawBuilder<boolean>[] = [];
    if (actor.teamCodes.length > 0) {
      parts.push(sql<boolean>`exists (select 1 from care_relationship cr where cr.person_id = ${person}
        and ${inValueList(dialect, sql.ref('cr.team_code'), actor.teamCodes)} and (cr.closed_on is null or cr.closed_on >= ${today}))`);
    }
    parts.push(sql<boolean>`exists (select 1 from person rp where rp.id = ${person} and rp.gp_practice_code = ${actor.orgCode})`);
    parts.push(sql<boolean>`exists (select 1 from break_glass bg where bg.person_id = ${person} and bg.staff_id = ${actor.id} and bg.expires_at > ${now})`);
    return parts;
  };

  const sourceLists = new Map<DataCategory, string[]>();
  const sourcesFor = (category: DataCategory) => {
    let list = sourceLists.get(category);
    if (!list) {
      list = [...new Set([actor.orgCode, ...grants.filter((g) => g.categories.includes(category) && g.purposes.includes(actor.purpose)).map((g) => g.sourceOrg)])];
      sourceLists.set(category, list);
    }
    return list;
  };

  const personVisible = (personIdColumn: string, category: DataCategory): RawBuilder<boolean> => {
    if (!canRead(category)) return FALSE;
    const person = sql.ref(personIdColumn);
    if (actor.purpose === 'planning') return noOptOut(person);
    if (category === 'demographics' && policy.findAnyPerson) return TRUE;
    return any(relationship(person));
  };

  const sourceVisible = (personIdColumn: string, sourceOrgColumn: string, category: DataCategory, options?: { personHasObjections?: boolean }): RawBuilder<boolean> => {
    if (!canRead(category)) return FALSE;
    const person = sql.ref(personIdColumn);
    const source = sql.ref(sourceOrgColumn);
    const shared = inValueList(dialect, source, sourcesFor(category));
    if (actor.purpose === 'planning' || options?.personHasObjections === false) return shared;
    const notObjected = sql<boolean>`(${source} = ${actor.orgCode} or not exists (select 1 from person_consent ob
      where ob.person_id = ${person} and ob.withdrawn_at is null
        and ((ob.kind = 'objection_to_sharing' and (ob.org_code is null or ob.org_code = ${actor.orgCode}))
          or (ob.kind = 'restrict_category' and ob.category = ${category}))))`;
    return sql<boolean>`(${shared} and ${notObjected})`;
  };

  const recordVisible = (personIdColumn: string, sourceOrgColumn: string, category: DataCategory): RawBuilder<boolean> => {
    if (!canRead(category)) return FALSE;
    const person = sql.ref(personIdColumn);
    if (actor.purpose === 'planning') return sql<boolean>`(${noOptOut(person)} and ${sourceVisible(personIdColumn, sourceOrgColumn, category)})`;
    // Demographic look-up alone never opens records: records need a relationship.
    return sql<boolean>`(${any(relationship(person))} and ${sourceVisible(personIdColumn, sourceOrgColumn, category)})`;
  };

  // Predicates are immutable, so each is built once per filter and reused by every query that asks
  // for it (building and compiling them was most of the cost of access control per request).
  const memo = new Map<string, RawBuilder<boolean>>();
  const remember = (key: string, build: () => RawBuilder<boolean>) => {
    let predicate = memo.get(key);
    if (!predicate) memo.set(key, (predicate = build()));
    return predicate;
  };
  return {
    identifiable: actor.purpose === 'direct_care',
    personKey: (personId) => pseudonymisePersonId(personId, pseudonymisationKey()),
    canRead,
    personVisible: (column, category) => remember(`p|${column}|${category}`, () => personVisible(column, category)),
    sourceVisible: (person, source, category, options) => remember(`s|${person}|${source}|${category}|${options?.personHasObjections ?? ''}`, () => sourceVisible(person, source, category, options)),
    recordVisible: (person, source, category) => remember(`r|${person}|${source}|${category}`, () => recordVisible(person, source, category)),
    careRelationship: (person) => remember(`c|${person}`, () =>
      (actor.purpose === 'direct_care' && CARE_RECORD_CATEGORIES.some(canRead) ? any(relationship(sql.ref(person))) : FALSE)),
  };
}

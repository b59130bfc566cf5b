import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.ts';

/**
 * `column IN (list)` with the whole list bound as ONE parameter: a JSON array read by json_each on
 * SQLite, a text[] on PostgreSQL. Access predicates carry lists of tens of organisation codes into
 * every row query; as separate parameters each one is a node Kysely compiles and the driver binds on
 * every request, which cost more than the query itself. The list is still a bound value, never SQL text.
 */
export function inValueList(dialect: DialectName, column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<boolean> {
  if (values.length === 0) return sql<boolean>`1 = 0`;
  if (values.length === 1) return sql<boolean>`${column} = ${values[0]}`;
  return dialect === 'sqlite'
    ? sql<boolean>`${column} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<boolean>`${column} = any(${[...values]}::text[])`;
}

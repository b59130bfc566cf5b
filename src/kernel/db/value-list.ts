import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.ts';

/**
 * `column IN (list)` with the whole list bound as ONE parameter. Access predicates carry lists of tens
 * of organisation codes into every row query; as separate parameters each is a node Kysely compiles
 * and the driver binds on every request, which cost more than the query itself.
 *
 * - PostgreSQL: `column = any($1::text[])`.
 * - SQLite: `instr($1, '|' || column || '|') > 0` over '|a|b|c|': cheaper than json_each, which builds
 *   a temporary index on every execution (13 µs a query, most of a one-person query's cost). Lists
 *   whose values contain the separator use json_each instead. A NULL column matches nothing, as with IN.
 *   (The SQL spells the separator out as '|': keep SEPARATOR in step.)
 *
 * The list is always a bound value, never SQL text.
 */
const SEPARATOR = '|';

export function inValueList(dialect: DialectName, column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<boolean> {
  if (values.length === 0) return sql<boolean>`1 = 0`;
  if (values.length === 1) return sql<boolean>`${column} = ${values[0]}`;
  if (dialect === 'postgres') return sql<boolean>`${column} = any(${[...values]}::text[])`;
  if (values.some((v) => v.includes(SEPARATOR))) return sql<boolean>`${column} in (select value from json_each(${JSON.stringify(values)}))`;
  // A column value holding the separator could span two listed values ('X|Y' in '|X|Y|'); no listed
  // value holds it here, so such a value never matches.
  return sql<boolean>`(instr(${column}, '|') = 0 and instr(${SEPARATOR + values.join(SEPARATOR) + SEPARATOR}, '|' || ${column} || '|') > 0)`;
}

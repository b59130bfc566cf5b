import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { Tx } from './database.ts';

/**
 * Bulk writes for imports and the generator, the hot path of loading a place. SQLite runs cached
 * prepared statements inside the caller's transaction (better-sqlite3 is synchronous, so this is the
 * fastest way in), SQLITE_MULTI_ROWS rows per statement and the remainder one row at a time: one
 * statement per row spends more time crossing into SQLite than inserting; PostgreSQL gets one
 * INSERT … SELECT FROM unnest(arrays) per chunk: one
 * parameter per column however many rows, so a chunk of 10,000 rows is a single round trip.
 * Rows that hit an existing key are skipped, which is what makes re-imports idempotent; replaceRows
 * overwrites them instead (a stratification run's outputs).
 */
export type PgColumnType = 'bigint' | 'integer' | 'text' | 'double precision';

export interface BulkTable {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, pgType: PgColumnType])[];
  /** The primary key's columns: needed by replaceRows (PostgreSQL names the conflict it updates on). */
  readonly key?: readonly string[];
}

/**
 * What a row whose key is already stored does: stays as it was ('skip'), is overwritten ('replace'),
 * or has every column but the key's and `keep`'s overwritten.
 */
type OnConflict = 'skip' | 'replace' | { keep: readonly string[] };

export type Cell = string | number | null;

const PG_CHUNK_ROWS = 10_000;
/** Rows per SQLite INSERT statement (bound parameters stay far below SQLite's limit of 32,766). */
const SQLITE_MULTI_ROWS = 50;
const sqliteStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function sqliteStatement(sqlite: BetterSqlite3.Database, spec: BulkTable, rowsPerStatement: number, onConflict: OnConflict): BetterSqlite3.Statement {
  let cache = sqliteStatements.get(sqlite);
  if (!cache) sqliteStatements.set(sqlite, (cache = new Map()));
  const key = `${spec.table}/${rowsPerStatement}/${typeof onConflict === 'string' ? onConflict : onConflict.keep.join(',')}`;
  let stmt = cache.get(key);
  if (!stmt) {
    const names = spec.columns.map(([n]) => n);
    const tuple = `(${names.map(() => '?').join(', ')})`;
    const values = Array(rowsPerStatement).fill(tuple).join(', ');
    stmt = sqlite.prepare(onConflict === 'replace'
      ? `INSERT OR REPLACE INTO ${spec.table} (${names.join(', ')}) VALUES ${values}`
      : `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES ${values} ${conflictClause(spec, onConflict)}`);
    cache.set(key, stmt);
  }
  return stmt;
}

/** The ON CONFLICT clause of an insert (both dialects): nothing, or an update of every column but the key's and `keep`'s. */
function conflictClause(spec: BulkTable, onConflict: OnConflict): string {
  if (onConflict === 'skip') return 'ON CONFLICT DO NOTHING';
  const keep = onConflict === 'replace' ? [] : onConflict.keep;
  const updated = spec.columns.map(([n]) => n).filter((n) => !spec.key!.includes(n) && !keep.includes(n));
  return `ON CONFLICT (${spec.key!.join(', ')}) DO UPDATE SET ${updated.map((n) => `${n} = excluded.${n}`).join(', ')}`;
}

/** Inserts rows (cells in the order of spec.columns), skipping duplicates; returns how many were new. */
export function insertRows(tx: Tx, spec: BulkTable, rows: readonly (readonly Cell[])[]): Promise<number> {
  return writeRows(tx, spec, rows, 'skip');
}

/**
 * Writes rows, overwriting any stored under the same key (spec.key); returns how many were written.
 * Replacing in place is cheaper than deleting a batch's old rows and inserting the new ones.
 *
 * With `keep`, an overwritten row keeps its stored values of those columns (a new row gets the given
 * ones): name the columns of the table's secondary indexes, and SQLite leaves an overwritten row's
 * index entries alone instead of deleting and re-inserting them, which is most of the cost of
 * overwriting a row (the caller updates a kept column itself where its value changed).
 */
export async function replaceRows(tx: Tx, spec: BulkTable, rows: readonly (readonly Cell[])[], keep?: readonly string[]): Promise<number> {
  if (!spec.key?.length) throw new Error(`replaceRows: ${spec.table} has no key`);
  return writeRows(tx, spec, rows, keep?.length ? { keep } : 'replace');
}

async function writeRows(tx: Tx, spec: BulkTable, rows: readonly (readonly Cell[])[], onConflict: OnConflict): Promise<number> {
  if (rows.length === 0) return 0;
  const sqlite = tx.db.sqlite;
  if (sqlite) {
    let inserted = 0;
    let start = 0;
    if (rows.length >= SQLITE_MULTI_ROWS) {
      const multi = sqliteStatement(sqlite, spec, SQLITE_MULTI_ROWS, onConflict);
      const width = spec.columns.length;
      const params: Cell[] = new Array(SQLITE_MULTI_ROWS * width);
      for (; start + SQLITE_MULTI_ROWS <= rows.length; start += SQLITE_MULTI_ROWS) {
        for (let r = 0; r < SQLITE_MULTI_ROWS; r++) {
          const row = rows[start + r]!;
          for (let c = 0; c < width; c++) params[r * width + c] = row[c] ?? null;
        }
        inserted += multi.run(params).changes;
      }
    }
    if (start < rows.length) {
      const single = sqliteStatement(sqlite, spec, 1, onConflict);
      for (; start < rows.length; start++) inserted += single.run(rows[start] as Cell[]).changes;
    }
    return inserted;
  }
  const names = spec.columns.map(([n]) => n).join(', ');
  const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const text = `INSERT INTO ${spec.table} (${names}) SELECT * FROM unnest(${arrays}) ${conflictClause(spec, onConflict)}`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += PG_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + PG_CHUNK_ROWS);
    const columns = spec.columns.map((_, i) => chunk.map((row) => row[i] ?? null));
    const result = await tx.kysely.executeQuery(CompiledQuery.raw(text, columns));
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}

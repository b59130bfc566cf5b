import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { Tx } from './database.ts';

/**
 * Bulk writes for imports and the generator, the hot path of loading a place. SQLite runs one cached
 * prepared statement per row inside the caller's transaction (better-sqlite3 is synchronous, so this is
 * the fastest way in); PostgreSQL gets one INSERT … SELECT FROM unnest(arrays) per chunk: one
 * parameter per column however many rows, so a chunk of 10,000 rows is a single round trip.
 * Rows that hit an existing key are skipped, which is what makes re-imports idempotent.
 */
export type PgColumnType = 'bigint' | 'integer' | 'text' | 'double precision';

export interface BulkTable {
  readonly table: string;
  readonly columns: readonly (readonly [name: string, pgType: PgColumnType])[];
}

export type Cell = string | number | null;

const PG_CHUNK_ROWS = 10_000;
const sqliteStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function sqliteStatement(sqlite: BetterSqlite3.Database, spec: BulkTable): BetterSqlite3.Statement {
  let cache = sqliteStatements.get(sqlite);
  if (!cache) sqliteStatements.set(sqlite, (cache = new Map()));
  let stmt = cache.get(spec.table);
  if (!stmt) {
    const names = spec.columns.map(([n]) => n);
    stmt = sqlite.prepare(
      `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
    );
    cache.set(spec.table, stmt);
  }
  return stmt;
}

/** Inserts rows (cells in the order of spec.columns), skipping duplicates; returns how many were new. */
export async function insertRows(tx: Tx, spec: BulkTable, rows: readonly (readonly Cell[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  const sqlite = tx.db.sqlite;
  if (sqlite) {
    const stmt = sqliteStatement(sqlite, spec);
    let inserted = 0;
    for (const row of rows) inserted += stmt.run(row as Cell[]).changes;
    return inserted;
  }
  const names = spec.columns.map(([n]) => n).join(', ');
  const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const text = `INSERT INTO ${spec.table} (${names}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += PG_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + PG_CHUNK_ROWS);
    const columns = spec.columns.map((_, i) => chunk.map((row) => row[i] ?? null));
    const result = await tx.kysely.executeQuery(CompiledQuery.raw(text, columns));
    inserted += Number(result.numAffectedRows ?? 0n);
  }
  return inserted;
}

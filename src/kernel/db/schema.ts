import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL DDL differ, so that one set of migrations serves both.
 * Migrations get a bare Kysely<any> and call these.
 */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer primary key the database assigns (SQLite rowid alias, PostgreSQL identity). */
export function addGeneratedId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>, name = 'id') {
  return isPostgres(db)
    ? table.addColumn(name, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Current instant as an ISO string default. */
export function nowDefault(db: Kysely<any>) {
  return isPostgres(db)
    ? sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

import type { MigrationSet } from './kernel/db/migrate.ts';
import { migrateToLatest } from './kernel/db/migrate.ts';
import { openDatabase, type Database, type OpenOptions } from './kernel/db/database.ts';
import { analyticsMigrations } from './modules/analytics/index.ts';
import { governanceMigrations } from './modules/governance/index.ts';
import { populationMigrations } from './modules/population/index.ts';

/** Every module's migrations in one ordered set: one schema for SQLite and PostgreSQL alike. */
export const allMigrations: MigrationSet = { ...governanceMigrations, ...populationMigrations, ...analyticsMigrations };

/** Opens the configured store and brings its schema up to date. */
export async function openStore(options: OpenOptions): Promise<Database> {
  const db = await openDatabase(options);
  try {
    await migrateToLatest(db, allMigrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

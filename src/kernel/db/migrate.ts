import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';

/** Every module contributes its migrations; names start with a timestamp so the order is global. */
export type MigrationSet = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: MigrationSet) {}
  async getMigrations() {
    return this.migrations;
  }
}

export async function migrateToLatest(db: Database, migrations: MigrationSet): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(migrations) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

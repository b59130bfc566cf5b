import { readConfig, type Config } from '../kernel/config.ts';
import type { Database } from '../kernel/db/database.ts';
import { isSeamlessError } from '../kernel/errors.ts';
import { openStore } from '../migrations.ts';

/** Opens the configured store for one CLI command and always closes it. */
export async function withCliStore<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** Prints an error as a person should read it and sets a failing exit status. */
export function reportCliError(error: unknown): void {
  if (isSeamlessError(error)) console.error(`seamless: ${error.message} (${error.code})`);
  else if (error instanceof Error) console.error(`seamless: ${error.message}`);
  else console.error(`seamless: ${String(error)}`);
  process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
}

import os from 'node:os';
import type { Actor } from '../kernel/access/actor.ts';
import type { Scope } from '../kernel/access/scope.ts';
import { readConfig, type Config } from '../kernel/config.ts';
import { createAuditWriter, createScope } from '../modules/governance/index.ts';
import type { Database } from '../kernel/db/database.ts';
import { isSeamlessError } from '../kernel/errors.ts';
import { openStore } from '../migrations.ts';

/** Opens the configured store for one CLI command and always closes it. */
export async function withCliStore<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, backgroundCheckpoints: true });
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

/**
 * The CLI acts as a named local operator with a role of its own, audited like any user:
 * SEAMLESS_OPERATOR (default: the login name), SEAMLESS_OPERATOR_ROLE (default care_coordinator) and
 * SEAMLESS_OPERATOR_ORG (default LOCAL). It has no teams, so it finds people but opens their records
 * only through a relationship or break-glass, like anyone else.
 */
export function cliOperator(env: NodeJS.ProcessEnv = process.env): Actor {
  const id = env.SEAMLESS_OPERATOR || `operator:${os.userInfo().username}`;
  const role = env.SEAMLESS_OPERATOR_ROLE || 'care_coordinator';
  const purpose = role === 'analyst' || role === 'commissioner' ? 'planning' : role === 'ig_lead' || role === 'administrator' ? 'administration' : 'direct_care';
  return { id, displayName: id, orgCode: env.SEAMLESS_OPERATOR_ORG || 'LOCAL', role, teamCodes: [], purpose, channel: 'cli' };
}

/** Opens the store and a scope for the CLI operator; the audit log is flushed before the store closes. */
export async function withCliScope<T>(fn: (scope: Scope, config: Config, db: Database) => Promise<T>): Promise<T> {
  return withCliStore(async (db, config) => {
    const audit = createAuditWriter(db);
    try {
      return await fn(await createScope(db, cliOperator(), audit), config, db);
    } finally {
      await audit.close();
    }
  });
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../kernel/db/database.ts';
import { openStore } from '../migrations.ts';

/**
 * Runs store tests on every engine: SQLite in memory always, and PostgreSQL when
 * SEAMLESS_TEST_DATABASE_URL points at a server (.ci/run starts a throwaway cluster and sets it).
 * Each PostgreSQL test gets a database of its own, dropped afterwards. In CI a missing PostgreSQL is
 * an error, not a skip, so the second engine can never silently drop out.
 */
export type StoreName = 'sqlite' | 'postgres';

export function storeNames(): StoreName[] {
  if (process.env.SEAMLESS_TEST_DATABASE_URL) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('CI must set SEAMLESS_TEST_DATABASE_URL so store tests run on PostgreSQL too');
  return ['sqlite'];
}

export async function withStore<T>(name: StoreName, fn: (db: Database) => Promise<T>): Promise<T> {
  if (name === 'sqlite') {
    const db = await openStore({ memory: true });
    try { return await fn(db); } finally { await db.close(); }
  }
  const adminUrl = process.env.SEAMLESS_TEST_DATABASE_URL!;
  const dbName = `seamless_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  let db: Database | undefined;
  try {
    db = await openStore({ databaseUrl: url.toString() });
    return await fn(db);
  } finally {
    await db?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

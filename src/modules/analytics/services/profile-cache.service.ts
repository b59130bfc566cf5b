import type { Database, Tx } from '../../../kernel/db/database.ts';
import { defaultFactDefinitions } from '../domain/derive-facts.ts';
import { ProfileColumns } from '../domain/profile-columns.ts';
import { countProfiles, forEachStoredProfile } from '../store/person-facts.repository.ts';
import { findLatestRun, type RunRow } from '../store/stratification.repository.ts';

/**
 * The latest run's profiles (person_facts), read into memory once and kept for the routes: the
 * dashboard, cohorts, comparisons and evaluations all evaluate over them, and a place of a million
 * people must not be read again on every request. The cache is keyed by the latest completed run id
 * (one cheap query per use): a new run, full or incremental, makes the next use read the table again.
 * Concurrent first uses share one read. One cache per database handle.
 *
 * The cached object also keeps each cohort's membership (rows of the columns) per criteria version,
 * and aggregate views (dashboards), since these only change with the run and the people counted.
 */
export interface RunProfiles {
  run: RunRow;
  columns: ProfileColumns;
  /** Cohort memberships by criteria version: rows in ascending order. */
  memberships: Map<string, Int32Array>;
  /** Aggregate views computed over these profiles, by what they depend on (e.g. the dashboard of an area for a set of exclusions). */
  views: Map<string, unknown>;
}

const cache = new WeakMap<Database, { runId: number; loading: Promise<RunProfiles> }>();

function databaseOf(db: Database | Tx): Database {
  return 'dialect' in db ? db : db.db;
}

/** The latest completed run's profiles, or null when the place has not been stratified. */
export async function loadRunProfiles(db: Database | Tx): Promise<RunProfiles | null> {
  const run = await findLatestRun(db);
  if (!run) return null;
  const key = databaseOf(db);
  const cached = cache.get(key);
  if (cached && cached.runId === run.id) return cached.loading;
  const loading = readProfiles(db, run);
  cache.set(key, { runId: run.id, loading });
  loading.catch(() => {
    if (cache.get(key)?.loading === loading) cache.delete(key);
  });
  return loading;
}

/** Forgets the cached profiles (tests, or after rows were changed outside a run). */
export function forgetRunProfiles(db: Database | Tx): void {
  cache.delete(databaseOf(db));
}

async function readProfiles(db: Database | Tx, run: RunRow): Promise<RunProfiles> {
  const definitions = defaultFactDefinitions();
  const columns = new ProfileColumns(run.asOf, definitions, await countProfiles(db));
  await forEachStoredProfile(db, (profile) => columns.push(profile, definitions));
  return { run, columns, memberships: new Map(), views: new Map() };
}

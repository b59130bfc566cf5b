import { sql } from 'kysely';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { decodePersonIdSet, encodeSortedPersonIds, uniqueSortedPersonIds } from '../domain/person-id-set.ts';
import type { PopulationTables } from './population.tables.ts';

/**
 * The change log of persons' linked records (migration 2026_11_25_0905): every write of activity, and
 * every new person or filled-in demographic (a date of death, a practice), records the persons it
 * wrote for, in the writer's transaction, so a reader that last looked at change N can ask which
 * persons' records have changed since.
 */
type Handle = Database | Tx;

/** Key of the PostgreSQL advisory lock that keeps change numbers in commit order. */
const ACTIVITY_CHANGE_LOCK_KEY = 0x5ea_c4a9;

/**
 * Records that these persons' activity changed (nothing when there are none), in the caller's
 * transaction. A reader takes "every change up to number N" as read once it has seen N, so no
 * change may commit with a lower number later: SQLite has one writer at a time; on PostgreSQL the
 * writer holds an advisory lock from taking its number to its commit, so numbers commit in order
 * (concurrent imports wait for each other only at this last step of a batch).
 */
export async function recordActivityChange(tx: Tx, personIds: Iterable<number>): Promise<void> {
  const ids = uniqueSortedPersonIds(personIds);
  if (ids.length === 0) return;
  const persons = encodeSortedPersonIds(ids);
  const count = ids.length;
  if (tx.db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${ACTIVITY_CHANGE_LOCK_KEY})`.execute(tx.kysely);
  await tables<PopulationTables>(tx).insertInto('activity_change').values({ persons, person_count: count }).execute();
}

/** The latest change's number (0 when nothing has been recorded). */
export async function latestActivityChange(db: Handle): Promise<number> {
  const row = await tables<PopulationTables>(db).selectFrom('activity_change').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return row?.id === null || row?.id === undefined ? 0 : Number(row.id);
}

/** The persons whose activity changed after change `after`, up to and including change `through`, ascending. */
export async function listPersonsChangedBetween(db: Handle, after: number, through: number): Promise<number[]> {
  const ids = new Set<number>();
  let cursor = after;
  for (;;) {
    // A page of changes at a time: a bulk load leaves thousands of rows.
    const rows = await tables<PopulationTables>(db).selectFrom('activity_change').select(['id', 'persons'])
      .where('id', '>', cursor).where('id', '<=', through).orderBy('id').limit(1_000).execute();
    for (const row of rows) for (const id of decodePersonIdSet(row.persons)) ids.add(id);
    if (rows.length < 1_000) break;
    cursor = Number(rows[rows.length - 1]!.id);
  }
  return [...ids].sort((a, b) => a - b);
}

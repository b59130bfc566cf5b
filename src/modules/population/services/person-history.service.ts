import type { Database, Tx } from '../../../kernel/db/database.ts';
import { emptyPersonHistory, type PersonHistory } from '../domain/person-history.ts';
import {
  readAeAttendances, readCommunityContacts, readGpEvents, readMedications, readOutpatientAppointments, readPersonIds, readPersonsAfter, readPersonsByIds,
  readSocialCareEvents, readSpells, readUrgentCareContacts, type PersonSelection, type RecordSink,
} from '../store/person-history.repository.ts';

export interface StreamPersonHistoriesOptions {
  /** Only these persons (ids that do not exist are skipped); every person when not given. */
  personIds?: readonly number[] | undefined;
  /** Persons per batch; 5,000 when not given. */
  batchSize?: number | undefined;
  /**
   * Only GP coded events with one of these codes (any code system): the code lists the caller reads,
   * so events it would ignore (blood pressures, vaccinations, minor illness) are never read. All
   * GP events when not given.
   */
  gpEventCodes?: readonly string[] | undefined;
}

export const DEFAULT_HISTORY_BATCH_SIZE = 5_000;

/**
 * Every person's linked record as a PersonHistory, in batches, persons in id order. Each batch is one
 * read of the person index and one read per activity table over the batch's id range (or id list),
 * so the cost is a handful of index range scans per few thousand people however much activity they
 * have; the rows are attached to their person by walking both id-ordered lists together.
 *
 * Not audited and not access-checked here: it hands whole records to the caller, which must be a
 * service that audits its own use (population analytics audits each stratification run) and never
 * exposes a history as it is. On PostgreSQL the next batch is read while the caller works on this one.
 */
export async function* streamPersonHistories(db: Database | Tx, options: StreamPersonHistoriesOptions = {}): AsyncIterable<PersonHistory[]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_HISTORY_BATCH_SIZE));
  // SQLite reads are synchronous, so reading ahead gains nothing there; PostgreSQL reads overlap the caller's work.
  const prefetch = ('dialect' in db ? db.dialect : db.db.dialect) === 'postgres';
  const codes = options.gpEventCodes === undefined ? undefined : [...new Set(options.gpEventCodes)];
  const ahead = (read: Promise<PersonHistory[]>) => {
    read.catch(() => undefined); // a caller that stops early never awaits it; its error is not unhandled
    return read;
  };
  if (options.personIds !== undefined) {
    const ids = [...new Set(options.personIds)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
    const batches: number[][] = [];
    for (let start = 0; start < ids.length; start += batchSize) batches.push(ids.slice(start, start + batchSize));
    let pending: Promise<PersonHistory[]> | undefined;
    for (let b = 0; b < batches.length; b++) {
      const current = await (pending ?? readBatchByIds(db, batches[b]!, codes));
      pending = prefetch && b + 1 < batches.length ? ahead(readBatchByIds(db, batches[b + 1]!, codes)) : undefined;
      if (current.length > 0) yield current;
    }
    return;
  }
  let pending: Promise<PersonHistory[]> | undefined;
  let after = 0;
  for (;;) {
    const current = await (pending ?? readBatchAfter(db, after, batchSize, codes));
    if (current.length === 0) return;
    after = current[current.length - 1]!.person.id;
    const more = current.length === batchSize;
    pending = prefetch && more ? ahead(readBatchAfter(db, after, batchSize, codes)) : undefined;
    yield current;
    if (!more) return;
  }
}

/** Every person id in the index, ascending (for choosing a sample to stream with `personIds`). */
export function listPersonIds(db: Database | Tx): Promise<number[]> {
  return readPersonIds(db);
}

async function readBatchAfter(db: Database | Tx, after: number, limit: number, codes: readonly string[] | undefined): Promise<PersonHistory[]> {
  const persons = await readPersonsAfter(db, after, limit);
  if (persons.length === 0) return [];
  return readActivity(db, persons.map(emptyPersonHistory), { kind: 'range', from: persons[0]!.id, to: persons[persons.length - 1]!.id }, codes);
}

async function readBatchByIds(db: Database | Tx, ids: readonly number[], codes: readonly string[] | undefined): Promise<PersonHistory[]> {
  const persons = await readPersonsByIds(db, ids);
  if (persons.length === 0) return [];
  return readActivity(db, persons.map(emptyPersonHistory), { kind: 'ids', ids: persons.map((p) => p.id) }, codes);
}

async function readActivity(
  db: Database | Tx, histories: PersonHistory[], selection: PersonSelection, codes: readonly string[] | undefined,
): Promise<PersonHistory[]> {
  await Promise.all([
    readGpEvents(db, selection, sinkFor(histories, (h) => h.gpEvents), codes),
    readMedications(db, selection, sinkFor(histories, (h) => h.medications)),
    readSpells(db, selection, sinkFor(histories, (h) => h.spells)),
    readAeAttendances(db, selection, sinkFor(histories, (h) => h.aeAttendances)),
    readOutpatientAppointments(db, selection, sinkFor(histories, (h) => h.outpatientAppointments)),
    readCommunityContacts(db, selection, sinkFor(histories, (h) => h.communityContacts)),
    readUrgentCareContacts(db, selection, sinkFor(histories, (h) => h.urgentCareContacts)),
    readSocialCareEvents(db, selection, sinkFor(histories, (h) => h.socialCareEvents)),
  ]);
  return histories;
}

/**
 * The list of a person's records of one kind, found by walking the id-ordered histories as the reads
 * hand over persons in ascending id order; undefined for an id with no person in the batch (records
 * left behind by a merge), which are skipped.
 */
function sinkFor<T>(histories: readonly PersonHistory[], list: (history: PersonHistory) => T[]): RecordSink<T> {
  let h = 0;
  return (personId) => {
    while (h < histories.length && histories[h]!.person.id < personId) h++;
    return h < histories.length && histories[h]!.person.id === personId ? list(histories[h]!) : undefined;
  };
}

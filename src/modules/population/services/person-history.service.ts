import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { emptyPersonHistory, type PersonHistory } from '../domain/person-history.ts';
import {
  HISTORY_TABLES, packedQueryTemplates, parsePackedRecords, personsAfterQuery, personsByIdsQuery, readPackedTable, readPersonIds, readPersonsAfter,
  readPersonsByIds, toDemographics, type HistoryRecords, type HistoryTable, type PackedQueryTemplate, type PersonSelection,
} from '../store/person-history.repository.ts';
import { countPersons } from '../store/person.repository.ts';

/** What the reading thread (person-history.worker.mjs) is asked to do. */
interface HistoryReadJob {
  file: string;
  batchSize: number;
  personIds?: number[] | undefined;
  personsAfter: string;
  personsByIds: string;
  tables: (PackedQueryTemplate | null)[];
}

/** Each table's packed rows of one batch, as the reading thread posts them. */
interface PackedTableRows {
  ids: number[];
  texts: string[];
}

type HistoryReadMessage =
  | { type: 'batch'; persons: unknown[][]; tables: PackedTableRows[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

export interface StreamPersonHistoriesOptions {
  /** Only these persons (ids that do not exist are skipped); every person when not given. */
  personIds?: readonly number[] | undefined;
  /** Persons per batch; 5,000 when not given. */
  batchSize?: number | undefined;
  /**
   * Only GP coded events with one of these codes (any code system): the code lists the caller reads,
   * so events it would ignore (blood pressures, vaccinations, minor illness) are never handed over.
   * All GP events when not given.
   */
  gpEventCodes?: readonly string[] | undefined;
  /**
   * Read on a thread of its own (SQLite store files only): 'auto' (the default) does so for reads of
   * WORKER_MIN_PERSONS or more on a machine with two or more cores, when the caller is not inside a
   * transaction (the reading thread's connection would not see its uncommitted writes).
   */
  readInWorker?: 'auto' | 'always' | 'never' | undefined;
}

export const DEFAULT_HISTORY_BATCH_SIZE = 5_000;
/** Below this many persons, starting a reading thread costs more than it saves. */
export const WORKER_MIN_PERSONS = 20_000;

/**
 * Every person's linked record as a PersonHistory, in batches, persons in id order. Each batch is one
 * read of the person index and one read per activity table over the batch's id range (or id list),
 * so the cost is a handful of index range scans per few thousand people however much activity they
 * have; each person's records come back packed in one string per table (store/person-history.repository.ts)
 * and are attached to their person by walking both id-ordered lists together.
 *
 * On PostgreSQL the next batch is read while the caller works on this one; on a large SQLite store
 * file the reads run on their own thread and connection (person-history.worker.mjs), likewise ahead.
 *
 * Not audited and not access-checked here: it hands whole records to the caller, which must be a
 * service that audits its own use (population analytics audits each stratification run) and never
 * exposes a history as it is.
 */
export async function* streamPersonHistories(db: Database | Tx, options: StreamPersonHistoriesOptions = {}): AsyncIterable<PersonHistory[]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_HISTORY_BATCH_SIZE));
  const codes = options.gpEventCodes === undefined ? undefined : [...new Set(options.gpEventCodes)];
  const ids = options.personIds === undefined
    ? undefined
    : [...new Set(options.personIds)].filter((id) => Number.isSafeInteger(id)).sort((a, b) => a - b);
  const file = await readingThreadFile(db, options.readInWorker ?? 'auto', ids);
  if (file !== undefined) {
    yield* streamFromWorker({
      file, batchSize, personIds: ids, personsAfter: personsAfterQuery(true), personsByIds: personsByIdsQuery([0], true).text,
      tables: packedQueryTemplates(codes),
    });
    return;
  }
  // SQLite reads are synchronous, so reading ahead gains nothing on this thread; PostgreSQL reads overlap the caller's work.
  const prefetch = ('dialect' in db ? db.dialect : db.db.dialect) === 'postgres';
  const ahead = (read: Promise<PersonHistory[]>) => {
    read.catch(() => undefined); // a caller that stops early never awaits it; its error is not unhandled
    return read;
  };
  if (ids !== undefined) {
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

/** The store file to read on a thread of its own, or undefined to read on this one. */
async function readingThreadFile(db: Database | Tx, mode: 'auto' | 'always' | 'never', ids: readonly number[] | undefined): Promise<string | undefined> {
  if (mode === 'never' || !('dialect' in db) || db.sqlite === undefined || db.sqlite.memory) return undefined;
  if (mode === 'auto') {
    if (os.availableParallelism() < 2) return undefined;
    const persons = ids?.length ?? (await countPersons(db));
    if (persons < WORKER_MIN_PERSONS) return undefined;
  }
  return db.sqlite.name;
}

async function* streamFromWorker(job: HistoryReadJob): AsyncIterable<PersonHistory[]> {
  const worker = new Worker(new URL('./person-history.worker.mjs', import.meta.url), { workerData: job });
  const queue: HistoryReadMessage[] = [];
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => { wake?.(); wake = undefined; };
  worker.on('message', (message: HistoryReadMessage) => { queue.push(message); notify(); });
  worker.on('error', (error) => { failure = error; notify(); });
  worker.on('exit', (code) => {
    if (!finished && failure === undefined) failure = new SeamlessError('SEAMLESS_ERR_POPULATION_HISTORY_READ', 500, `The reading thread stopped (exit ${code}).`);
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === undefined) await new Promise<void>((resolve) => { wake = resolve; });
      const message = queue.shift();
      if (message === undefined) throw failure!;
      if (message.type === 'done') { finished = true; return; }
      if (message.type === 'error') throw new SeamlessError('SEAMLESS_ERR_POPULATION_HISTORY_READ', 500, `Reading person histories failed: ${message.message}`);
      const histories = message.persons.map((row) => emptyPersonHistory(toDemographics(row)));
      HISTORY_TABLES.forEach((table, t) => attachPacked(histories, table, message.tables[t]!));
      worker.postMessage('ack'); // the thread may read another batch while the caller works on this one
      yield histories;
    }
  } finally {
    finished = true;
    await worker.terminate();
  }
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
  await Promise.all(HISTORY_TABLES.map((table) => {
    const listOf = listFor(histories, table);
    return readPackedTable(db, table, selection, (personId, text) => {
      const into = listOf(personId);
      if (into !== undefined) parsePackedRecords(table, text, into);
    }, codes);
  }));
  return histories;
}

function attachPacked(histories: readonly PersonHistory[], table: HistoryTable, rows: PackedTableRows): void {
  const listOf = listFor(histories, table);
  for (let i = 0; i < rows.ids.length; i++) {
    const into = listOf(rows.ids[i]!);
    if (into !== undefined) parsePackedRecords(table, rows.texts[i]!, into);
  }
}

const LISTS: { [K in HistoryTable]: (history: PersonHistory) => HistoryRecords[K][] } = {
  gp_event: (h) => h.gpEvents,
  gp_medication: (h) => h.medications,
  apc_spell: (h) => h.spells,
  ae_attendance: (h) => h.aeAttendances,
  op_appointment: (h) => h.outpatientAppointments,
  community_contact: (h) => h.communityContacts,
  urgent_care_contact: (h) => h.urgentCareContacts,
  social_care_event: (h) => h.socialCareEvents,
};

/**
 * The list of a person's records of one table, found by walking the id-ordered histories as the reads
 * hand over persons in ascending id order; undefined for an id with no person in the batch (records
 * left behind by a merge), which are skipped.
 */
function listFor<K extends HistoryTable>(histories: readonly PersonHistory[], table: K): (personId: number) => HistoryRecords[K][] | undefined {
  const list = LISTS[table];
  let h = 0;
  return (personId) => {
    while (h < histories.length && histories[h]!.person.id < personId) h++;
    return h < histories.length && histories[h]!.person.id === personId ? list(histories[h]!) : undefined;
  };
}

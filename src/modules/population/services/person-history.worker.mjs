// The reading half of streamPersonHistories on its own thread, for large SQLite reads (see
// person-history.service.ts). Plain JavaScript with nothing but better-sqlite3, so the thread starts in
// milliseconds (loading TypeScript through tsx in a new thread takes over a second): the main thread
// hands it the SQL text of every query (store/person-history.repository.ts builds them), it opens its
// own query-only connection to the store file, runs the queries batch by batch and posts each batch as
// the person rows and each table's packed strings, which the main thread parses. At most two batches
// are in flight: the thread waits for the main thread's acknowledgement beyond that.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const MAX_IN_FLIGHT = 2;

/**
 * @typedef {{ range: { text: string, extra: unknown[] }, ids: { text: string, extra: unknown[] } }} Template
 * @typedef {{ file: string, batchSize: number, personIds?: number[], personsAfter: string, personsByIds: string, tables: (Template | null)[] }} Job
 */

async function run(/** @type {Job} */ job) {
  const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
  let inFlight = 0;
  /** @type {(() => void) | undefined} */
  let wake;
  port.on('message', () => { inFlight--; wake?.(); wake = undefined; });
  const post = async (/** @type {unknown} */ message) => {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise((resolve) => { wake = () => resolve(undefined); });
    inFlight++;
    port.postMessage(message);
  };
  const sqlite = new BetterSqlite3(job.file, { fileMustExist: true });
  try {
    sqlite.pragma('query_only = 1');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('cache_size = -131072');
    sqlite.pragma('mmap_size = 1073741824');
    const prepare = (/** @type {string} */ text) => sqlite.prepare(text).raw(true);
    const personsAfter = prepare(job.personsAfter);
    const personsByIds = prepare(job.personsByIds);
    const tables = job.tables.map((t) => t && { range: prepare(t.range.text), rangeExtra: t.range.extra, ids: prepare(t.ids.text), idsExtra: t.ids.extra });
    const readTables = (/** @type {(t: NonNullable<typeof tables[number]>) => [import('better-sqlite3').Statement, unknown[]]} */ pick) => tables.map((t) => {
      /** @type {{ ids: number[], texts: string[] }} */
      const rows = { ids: [], texts: [] };
      if (t === null) return rows;
      const [statement, params] = pick(t);
      for (const row of /** @type {IterableIterator<[number, string | null]>} */ (statement.iterate(...params))) {
        if (row[1] !== null) { rows.ids.push(row[0]); rows.texts.push(row[1]); }
      }
      return rows;
    });
    if (job.personIds !== undefined) {
      for (let start = 0; start < job.personIds.length; start += job.batchSize) {
        const persons = /** @type {unknown[][]} */ (personsByIds.all(JSON.stringify(job.personIds.slice(start, start + job.batchSize))));
        if (persons.length === 0) continue;
        const ids = JSON.stringify(persons.map((p) => Number(p[0])));
        await post({ type: 'batch', persons, tables: readTables((t) => [t.ids, [ids, ...t.idsExtra]]) });
      }
    } else {
      for (let after = 0; ;) {
        const persons = /** @type {unknown[][]} */ (personsAfter.all(after, job.batchSize));
        if (persons.length === 0) break;
        const from = Number(persons[0][0]);
        after = Number(persons[persons.length - 1][0]);
        const to = after;
        await post({ type: 'batch', persons, tables: readTables((t) => [t.range, [from, to, ...t.rangeExtra]]) });
        if (persons.length < job.batchSize) break;
      }
    }
    port.postMessage({ type: 'done' });
  } finally {
    sqlite.close();
  }
}

run(/** @type {Job} */ (workerData)).catch((/** @type {unknown} */ error) => {
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});

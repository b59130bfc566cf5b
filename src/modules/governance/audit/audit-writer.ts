import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Actor } from '../../../kernel/access/actor.ts';
import type { AuditEntry, AuditSink } from '../../../kernel/access/scope.ts';
import type { Database } from '../../../kernel/db/database.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { canonicalTail, GENESIS_HASH, hashWithTail } from './audit-hash.ts';
import type { AuditLogTable } from './audit-log.table.ts';

/**
 * The audit writer: every access to personal data goes through record(), which resolves only once
 * the entries are committed, so nothing is served unaudited.
 *
 * Group commit: calls that arrive while a batch is being written wait in a queue and are written
 * together in the next transaction (up to maxBatchEntries entries), with the chain computed in queue
 * order. Fifty requests writing twenty entries each cost one or two transactions, not fifty. On
 * SQLite a call never waits more than maxWaitMs for company: the next call after that writes the
 * queue at once (see writeOverdueNow).
 *
 * The chain head is read inside the write transaction under a lock, so two processes cannot fork the
 * chain: pg_advisory_xact_lock on PostgreSQL, BEGIN IMMEDIATE (the database write lock) on SQLite.
 *
 * On SQLite there is one connection: never await record() while holding a transaction on the same
 * database (the writer would wait for the connection the caller holds). Audit before or after it.
 */
export interface AuditWriter extends AuditSink {
  /** Resolves when everything recorded so far is committed. */
  flush(): Promise<void>;
  /** Flushes, then refuses further entries. */
  close(): Promise<void>;
  /** Transactions and entries written so far (for benchmarks and tests). */
  stats(): { batches: number; entries: number };
}

export interface AuditWriterOptions {
  /** Most entries written in one transaction (whole record() calls are never split). Default 5000. */
  maxBatchEntries?: number;
  /** SQLite: the longest a call waits for others to share its transaction (ms, default 1; see writeOverdueNow). */
  maxWaitMs?: number;
  /** Clock for entry times (tests). */
  now?: () => Date;
}

/** Key of the PostgreSQL advisory lock that serialises appends to the chain across processes. */
export const AUDIT_CHAIN_LOCK_KEY = 0x5ea_a0d17;

const ACTIONS = new Set<AuditEntry['action']>(['read', 'search', 'write', 'export', 'break_glass', 'sign_in', 'sign_out', 'admin']);
const OUTCOMES = new Set<AuditEntry['outcome']>(['allowed', 'denied']);
const MAX_DETAIL = 2000;

/** A row waiting for its place in the chain; tail is its canonical form without seq (audit-hash.ts). */
type NewRow = AuditLogTable & { tail: string };
interface Pending { rows: NewRow[]; queuedAt: number; resolve: () => void; reject: (error: unknown) => void }

function toRow(actor: Actor, entry: AuditEntry, at: string): NewRow {
  if (!ACTIONS.has(entry.action)) throw new SeamlessError('SEAMLESS_ERR_GOVERNANCE_AUDIT_ENTRY', 500, `Unknown audit action '${String(entry.action)}'.`);
  if (!OUTCOMES.has(entry.outcome)) throw new SeamlessError('SEAMLESS_ERR_GOVERNANCE_AUDIT_ENTRY', 500, `Unknown audit outcome '${String(entry.outcome)}'.`);
  if (!entry.resource) throw new SeamlessError('SEAMLESS_ERR_GOVERNANCE_AUDIT_ENTRY', 500, 'An audit entry needs a resource.');
  const personId = entry.personId ?? null;
  if (personId !== null && !Number.isSafeInteger(personId)) throw new SeamlessError('SEAMLESS_ERR_GOVERNANCE_AUDIT_ENTRY', 500, 'An audit entry person id must be an integer.');
  const detail = entry.detail === undefined || entry.detail === null ? null : String(entry.detail).slice(0, MAX_DETAIL);
  const row = {
    seq: 0, at, actor_id: actor.id, actor_org: actor.orgCode, actor_role: actor.role, purpose: actor.purpose, channel: actor.channel,
    action: entry.action, resource: entry.resource, person_id: personId, outcome: entry.outcome, detail, prev_hash: '', hash: '', tail: '',
  };
  row.tail = canonicalTail(row);
  return row;
}

export function createAuditWriter(db: Database, options: AuditWriterOptions = {}): AuditWriter {
  const maxBatch = Math.max(1, options.maxBatchEntries ?? 5000);
  const maxWaitMs = options.maxWaitMs ?? 1;
  const now = options.now ?? (() => new Date());
  let queue: Pending[] = [];
  let draining: Promise<void> | undefined;
  let closed = false;
  let batches = 0;
  let written = 0;

  /** The oldest waiting calls, whole, up to maxBatch entries (at least one call). */
  function takeBatch(): { batch: Pending[]; rows: NewRow[] } {
    let size = 0;
    let take = 0;
    while (take < queue.length && (take === 0 || size + queue[take]!.rows.length <= maxBatch)) size += queue[take++]!.rows.length;
    const batch = queue.slice(0, take);
    queue = queue.slice(take);
    return { batch, rows: batch.flatMap((p) => p.rows) };
  }

  function settle(batch: Pending[], rows: number, error?: unknown): void {
    if (error !== undefined) { for (const p of batch) p.reject(error); return; }
    batches += 1;
    written += rows;
    for (const p of batch) p.resolve();
  }

  async function drain(): Promise<void> {
    // Let requests already under way (their I/O callbacks run before setImmediate's) join the batch:
    // under load one transaction then carries tens of entries instead of one or two.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const { batch, rows } = takeBatch();
      try {
        await appendToChain(db, rows);
        settle(batch, rows.length);
      } catch (error) {
        settle(batch, rows.length, error ?? new Error('audit append failed'));
      }
    }
    draining = undefined;
  }

  /**
   * SQLite commits synchronously, so a queue whose oldest call has waited maxWaitMs is written at once
   * rather than at the end of the event loop's I/O phase: on a busy server that phase runs tens of
   * requests, and holding every response until it ends made the slowest responses slower (measured
   * with the person-page bench). Never inside another transaction on the connection.
   */
  function writeOverdueNow(sqlite: BetterSqlite3.Database): boolean {
    if (sqlite.inTransaction || performance.now() - queue[0]!.queuedAt < maxWaitMs) return false;
    while (queue.length > 0) {
      const { batch, rows } = takeBatch();
      try {
        appendSqlite(sqlite, rows);
        settle(batch, rows.length);
      } catch (error) {
        settle(batch, rows.length, error ?? new Error('audit append failed'));
      }
    }
    return true;
  }

  return {
    record(actor, entries) {
      if (closed) return Promise.reject(new SeamlessError('SEAMLESS_ERR_GOVERNANCE_AUDIT_CLOSED', 503, 'The audit log is closed; nothing can be served without it.'));
      if (entries.length === 0) return Promise.resolve();
      let rows: NewRow[];
      try {
        const at = now().toISOString();
        rows = entries.map((e) => toRow(actor, e, at));
      } catch (error) {
        return Promise.reject(error);
      }
      const promise = new Promise<void>((resolve, reject) => {
        queue.push({ rows, queuedAt: performance.now(), resolve, reject });
      });
      if (!(db.sqlite && writeOverdueNow(db.sqlite))) draining ??= drain();
      return promise;
    },
    async flush() {
      while (draining) await draining;
    },
    async close() {
      closed = true;
      while (draining) await draining;
    },
    stats: () => ({ batches, entries: written }),
  };
}

const COLUMNS = ['seq', 'at', 'actor_id', 'actor_org', 'actor_role', 'purpose', 'channel', 'action', 'resource', 'person_id', 'outcome', 'detail', 'prev_hash', 'hash'] as const;
const PG_TYPES: Record<(typeof COLUMNS)[number], string> = {
  seq: 'bigint', at: 'text', actor_id: 'text', actor_org: 'text', actor_role: 'text', purpose: 'text', channel: 'text', action: 'text',
  resource: 'text', person_id: 'bigint', outcome: 'text', detail: 'text', prev_hash: 'text', hash: 'text',
};
const PG_INSERT = `INSERT INTO audit_log (${COLUMNS.join(', ')}) SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(', ')})`;

/** Gives the rows their seq, prev_hash and hash after the head, in order (in place). */
function chain(rows: readonly NewRow[], head: { seq: number; hash: string } | undefined): readonly NewRow[] {
  let seq = head ? Number(head.seq) : 0;
  let prev = head ? head.hash : GENESIS_HASH;
  for (const row of rows) {
    row.seq = ++seq;
    row.prev_hash = prev;
    row.hash = prev = hashWithTail(prev, seq, row.tail);
  }
  return rows;
}

async function readHead(k: Kysely<any>): Promise<{ seq: number; hash: string } | undefined> {
  const result = await sql<{ seq: number; hash: string }>`select seq, hash from audit_log order by seq desc limit 1`.execute(k);
  return result.rows[0];
}

/** Appends rows to the chain in one transaction, under the chain lock. */
async function appendToChain(db: Database, rows: readonly NewRow[]): Promise<void> {
  if (db.sqlite) {
    const sqlite = db.sqlite;
    // Holding Kysely's single connection keeps every other statement of this process out of the transaction.
    await db.kysely.connection().execute(async () => appendSqlite(sqlite, rows));
    return;
  }
  await db.kysely.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
    const chained = chain(rows, await readHead(trx));
    await trx.executeQuery(CompiledQuery.raw(PG_INSERT, COLUMNS.map((c) => chained.map((row) => row[c]))));
  });
}

function appendSqlite(sqlite: BetterSqlite3.Database, rows: readonly NewRow[]): void {
  const statements = statementsOf(sqlite);
  statements.begin.run();
  try {
    const head = statements.head.get() as { seq: number; hash: string } | undefined;
    insertSqlite(sqlite, chain(rows, head));
    statements.commit.run();
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

// Cached statements; a single-row insert: better-sqlite3 binds it faster than multi-row VALUES lists.
interface AuditStatements { begin: BetterSqlite3.Statement; commit: BetterSqlite3.Statement; head: BetterSqlite3.Statement; insert: BetterSqlite3.Statement }
const sqliteStatements = new WeakMap<BetterSqlite3.Database, AuditStatements>();

function statementsOf(sqlite: BetterSqlite3.Database): AuditStatements {
  let statements = sqliteStatements.get(sqlite);
  if (!statements) {
    statements = {
      begin: sqlite.prepare('BEGIN IMMEDIATE'),
      commit: sqlite.prepare('COMMIT'),
      head: sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: sqlite.prepare(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`),
    };
    sqliteStatements.set(sqlite, statements);
  }
  return statements;
}

function insertSqlite(sqlite: BetterSqlite3.Database, rows: readonly AuditLogTable[]): void {
  const stmt = statementsOf(sqlite).insert;
  for (const r of rows) {
    stmt.run(r.seq, r.at, r.actor_id, r.actor_org, r.actor_role, r.purpose, r.channel, r.action, r.resource, r.person_id, r.outcome, r.detail, r.prev_hash, r.hash);
  }
}

import type { Actor } from '../../../kernel/access/actor.ts';
import type { AuditEntry, AuditSink } from '../../../kernel/access/scope.ts';
import { withTransaction, type Database, type Tx } from '../../../kernel/db/database.ts';

/**
 * What the register services need: the store, who is acting, and the audit log. A kernel Scope fits
 * (it has these and more). Pass the Database, not an open transaction: each service runs its own
 * unit of work and writes its audit entries once it has committed (on SQLite the audit writer needs
 * the one connection an open transaction would be holding).
 */
export interface RegisterScope {
  readonly db: Database | Tx;
  readonly actor: Actor;
  readonly audit: AuditSink;
}

/** Runs fn in a transaction, or in the caller's unit of work when given one. */
export async function inUnitOfWork<T>(db: Database | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return 'dialect' in db ? withTransaction(db, fn) : fn(db);
}

export function audit(scope: RegisterScope, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  return scope.audit.record(scope.actor, Array.isArray(entries) ? entries : [entries as AuditEntry]);
}

import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { GENESIS_HASH, hashAuditEntry } from './audit-hash.ts';
import type { AuditTables } from './audit-log.table.ts';

export interface AuditChainReport {
  ok: boolean;
  /** Entries checked (all of them when ok; up to and including the first bad one otherwise). */
  entries: number;
  /** The first entry that fails: edited, out of place, or (for a gap) the first missing seq. */
  firstBadSeq?: number;
  problem?: string;
  /** The last entry's seq and hash when ok: keep them outside the database and pass them back as an anchor. */
  head?: { seq: number; hash: string };
}

export interface VerifyOptions {
  /** Rows read per query; memory stays constant whatever the size of the log. */
  pageSize?: number;
  /** A head printed by an earlier verify: that entry must still be there with the same hash (catches a rewritten or cut tail). */
  anchor?: { seq: number; hash: string } | undefined;
}

/**
 * Recomputes the whole chain in seq order, a page at a time, and names the first entry that does not
 * fit: a gap in seq (a deleted row), a prev_hash that is not the hash of the entry before (a row
 * deleted, inserted or moved), or a hash that does not match the entry's contents (a row edited).
 */
export async function verifyAuditChain(db: Database | Tx, options: VerifyOptions = {}): Promise<AuditChainReport> {
  const pageSize = Math.max(1, options.pageSize ?? 5000);
  const k = tables<AuditTables>(db);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let anchorSeen = false;
  const bad = (firstBadSeq: number, problem: string): AuditChainReport => ({ ok: false, entries, firstBadSeq, problem });

  for (;;) {
    let query = k.selectFrom('audit_log').selectAll().orderBy('seq').limit(pageSize);
    if (entries > 0) query = query.where('seq', '>', expectedSeq - 1);
    const page = await query.execute();
    for (const row of page) {
      const seq = Number(row.seq);
      entries += 1;
      if (seq < expectedSeq) return bad(seq, `entry ${seq} is out of sequence: the log must start at 1 and count up by one`);
      if (seq !== expectedSeq) {
        return bad(expectedSeq, expectedSeq === seq - 1
          ? `entry ${expectedSeq} is missing: entry ${seq} follows entry ${expectedSeq - 1}`
          : `entries ${expectedSeq} to ${seq - 1} are missing: entry ${seq} follows entry ${expectedSeq - 1}`);
      }
      if (row.prev_hash !== prevHash) {
        return bad(seq, `entry ${seq} does not link to entry ${seq - 1} (its prev_hash differs): an entry was deleted, inserted or moved here`);
      }
      if (hashAuditEntry(prevHash, row) !== row.hash) {
        return bad(seq, `entry ${seq} does not match its hash: its contents or its hash were changed`);
      }
      if (options.anchor && options.anchor.seq === seq) {
        if (options.anchor.hash !== row.hash) return bad(seq, `entry ${seq} has a different hash from the anchor: the log was rewritten from here or earlier`);
        anchorSeen = true;
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
    }
    if (page.length < pageSize) break;
  }
  if (options.anchor && !anchorSeen) {
    return bad(options.anchor.seq, `the anchor entry ${options.anchor.seq} is no longer in the log (it ends at ${expectedSeq - 1}): entries were removed from the end`);
  }
  return { ok: true, entries, ...(entries > 0 ? { head: { seq: expectedSeq - 1, hash: prevHash } } : {}) };
}

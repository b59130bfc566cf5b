import { hash } from 'node:crypto';
import type { AuditLogTable } from './audit-log.table.ts';

/**
 * The hash chain of the audit log.
 *
 *   hash(n) = lowercase hex of SHA-256( UTF-8( prev_hash(n) + "\n" + canonical(n) ) )
 *   prev_hash(n) = hash(n - 1), and prev_hash(1) = GENESIS_HASH (64 zeros)
 *
 * canonical(n) is the JSON array (JSON.stringify, no spaces) of the entry's fields in this fixed order:
 *
 *   [seq, at, actor_id, actor_org, actor_role, purpose, channel, action, resource, person_id, outcome, detail]
 *
 * seq and person_id are JSON numbers (person_id null when the entry concerns no person), detail is a
 * string or null, every other field a string. Because seq is hashed and must run 1, 2, 3, … without a
 * gap, a row that is edited, deleted, inserted or moved breaks the chain at that point. An attacker
 * who can rewrite every later row could recompute the chain, so `seamless audit verify` prints the
 * head (seq and hash) to be kept outside the database, and checks it again with --anchor.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Pick<AuditLogTable,
  'seq' | 'at' | 'actor_id' | 'actor_org' | 'actor_role' | 'purpose' | 'channel' | 'action' | 'resource' | 'person_id' | 'outcome' | 'detail'>;

export function canonicalAuditEntry(e: HashedFields): string {
  return JSON.stringify([
    Number(e.seq), e.at, e.actor_id, e.actor_org, e.actor_role, e.purpose, e.channel, e.action, e.resource,
    e.person_id === null || e.person_id === undefined ? null : Number(e.person_id), e.outcome, e.detail ?? null,
  ]);
}

export function hashAuditEntry(prevHash: string, entry: HashedFields): string {
  return hash('sha256', `${prevHash}\n${canonicalAuditEntry(entry)}`, 'hex');
}

/**
 * The canonical form without seq, as `,<at>,…,<detail>]`: the writer prepares it when an entry is
 * recorded, so that only `[<seq>` is added and hashed while the chain lock is held.
 * `[${seq}${canonicalTail(e)}` === canonicalAuditEntry(e).
 */
export function canonicalTail(e: Omit<HashedFields, 'seq'>): string {
  return `,${JSON.stringify([
    e.at, e.actor_id, e.actor_org, e.actor_role, e.purpose, e.channel, e.action, e.resource,
    e.person_id === null || e.person_id === undefined ? null : Number(e.person_id), e.outcome, e.detail ?? null,
  ]).slice(1)}`;
}

export function hashWithTail(prevHash: string, seq: number, tail: string): string {
  return hash('sha256', `${prevHash}\n[${seq}${tail}`, 'hex');
}

import type { RawBuilder } from 'kysely';
import type { Database, Tx } from '../db/database.ts';
import type { Actor, DataCategory } from './actor.ts';

/**
 * What an actor may see, compiled once per request into SQL the stores add to their queries, so
 * lists, searches and counts can never include a row the actor may not see (no post-filtering).
 * The governance module builds it from role, care relationships, purpose, objections and the data
 * sharing agreements in force.
 */
export interface AccessFilter {
  /**
   * A boolean SQL expression over a person id column (e.g. 'person.id'): true for persons whose
   * records in this category the actor may see for the purpose.
   */
  personVisible(personIdColumn: string, category: DataCategory): RawBuilder<boolean>;
  /**
   * A boolean SQL expression over a record's person and source organisation columns: the person is
   * visible, and the actor's own organisation recorded it or a data sharing agreement in force covers
   * that source, category and purpose, and the person has not objected to sharing it.
   */
  recordVisible(personIdColumn: string, sourceOrgColumn: string, category: DataCategory): RawBuilder<boolean>;
  /**
   * The part of recordVisible that depends on the record, not the relationship: shared by its source
   * and not objected to. For one person's records, check the relationship once with personVisible and
   * filter rows with this (cheaper than re-checking the relationship on every row). When the caller
   * has checked that the person has no active objection or restriction, personHasObjections: false
   * leaves the per-row objection check out.
   */
  sourceVisible(personIdColumn: string, sourceOrgColumn: string, category: DataCategory, options?: { personHasObjections?: boolean }): RawBuilder<boolean>;
  /**
   * A boolean SQL expression over a person id column: the actor has a care relationship with the
   * person (their team's open case, referral or episode, the registered practice, or their own
   * unexpired break-glass) and reads some category of care record. Never true for planning or
   * administration.
   */
  careRelationship(personIdColumn: string): RawBuilder<boolean>;
  /** May the actor read this category at all (role restrictions); false means refuse outright. */
  canRead(category: DataCategory): boolean;
  /** False for planning: identities are replaced by pseudonymised keys and counts are suppressed. */
  readonly identifiable: boolean;
  /**
   * The pseudonymised key planning users see instead of a person's identity: a keyed hash that is
   * stable across extracts and cannot be reversed without the place's secret.
   */
  personKey(personId: number): string;
}

/** One entry of the append-only audit log, before it is chained. */
export interface AuditEntry {
  action: 'read' | 'search' | 'write' | 'export' | 'break_glass' | 'sign_in' | 'sign_out' | 'admin';
  /** What was touched, e.g. 'population.person', 'population.timeline', 'governance.consent'. */
  resource: string;
  personId?: number | undefined;
  outcome: 'allowed' | 'denied';
  /** Why it was allowed or refused (basis of the decision), or what was written. */
  detail?: string | undefined;
}

export interface AuditSink {
  /** Appends entries for the actor; resolves once they are durably stored. */
  record(actor: Actor, entries: readonly AuditEntry[]): Promise<void>;
}

/** The handle every module's exported functions take first: connection, actor, access and audit. */
export interface Scope {
  readonly db: Database | Tx;
  readonly actor: Actor;
  readonly access: AccessFilter;
  readonly audit: AuditSink;
}

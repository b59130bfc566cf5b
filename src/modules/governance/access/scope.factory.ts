import { sql } from 'kysely';
import type { Actor, DataCategory, Purpose } from '../../../kernel/access/actor.ts';
import type { AccessFilter, AuditSink, Scope } from '../../../kernel/access/scope.ts';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import type { SharingGrant } from '../domain/access-policy.ts';
import { createAccessFilter } from './access-filter.ts';

/**
 * Builds the Scope a request (or CLI command) works in: the store handle, the actor, the access
 * filter compiled for that actor and the audit sink. The agreements in force for the actor's
 * organisation are read once per GRANT_CACHE_MS, not per query.
 */
const GRANT_CACHE_MS = 10_000;
const grantCache = new WeakMap<object, Map<string, { at: number; day: string; grants: SharingGrant[] }>>();

/** Which other organisations' data, of which categories and for which purposes, an organisation may see today. */
export async function loadSharingGrants(db: Database | Tx, orgCode: string, today: string): Promise<SharingGrant[]> {
  const rows = await sql<{ source_org: string; purposes: string; data_categories: string }>`
    select other.org_code as source_org, a.purposes, a.data_categories
    from data_sharing_agreement a
    join data_sharing_party me on me.agreement_id = a.id and me.org_code = ${orgCode}
    join data_sharing_party other on other.agreement_id = a.id and other.org_code <> ${orgCode}
    where a.status = 'active' and a.start_date <= ${today} and a.end_date >= ${today}`.execute(db.kysely);
  return rows.rows.map((r) => ({
    sourceOrg: r.source_org,
    purposes: JSON.parse(r.purposes) as Purpose[],
    categories: JSON.parse(r.data_categories) as DataCategory[],
  }));
}

async function cachedGrants(db: Database | Tx, orgCode: string, now: Date): Promise<SharingGrant[]> {
  const key = 'db' in db ? db.db : db;
  let byOrg = grantCache.get(key);
  if (!byOrg) grantCache.set(key, (byOrg = new Map()));
  const day = now.toISOString().slice(0, 10);
  const hit = byOrg.get(orgCode);
  if (hit && hit.day === day && now.getTime() - hit.at < GRANT_CACHE_MS) return hit.grants;
  const grants = await loadSharingGrants(db, orgCode, day);
  byOrg.set(orgCode, { at: now.getTime(), day, grants });
  return grants;
}

/** Forget cached agreements (after an agreement is created or changed). */
export function forgetSharingGrants(db: Database): void {
  grantCache.delete(db);
}

/**
 * Access filters are reused across requests of the same actor while the agreements they were built
 * from are unchanged and within the same second: a filter's predicates are built once, not per
 * request. The filter's clock is the END of the current second, so a break-glass that expires within
 * it is already treated as expired (reuse can only ever refuse early, never allow late).
 */
const filterCache = new WeakMap<readonly SharingGrant[], Map<string, AccessFilter>>();

function actorKey(actor: Actor): string {
  return `${actor.id}\u0000${actor.orgCode}\u0000${actor.role}\u0000${actor.purpose}\u0000${actor.teamCodes.join(',')}`;
}

export async function createScope(db: Database | Tx, actor: Actor, audit: AuditSink, now: Date = new Date()): Promise<Scope> {
  const grants = await cachedGrants(db, actor.orgCode, now);
  const second = Math.floor(now.getTime() / 1000);
  let byActor = filterCache.get(grants);
  if (!byActor) filterCache.set(grants, (byActor = new Map()));
  const key = `${second}\u0000${actorKey(actor)}`;
  let access = byActor.get(key);
  if (!access) {
    if (byActor.size >= 1000) byActor.clear();
    access = createAccessFilter(actor, grants, new Date(second * 1000 + 999).toISOString(), ('db' in db ? db.db : db).dialect);
    byActor.set(key, access);
  }
  return { db, actor, audit, access };
}

import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { isIsoDate, toIsoInstant } from '../../../kernel/dates.ts';
import { badRequest } from '../../../kernel/errors.ts';
import type { AuditTables } from './audit-log.table.ts';

export type { AuditLogEntry, AuditPage, AuditSearch } from './audit-views.ts';
import type { AuditLogEntry, AuditPage, AuditSearch } from './audit-views.ts';


interface GovernanceNames {
  staff: { id: string; given_name: string; family_name: string };
  organisation: { code: string; name: string };
}

function bound(value: string | undefined, name: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const instant = toIsoInstant(value);
  if (!instant) throw badRequest('SEAMLESS_ERR_GOVERNANCE_AUDIT_DATE', `'${name}' must be a date (YYYY-MM-DD) or an ISO date-time.`);
  // A bare date as the upper bound means up to the end of that day.
  if (name === 'to' && isIsoDate(value.trim())) return `${value.trim()}T23:59:59.999Z`;
  return instant;
}

/** Audit entries newest first, filtered and paged by seq (stable under concurrent appends). */
export async function searchAuditLog(db: Database | Tx, search: AuditSearch): Promise<AuditPage> {
  const limit = Math.min(Math.max(1, Math.trunc(search.limit ?? 100)), 1000);
  const from = bound(search.from, 'from');
  const to = bound(search.to, 'to');
  let q = tables<AuditTables & GovernanceNames>(db).selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.actor_id')
    .leftJoin('organisation as o', 'o.code', 'a.actor_org')
    .select([
      'a.seq', 'a.at', 'a.actor_id', 'a.actor_org', 'a.actor_role', 'a.purpose', 'a.channel', 'a.action', 'a.resource', 'a.person_id',
      'a.outcome', 'a.detail', 's.given_name', 's.family_name', 'o.name as org_name',
    ]);
  if (search.actor) q = q.where('a.actor_id', '=', search.actor);
  if (search.person !== undefined) q = q.where('a.person_id', '=', search.person);
  if (search.action) q = q.where('a.action', '=', search.action);
  if (search.outcome) q = q.where('a.outcome', '=', search.outcome);
  if (from) q = q.where('a.at', '>=', from);
  if (to) q = q.where('a.at', '<=', to);
  if (search.cursor !== undefined) q = q.where('a.seq', '<', search.cursor);
  const rows = await q.orderBy('a.seq', 'desc').limit(limit + 1).execute();
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map((r): AuditLogEntry => ({
    seq: Number(r.seq), at: r.at, actorId: r.actor_id,
    actorName: r.given_name || r.family_name ? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim() : null,
    actorOrg: r.actor_org, actorOrgName: r.org_name ?? null, actorRole: r.actor_role, purpose: r.purpose, channel: r.channel,
    action: r.action, resource: r.resource, personId: r.person_id === null ? null : Number(r.person_id), outcome: r.outcome, detail: r.detail,
  }));
  return { items, nextCursor: more ? items[items.length - 1]!.seq : null };
}

export type AccessLogOptions = Omit<AuditSearch, 'person' | 'actor'>;

/**
 * Who has accessed a person's record, newest first: every entry about the person (reads, searches
 * that returned them, writes, break-glass, refusals), with who, which organisation and role, the
 * purpose, what and the outcome. This is the list a subject access request asks for.
 */
export async function listPersonAccessLog(db: Database | Tx, personId: number, options: AccessLogOptions = {}): Promise<AuditPage> {
  return searchAuditLog(db, { ...options, person: personId });
}

import { auditEntriesForPersons } from '../audit/audit-entries.ts';
import {
  breakGlassExpiry, DEFAULT_BREAK_GLASS_HOURS, validateBreakGlassReason,
  type BreakGlass, type BreakGlassDecision, type BreakGlassReviewStatus,
} from './break-glass.ts';
import { deleteBreakGlass, findBreakGlass, insertBreakGlass, markBreakGlassReviewed, selectBreakGlass } from './break-glass.repository.ts';
import { igError } from './ig-errors.ts';
import { personExists } from './person-lookup.repository.ts';
import { audit, inUnitOfWork, type RegisterScope } from './register-scope.ts';

export interface BreakGlassOptions {
  now?: Date | undefined;
  /** How long access lasts (default 4 hours). */
  hours?: number | undefined;
}

/**
 * Opens break-glass access for the acting staff member on a person, audited as action 'break_glass'.
 * The grant stands only once its audit entry is committed: if the audit cannot be written the grant is
 * removed again and the call fails.
 */
export async function openBreakGlass(scope: RegisterScope, personId: number, reason: string, options: BreakGlassOptions = {}): Promise<BreakGlass> {
  const text = validateBreakGlassReason(reason);
  const openedAt = options.now ?? new Date();
  const expiresAt = breakGlassExpiry(openedAt, options.hours ?? DEFAULT_BREAK_GLASS_HOURS);
  if (!(await personExists(scope.db, personId))) throw igError('PERSON_NOT_FOUND', `There is no person ${personId} in the index.`);
  const id = await inUnitOfWork(scope.db, (tx) => insertBreakGlass(tx, {
    person_id: personId, staff_id: scope.actor.id, org_code: scope.actor.orgCode, reason: text, opened_at: openedAt.toISOString(), expires_at: expiresAt,
  }));
  try {
    await audit(scope, { action: 'break_glass', resource: 'governance.break_glass', personId, outcome: 'allowed', detail: `break-glass ${id} opened until ${expiresAt}` });
  } catch (error) {
    await inUnitOfWork(scope.db, (tx) => deleteBreakGlass(tx, id));
    throw error;
  }
  return (await findBreakGlass(scope.db, id, openedAt.toISOString()))!;
}

export interface BreakGlassReviewQuery {
  /** Default 'open' (the review queue); undefined lists every status when all is true. */
  status?: BreakGlassReviewStatus | undefined;
  all?: boolean | undefined;
  limit?: number | undefined;
  /** The nextCursor of the previous page. */
  cursor?: number | undefined;
  now?: Date | undefined;
}

/** The IG review queue, newest first. Audited as one 'search' entry per person listed. */
export async function listBreakGlassForReview(scope: RegisterScope, query: BreakGlassReviewQuery = {}): Promise<{ items: BreakGlass[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? 100)), 500);
  const now = (query.now ?? new Date()).toISOString();
  const rows = await selectBreakGlass(scope.db, { status: query.all ? undefined : query.status ?? 'open', limit: limit + 1, cursor: query.cursor }, now);
  const items = rows.slice(0, limit);
  await audit(scope, auditEntriesForPersons(items.map((b) => b.personId), { action: 'search', resource: 'governance.break_glass', outcome: 'allowed', detail: `break-glass review queue (${query.all ? 'all' : query.status ?? 'open'})` }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** An IG lead's review of a break-glass: appropriate or inappropriate, with a note. Nobody reviews their own. */
export async function reviewBreakGlass(scope: RegisterScope, id: number, decision: BreakGlassDecision, note?: string | null, options: { now?: Date } = {}): Promise<BreakGlass> {
  if (decision !== 'appropriate' && decision !== 'inappropriate') throw igError('BREAK_GLASS_REASON', `The decision is 'appropriate' or 'inappropriate', not '${String(decision)}'.`);
  const now = (options.now ?? new Date()).toISOString();
  const found = await findBreakGlass(scope.db, id, now);
  if (!found) throw igError('BREAK_GLASS_NOT_FOUND', `There is no break-glass ${id}.`);
  if (found.staffId === scope.actor.id) {
    await audit(scope, { action: 'write', resource: 'governance.break_glass', personId: found.personId, outcome: 'denied', detail: `own break-glass ${id} may not be self-reviewed` });
    throw igError('BREAK_GLASS_OWN_REVIEW', 'You cannot review your own break-glass access; another IG lead must.');
  }
  const text = note?.trim().slice(0, 2000) || null;
  const changed = await inUnitOfWork(scope.db, (tx) => markBreakGlassReviewed(tx, id, decision, scope.actor.id, now, text));
  if (!changed) throw igError('BREAK_GLASS_ALREADY_REVIEWED', `Break-glass ${id} was already reviewed as ${found.reviewStatus}.`);
  await audit(scope, { action: 'write', resource: 'governance.break_glass', personId: found.personId, outcome: 'allowed', detail: `reviewed break-glass ${id}: ${decision}` });
  return (await findBreakGlass(scope.db, id, now))!;
}

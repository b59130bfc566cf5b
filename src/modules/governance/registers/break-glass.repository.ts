import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { BreakGlass, BreakGlassReviewStatus } from './break-glass.ts';
import type { BreakGlassTable, RegisterTables } from './registers.tables.ts';

type Handle = Database | Tx;

function rowToBreakGlass(r: BreakGlassTable & { given_name?: string | null; family_name?: string | null }, now: string): BreakGlass {
  return {
    id: Number(r.id), personId: Number(r.person_id), staffId: r.staff_id, orgCode: r.org_code, reason: r.reason,
    ...(r.given_name !== undefined ? { staffName: r.given_name || r.family_name ? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim() : null } : {}),
    openedAt: r.opened_at, expiresAt: r.expires_at, active: r.expires_at > now, reviewStatus: r.review_status as BreakGlassReviewStatus,
    reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, reviewNote: r.review_note,
  };
}

export async function insertBreakGlass(tx: Tx, row: Omit<BreakGlassTable, 'id' | 'review_status' | 'reviewed_by' | 'reviewed_at' | 'review_note'>): Promise<number> {
  const inserted = await tables<RegisterTables>(tx).insertInto('break_glass')
    .values({ ...row, review_status: 'open', reviewed_by: null, reviewed_at: null, review_note: null } as never)
    .returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function deleteBreakGlass(tx: Tx, id: number): Promise<void> {
  await tables<RegisterTables>(tx).deleteFrom('break_glass').where('id', '=', id).execute();
}

export async function findBreakGlass(db: Handle, id: number, now: string): Promise<BreakGlass | undefined> {
  const row = await tables<RegisterTables>(db).selectFrom('break_glass').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToBreakGlass(row, now) : undefined;
}

/** The staff member's unexpired break-glass on the person, latest expiry first (undefined when none). */
export async function findActiveBreakGlass(db: Handle, staffId: string, personId: number, now: string): Promise<BreakGlass | undefined> {
  const row = await tables<RegisterTables>(db).selectFrom('break_glass').selectAll()
    .where('person_id', '=', personId).where('staff_id', '=', staffId).where('expires_at', '>', now)
    .orderBy('expires_at', 'desc').executeTakeFirst();
  return row ? rowToBreakGlass(row, now) : undefined;
}

export interface BreakGlassQuery { status?: BreakGlassReviewStatus | undefined; limit: number; cursor?: number | undefined }

/** Newest first, with the staff member's name. */
export async function selectBreakGlass(db: Handle, query: BreakGlassQuery, now: string): Promise<BreakGlass[]> {
  let q = tables<RegisterTables>(db).selectFrom('break_glass as b').leftJoin('staff as s', 's.id', 'b.staff_id')
    .selectAll('b').select(['s.given_name', 's.family_name']);
  if (query.status) q = q.where('b.review_status', '=', query.status);
  if (query.cursor !== undefined) q = q.where('b.id', '<', query.cursor);
  const rows = await q.orderBy('b.id', 'desc').limit(query.limit).execute();
  return rows.map((r) => rowToBreakGlass(r as never, now));
}

/** Records the review of an open break-glass; false when it is not open (any more). */
export async function markBreakGlassReviewed(tx: Tx, id: number, status: BreakGlassReviewStatus, reviewedBy: string, reviewedAt: string, note: string | null): Promise<boolean> {
  const result = await tables<RegisterTables>(tx).updateTable('break_glass')
    .set({ review_status: status, reviewed_by: reviewedBy, reviewed_at: reviewedAt, review_note: note })
    .where('id', '=', id).where('review_status', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

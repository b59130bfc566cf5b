import { sql } from 'kysely';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { ACTIVITY_KINDS } from '../domain/activity.ts';
import type { PopulationTables } from './population.tables.ts';
import { recordActivityChange } from './activity-change.repository.ts';

type Handle = Database | Tx;

export interface DuplicateRow {
  id: number; personId: number; candidatePersonId: number; score: number; reasons: string[]; status: string;
  createdAt: string; reviewedAt: string | null; reviewedBy: string | null;
}

export async function listDuplicates(db: Handle, status: string, limit: number): Promise<{ items: DuplicateRow[]; total: number }> {
  const k = tables<PopulationTables>(db);
  const base = k.selectFrom('possible_duplicate').where('status', '=', status);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('score', 'desc').orderBy('id').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDuplicate), total: Number(count.n) };
}

export async function findDuplicate(db: Handle, id: number): Promise<DuplicateRow | undefined> {
  const row = await tables<PopulationTables>(db).selectFrom('possible_duplicate').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDuplicate(row) : undefined;
}

function toDuplicate(r: Record<string, unknown>): DuplicateRow {
  return {
    id: Number(r.id), personId: Number(r.person_id), candidatePersonId: Number(r.candidate_person_id), score: Number(r.score),
    reasons: JSON.parse(String(r.reasons)) as string[], status: String(r.status), createdAt: String(r.created_at),
    reviewedAt: (r.reviewed_at as string | null) ?? null, reviewedBy: (r.reviewed_by as string | null) ?? null,
  };
}

export async function markDuplicateReviewed(tx: Tx, id: number, status: string, reviewer: string, reviewedAt: string): Promise<void> {
  await tables<PopulationTables>(tx).updateTable('possible_duplicate')
    .set({ status, reviewed_by: reviewer, reviewed_at: reviewedAt }).where('id', '=', id).execute();
}

/**
 * Folds person `from` into person `into`: activity and identifiers move, records both persons already
 * share (same record key) are kept once, open reviews that named `from` now name `into`, and `from`
 * is removed. Runs inside the caller's transaction. Returns how many records moved.
 */
export async function mergePersonInto(tx: Tx, from: number, into: number): Promise<number> {
  let moved = 0;
  const childTables = ['apc_diagnosis', 'apc_procedure'] as const;
  for (const table of [...ACTIVITY_KINDS, ...childTables]) {
    await sql`delete from ${sql.table(table)} where person_id = ${from}
      and record_key in (select record_key from ${sql.table(table)} where person_id = ${into})`.execute(tx.kysely);
    const result = await sql`update ${sql.table(table)} set person_id = ${into} where person_id = ${from}`.execute(tx.kysely);
    if ((ACTIVITY_KINDS as readonly string[]).includes(table)) moved += Number(result.numAffectedRows ?? 0n);
  }
  await sql`update person_identifier set person_id = ${into} where person_id = ${from}`.execute(tx.kysely);
  await sql`update care_relationship set person_id = ${into} where person_id = ${from}`.execute(tx.kysely);
  await repointOpenReviews(tx, from, into);
  await sql`delete from person where id = ${from}`.execute(tx.kysely);
  // Both persons' derived data (scores, segments) are out of date: `from` is gone, `into` has more.
  await recordActivityChange(tx, [from, into]);
  return moved;
}

export async function recordMerge(tx: Tx, from: number, into: number, duplicateId: number, mergedBy: string, moved: number): Promise<void> {
  await tables<PopulationTables>(tx).insertInto('person_merge')
    .values({ from_person_id: from, into_person_id: into, duplicate_id: duplicateId, merged_by: mergedBy, moved_records: moved }).execute();
}

/** Open reviews that named `from` now name `into`; a pair that would then repeat one already listed, or pair `into` with itself, is superseded. */
async function repointOpenReviews(tx: Tx, from: number, into: number): Promise<void> {
  const k = tables<PopulationTables>(tx);
  const open = await k.selectFrom('possible_duplicate').select(['id', 'person_id', 'candidate_person_id']).where('status', '=', 'open')
    .where((eb) => eb.or([eb('person_id', '=', from), eb('candidate_person_id', '=', from)])).execute();
  for (const pair of open) {
    const a = Number(pair.person_id) === from ? into : Number(pair.person_id);
    const b = Number(pair.candidate_person_id) === from ? into : Number(pair.candidate_person_id);
    const clash = a === b || (await k.selectFrom('possible_duplicate').select('id').where('person_id', '=', a).where('candidate_person_id', '=', b).executeTakeFirst());
    if (clash) await k.updateTable('possible_duplicate').set({ status: 'superseded' }).where('id', '=', pair.id).execute();
    else await k.updateTable('possible_duplicate').set({ person_id: a, candidate_person_id: b }).where('id', '=', pair.id).execute();
  }
}

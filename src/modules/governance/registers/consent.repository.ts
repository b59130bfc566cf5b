import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { DataCategory } from '../../../kernel/access/actor.ts';
import type { Consent, ConsentKind, ValidConsent } from './consent.ts';
import type { PersonConsentTable, RegisterTables } from './registers.tables.ts';

type Handle = Database | Tx;

function rowToConsent(r: PersonConsentTable): Consent {
  return {
    id: Number(r.id), personId: Number(r.person_id), kind: r.kind as ConsentKind, category: r.category as DataCategory | null, orgCode: r.org_code,
    note: r.note, recordedAt: r.recorded_at, recordedBy: r.recorded_by, withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_by,
    active: r.withdrawn_at === null,
  };
}

export async function insertConsent(tx: Tx, personId: number, consent: ValidConsent, recordedBy: string, recordedAt: string): Promise<number> {
  const row = await tables<RegisterTables>(tx).insertInto('person_consent').values({
    person_id: personId, kind: consent.kind, category: consent.category, org_code: consent.orgCode, note: consent.note,
    recorded_at: recordedAt, recorded_by: recordedBy, withdrawn_at: null, withdrawn_by: null,
  } as never).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findActiveConsentLike(db: Handle, personId: number, consent: ValidConsent): Promise<Consent | undefined> {
  let q = tables<RegisterTables>(db).selectFrom('person_consent').selectAll()
    .where('person_id', '=', personId).where('kind', '=', consent.kind).where('withdrawn_at', 'is', null);
  q = consent.category === null ? q.where('category', 'is', null) : q.where('category', '=', consent.category);
  q = consent.orgCode === null ? q.where('org_code', 'is', null) : q.where('org_code', '=', consent.orgCode);
  const row = await q.executeTakeFirst();
  return row ? rowToConsent(row) : undefined;
}

export async function findConsent(db: Handle, id: number): Promise<Consent | undefined> {
  const row = await tables<RegisterTables>(db).selectFrom('person_consent').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToConsent(row) : undefined;
}

/** Marks a consent withdrawn; false when it is not there or already withdrawn. */
export async function markConsentWithdrawn(tx: Tx, id: number, withdrawnBy: string, withdrawnAt: string): Promise<boolean> {
  const result = await tables<RegisterTables>(tx).updateTable('person_consent').set({ withdrawn_at: withdrawnAt, withdrawn_by: withdrawnBy })
    .where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function selectConsents(db: Handle, personId: number, includeWithdrawn: boolean): Promise<Consent[]> {
  let q = tables<RegisterTables>(db).selectFrom('person_consent').selectAll().where('person_id', '=', personId);
  if (!includeWithdrawn) q = q.where('withdrawn_at', 'is', null);
  return (await q.orderBy('recorded_at', 'desc').orderBy('id', 'desc').execute()).map(rowToConsent);
}

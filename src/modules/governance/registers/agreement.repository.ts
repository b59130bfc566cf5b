import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { Agreement, AgreementPurpose, AgreementStatus, ValidAgreement } from './agreement.ts';
import type { DataCategory } from '../../../kernel/access/actor.ts';
import type { DataSharingAgreementTable, RegisterTables } from './registers.tables.ts';

type Handle = Database | Tx;

function rowToAgreement(row: DataSharingAgreementTable, parties: string[]): Agreement {
  return {
    id: Number(row.id), title: row.title, legalBasis: row.legal_basis,
    purposes: JSON.parse(row.purposes) as AgreementPurpose[], dataCategories: JSON.parse(row.data_categories) as DataCategory[],
    startDate: row.start_date, endDate: row.end_date, status: row.status as AgreementStatus, parties,
    createdBy: row.created_by, createdAt: row.created_at, updatedBy: row.updated_by, updatedAt: row.updated_at,
  };
}

async function withParties(db: Handle, rows: DataSharingAgreementTable[]): Promise<Agreement[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const parties = await tables<RegisterTables>(db).selectFrom('data_sharing_party').select(['agreement_id', 'org_code'])
    .where('agreement_id', 'in', ids).orderBy('org_code').execute();
  const byAgreement = new Map<number, string[]>();
  for (const p of parties) {
    const list = byAgreement.get(Number(p.agreement_id)) ?? [];
    list.push(p.org_code);
    byAgreement.set(Number(p.agreement_id), list);
  }
  return rows.map((r) => rowToAgreement(r, byAgreement.get(Number(r.id)) ?? []));
}

export async function insertAgreement(tx: Tx, agreement: ValidAgreement, createdBy: string, createdAt: string): Promise<number> {
  const k = tables<RegisterTables>(tx);
  const row = await k.insertInto('data_sharing_agreement').values({
    title: agreement.title, legal_basis: agreement.legalBasis, purposes: JSON.stringify(agreement.purposes),
    data_categories: JSON.stringify(agreement.dataCategories), start_date: agreement.startDate, end_date: agreement.endDate,
    status: agreement.status, created_by: createdBy, created_at: createdAt, updated_by: null, updated_at: null,
  } as never).returning('id').executeTakeFirstOrThrow();
  const id = Number(row.id);
  await k.insertInto('data_sharing_party').values(agreement.parties.map((org_code) => ({ agreement_id: id, org_code }))).execute();
  return id;
}

/** Replaces an agreement's terms and parties; returns false when there is no such agreement. */
export async function replaceAgreement(tx: Tx, id: number, agreement: ValidAgreement, updatedBy: string, updatedAt: string): Promise<boolean> {
  const k = tables<RegisterTables>(tx);
  const result = await k.updateTable('data_sharing_agreement').set({
    title: agreement.title, legal_basis: agreement.legalBasis, purposes: JSON.stringify(agreement.purposes),
    data_categories: JSON.stringify(agreement.dataCategories), start_date: agreement.startDate, end_date: agreement.endDate,
    status: agreement.status, updated_by: updatedBy, updated_at: updatedAt,
  }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await k.deleteFrom('data_sharing_party').where('agreement_id', '=', id).execute();
  await k.insertInto('data_sharing_party').values(agreement.parties.map((org_code) => ({ agreement_id: id, org_code }))).execute();
  return true;
}

export async function findAgreement(db: Handle, id: number): Promise<Agreement | undefined> {
  const row = await tables<RegisterTables>(db).selectFrom('data_sharing_agreement').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withParties(db, [row]))[0] : undefined;
}

export interface AgreementQuery {
  status?: string | undefined;
  /** Only agreements this organisation is party to. */
  orgCode?: string | undefined;
  /** Only agreements whose dates include this day (any status unless status is given). */
  coversDate?: string | undefined;
  /** Only agreements ending on or before this day. */
  endingBy?: string | undefined;
  /** Only agreements ending on or after this day. */
  endingFrom?: string | undefined;
}

export async function selectAgreements(db: Handle, query: AgreementQuery = {}): Promise<Agreement[]> {
  let q = tables<RegisterTables>(db).selectFrom('data_sharing_agreement as a').selectAll('a');
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.orgCode) {
    const org = query.orgCode;
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('data_sharing_party as p').select('p.org_code')
      .whereRef('p.agreement_id', '=', 'a.id').where('p.org_code', '=', org)));
  }
  if (query.coversDate) q = q.where('a.start_date', '<=', query.coversDate).where('a.end_date', '>=', query.coversDate);
  if (query.endingBy) q = q.where('a.end_date', '<=', query.endingBy);
  if (query.endingFrom) q = q.where('a.end_date', '>=', query.endingFrom);
  const rows = await q.orderBy('a.end_date').orderBy('a.id').execute();
  return withParties(db, rows as DataSharingAgreementTable[]);
}

/** The codes among these that are known organisations. */
export async function knownOrganisations(db: Handle, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await tables<RegisterTables>(db).selectFrom('organisation').select('code').where('code', 'in', [...codes]).execute();
  return new Set(rows.map((r) => r.code));
}

import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

/**
 * Saved cohorts: a name, description and author for one version of criteria, the criteria themselves
 * being stored once per version in rule_set (kind 'cohort'; versions.repository.ts saveRuleSet).
 */
type Handle = Database | Tx;

export interface NewCohort {
  name: string;
  description: string;
  versionId: string;
  createdBy: string;
  createdAt: string;
}

export interface CohortRow extends NewCohort {
  id: number;
  /** The criteria JSON of the version. */
  criteria: string;
}

export async function insertCohort(db: Handle, cohort: NewCohort): Promise<number> {
  const row = await tables<AnalyticsTables>(db).insertInto('cohort').values({
    name: cohort.name, description: cohort.description, version_id: cohort.versionId, created_by: cohort.createdBy, created_at: cohort.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

function query(db: Handle) {
  return tables<AnalyticsTables>(db).selectFrom('cohort')
    .innerJoin('rule_set', (join) => join.onRef('rule_set.version', '=', 'cohort.version_id').on('rule_set.kind', '=', 'cohort'))
    .select(['cohort.id', 'cohort.name', 'cohort.description', 'cohort.version_id', 'cohort.created_by', 'cohort.created_at', 'rule_set.rules']);
}

type Selected = { id: number; name: string; description: string; version_id: string; created_by: string; created_at: string; rules: string };

const toRow = (r: Selected): CohortRow => ({
  id: Number(r.id), name: r.name, description: r.description, versionId: r.version_id, createdBy: r.created_by, createdAt: r.created_at, criteria: r.rules,
});

/** Every saved cohort, newest first. */
export async function listCohortRows(db: Handle, limit: number): Promise<CohortRow[]> {
  const rows = await query(db).orderBy('cohort.created_at', 'desc').orderBy('cohort.id', 'desc').limit(limit).execute();
  return rows.map((r) => toRow(r as Selected));
}

export async function findCohortRow(db: Handle, id: number): Promise<CohortRow | undefined> {
  const row = await query(db).where('cohort.id', '=', id).executeTakeFirst();
  return row && toRow(row as Selected);
}

import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

/**
 * Versioned models and rule sets. A version is a content hash, so saving the same model or rules again
 * is a no-op (the first row, with its creation time and author, is kept).
 */
type Handle = Database | Tx;

export interface ModelVersionRow {
  version: string;
  name: string;
  scoringAsOf: string;
  createdAt: string;
  report: string;
  model: string;
}

export async function saveModelVersion(db: Handle, row: ModelVersionRow): Promise<void> {
  await tables<AnalyticsTables>(db).insertInto('model_version').values({
    version: row.version, name: row.name, scoring_as_of: row.scoringAsOf, created_at: row.createdAt, report: row.report, model: row.model,
  }).onConflict((oc) => oc.column('version').doNothing()).execute();
}

/** The most recently created model of a name. */
export async function findLatestModelVersion(db: Handle, name: string): Promise<ModelVersionRow | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('model_version').selectAll().where('name', '=', name)
    .orderBy('created_at', 'desc').orderBy('version').limit(1).executeTakeFirst();
  return row && { version: row.version, name: row.name, scoringAsOf: row.scoring_as_of, createdAt: row.created_at, report: row.report, model: row.model };
}

export async function findModelVersion(db: Handle, version: string): Promise<ModelVersionRow | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('model_version').selectAll().where('version', '=', version).executeTakeFirst();
  return row && { version: row.version, name: row.name, scoringAsOf: row.scoring_as_of, createdAt: row.created_at, report: row.report, model: row.model };
}

export type RuleSetKind = 'segmentation' | 'triggers' | 'cohort';

export interface RuleSetRow {
  kind: RuleSetKind;
  version: string;
  label: string;
  effectiveFrom: string | null;
  rules: string;
  createdAt: string;
  createdBy: string;
}

export async function saveRuleSet(db: Handle, row: RuleSetRow): Promise<void> {
  await tables<AnalyticsTables>(db).insertInto('rule_set').values({
    kind: row.kind, version: row.version, label: row.label, effective_from: row.effectiveFrom, rules: row.rules, created_at: row.createdAt,
    created_by: row.createdBy,
  }).onConflict((oc) => oc.columns(['kind', 'version']).doNothing()).execute();
}

/** The most recently saved rule set of a kind. */
export async function findLatestRuleSet(db: Handle, kind: RuleSetKind): Promise<RuleSetRow | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('rule_set').selectAll().where('kind', '=', kind)
    .orderBy('created_at', 'desc').orderBy('version').limit(1).executeTakeFirst();
  return row && {
    kind: row.kind as RuleSetKind, version: row.version, label: row.label, effectiveFrom: row.effective_from, rules: row.rules,
    createdAt: row.created_at, createdBy: row.created_by,
  };
}

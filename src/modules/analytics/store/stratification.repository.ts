import type { BulkTable, Cell } from '../../../kernel/db/bulk.ts';
import { insertRows, replaceRows } from '../../../kernel/db/bulk.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

/**
 * The outputs of a stratification run: the run itself, each person's latest scores (one row per person
 * holding all of them), and the case-finding list (person_facts.repository.ts has the profiles). Writes are bulk inserts (kernel/db/bulk.ts) inside the caller's transaction;
 * the caller deletes a batch's old rows and inserts its new ones in the same transaction, so a person's
 * rows are replaced all at once or not at all.
 */
type Handle = Database | Tx;

/** Column order of the person-keyed outputs for bulk writes; the row builders in the service follow it. */
export const PERSON_SCORE_COLUMNS: BulkTable = {
  table: 'person_score',
  columns: [['person_id', 'bigint'], ['run_id', 'bigint'], ['scores', 'text']],
  key: ['person_id'],
};
export const CASE_FINDING_COLUMNS: BulkTable = {
  table: 'case_finding_entry',
  columns: [['person_id', 'bigint'], ['run_id', 'bigint'], ['rule_version', 'text'], ['rules_met', 'text'], ['rules_met_count', 'integer'],
    ['risk_value', 'double precision'], ['risk_percentile', 'double precision'], ['segment', 'text'], ['computed_at', 'text']],
};

export type PersonKeyedTable = 'person_score' | 'case_finding_entry' | 'person_facts';

/** Which persons' rows a replacement covers: ids in (after, upTo] (upTo undefined: no upper end), or a list. */
export type PersonRows = { kind: 'range'; after: number; upTo?: number | undefined } | { kind: 'ids'; ids: readonly number[] };

export interface NewRun {
  kind: 'stratify' | 'stratify_incremental';
  asOf: string;
  startedAt: string;
  startedBy: string;
  versions: string;
  /** The activity change the run reflects everything up to, or null (a run over persons the caller named). */
  activityChangeThrough: number | null;
}

export async function insertRun(db: Handle, run: NewRun): Promise<number> {
  const row = await tables<AnalyticsTables>(db).insertInto('analytics_run').values({
    kind: run.kind, as_of: run.asOf, started_at: run.startedAt, started_by: run.startedBy, persons: 0, events: 0, status: 'running', versions: run.versions,
    activity_change_through: run.activityChangeThrough,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface RunOutcome {
  status: 'completed' | 'failed';
  finishedAt: string;
  persons: number;
  events: number;
  versions: string;
}

export async function finishRun(db: Handle, id: number, outcome: RunOutcome): Promise<void> {
  await tables<AnalyticsTables>(db).updateTable('analytics_run').set({
    status: outcome.status, finished_at: outcome.finishedAt, persons: outcome.persons, events: outcome.events, versions: outcome.versions,
  }).where('id', '=', id).execute();
}

export interface RunRow {
  id: number;
  kind: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  persons: number;
  events: number;
  status: string;
  versions: string;
  activityChangeThrough: number | null;
}

/** The latest completed run of a kind (any kind when not given). */
export async function findLatestRun(db: Handle, kind?: string): Promise<RunRow | undefined> {
  let query = tables<AnalyticsTables>(db).selectFrom('analytics_run').selectAll().where('status', '=', 'completed');
  if (kind !== undefined) query = query.where('kind', '=', kind);
  const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && {
    id: Number(row.id), kind: row.kind, asOf: row.as_of, startedAt: row.started_at, finishedAt: row.finished_at, persons: Number(row.persons),
    events: Number(row.events), status: row.status, versions: row.versions,
    activityChangeThrough: row.activity_change_through === null ? null : Number(row.activity_change_through),
  };
}

/** The change through which the latest completed run that recorded one reflects all activity, or undefined when none did. */
export async function findLatestChangeThrough(db: Handle): Promise<{ runId: number; through: number } | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('analytics_run').select(['id', 'activity_change_through'])
    .where('status', '=', 'completed').where('activity_change_through', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { runId: Number(row.id), through: Number(row.activity_change_through) } : undefined;
}

/**
 * Deletes the rows of the given persons from one of the person-keyed output tables; with exceptRun,
 * only the rows an earlier run left there (after that run has replaced the rest).
 */
export async function deletePersonRows(db: Handle, table: PersonKeyedTable, persons: PersonRows, exceptRun?: number): Promise<void> {
  let query = tables<AnalyticsTables>(db).deleteFrom(table);
  if (exceptRun !== undefined) query = query.where('run_id', '<>', exceptRun);
  if (persons.kind === 'ids') {
    if (persons.ids.length === 0) return;
    query = query.where('person_id', 'in', [...persons.ids]);
  } else {
    query = query.where('person_id', '>', persons.after);
    if (persons.upTo !== undefined) query = query.where('person_id', '<=', persons.upTo);
  }
  await query.execute();
}

export function replacePersonScores(tx: Tx, rows: readonly (readonly Cell[])[]): Promise<number> {
  return replaceRows(tx, PERSON_SCORE_COLUMNS, rows);
}

export function insertCaseFindingEntries(tx: Tx, rows: readonly (readonly Cell[])[]): Promise<number> {
  return insertRows(tx, CASE_FINDING_COLUMNS, rows);
}

/** A person's stored scores: the JSON array of ScoreResult, and the date and instant of the run that computed them. */
export interface StoredScores {
  scores: string;
  asOf: string;
  computedAt: string;
}

/** A person's latest scores, or undefined when no run has scored them. */
export async function findPersonScores(db: Handle, personId: number): Promise<StoredScores | undefined> {
  const row = await tables<AnalyticsTables>(db).selectFrom('person_score')
    .innerJoin('analytics_run', 'analytics_run.id', 'person_score.run_id')
    .select(['person_score.scores', 'analytics_run.as_of', 'analytics_run.started_at'])
    .where('person_score.person_id', '=', personId).executeTakeFirst();
  return row && { scores: row.scores, asOf: row.as_of, computedAt: row.started_at };
}

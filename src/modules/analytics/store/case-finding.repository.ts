import { sql, type RawBuilder } from 'kysely';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { AnalyticsTables } from './analytics.tables.ts';

/**
 * Reads of the case-finding list (case_finding_entry, the current list: each person's entry from the
 * latest run that recomputed them) with the person's profile and their stored scores (for the predicted
 * risk's factors). The
 * caller passes the access predicate (over `case_finding_entry.person_id`) and the team's population
 * predicate (over `person_facts`), so both are part of the query: a page never holds, and a count
 * never counts, someone the actor may not see.
 */
type Handle = Database | Tx;

export interface CaseFindingRow {
  personId: number;
  runId: number;
  ruleVersion: string;
  rulesMet: string;
  riskValue: number | null;
  riskPercentile: number | null;
  segment: string | null;
  age: number | null;
  sex: string;
  gpPracticeCode: string | null;
  localityCode: string | null;
  /** The person's stored scores (person_score: JSON ScoreResult[]), or null when none are stored. */
  scores: string | null;
}

export interface CaseFindingQuery {
  visible: RawBuilder<boolean>;
  /** The team's population (over person_facts columns), or undefined for everyone. */
  population?: RawBuilder<boolean> | undefined;
  limit: number;
}

/** The first `limit` entries: most rules met first, then highest predicted risk, then person id. */
export async function listCaseFindingRows(db: Handle, query: CaseFindingQuery): Promise<CaseFindingRow[]> {
  let q = tables<AnalyticsTables>(db).selectFrom('case_finding_entry')
    .innerJoin('person_facts', 'person_facts.person_id', 'case_finding_entry.person_id')
    .leftJoin('person_score', 'person_score.person_id', 'case_finding_entry.person_id')
    .select([
      'case_finding_entry.person_id', 'case_finding_entry.run_id', 'case_finding_entry.rule_version', 'case_finding_entry.rules_met',
      'case_finding_entry.risk_value', 'case_finding_entry.risk_percentile', 'case_finding_entry.segment', 'person_facts.age', 'person_facts.sex',
      'person_facts.gp_practice_code', 'person_facts.locality_code', 'person_score.scores',
    ])
    .where(query.visible);
  if (query.population) q = q.where(query.population);
  const rows = await q.orderBy('case_finding_entry.rules_met_count', 'desc')
    .orderBy(sql`coalesce(case_finding_entry.risk_value, -1)`, 'desc')
    .orderBy('case_finding_entry.person_id')
    .limit(query.limit).execute();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    personId: Number(r.person_id), runId: Number(r.run_id), ruleVersion: r.rule_version, rulesMet: r.rules_met, riskValue: num(r.risk_value),
    riskPercentile: num(r.risk_percentile), segment: r.segment, age: num(r.age), sex: r.sex, gpPracticeCode: r.gp_practice_code,
    localityCode: r.locality_code, scores: r.scores ?? null,
  }));
}

/** People with a stored profile in the population (or everyone) whom `visible` (over person_facts.person_id) lets through. */
export async function countScreened(db: Handle, visible: RawBuilder<boolean>, population?: RawBuilder<boolean>): Promise<number> {
  let q = tables<AnalyticsTables>(db).selectFrom('person_facts').select((eb) => eb.fn.countAll().as('n')).where(visible);
  if (population) q = q.where(population);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

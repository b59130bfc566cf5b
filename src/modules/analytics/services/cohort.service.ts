import type { Scope } from '../../../kernel/access/scope.ts';
import { withTransaction, type Database, type Tx } from '../../../kernel/db/database.ts';
import { notFound, SeamlessError } from '../../../kernel/errors.ts';
import {
  cohortVersionId, compileCohort, highRiskCohort, knownToSocialCareCohort, receivingSocialCareCohort, risingRiskCohort, validateCohortDefinition,
  type CompiledCohort,
} from '../domain/cohorts/cohort-definition.ts';
import type { Criteria } from '../domain/criteria/criteria.types.ts';
import { EMPTY_COHORT, INVALID_COHORT, rulesError } from '../domain/criteria/rule-problems.ts';
import type { CohortComparisonView, CohortView } from '../domain/views.ts';
import { findCohortRow, insertCohort, listCohortRows, type CohortRow } from '../store/cohort.repository.ts';
import { listProfileIdsWhere } from '../store/person-facts.repository.ts';
import { saveRuleSet } from '../store/versions.repository.ts';
import {
  aggregateExclusions, auditAggregate, auditListed, countFor, isPlanning, listVisibility, requireAnalyticsUse, toPersonRefs, type ListedPerson,
} from './analytics-access.ts';
import { cohortOptions } from './criteria-fields.service.ts';
import { loadRunProfiles, type RunProfiles } from './profile-cache.service.ts';

/**
 * Saved cohorts and cohort comparison, evaluated over the latest run's profiles (profile-cache).
 *
 * Saving validates the definition with the domain's validator (every problem at once: a 400 whose
 * details.problems name each one; a definition without criteria is refused as an empty cohort rather
 * than taken to mean everyone). The criteria are versioned in rule_set (kind 'cohort', the content
 * hash the engine uses for segmentations and trigger rules), and the cohort table names the version.
 *
 * Sizes and comparison counts are aggregates (analytics-access.ts: for planning, opted-out persons
 * left out and 1–7 shown as '<8'). The people a comparison lists are only those the actor may see,
 * as keys (planning) or identities (direct care), each audited.
 */
export const COHORT_RESOURCE = 'analytics.cohort';
const MAX_COHORTS_LISTED = 500;

export interface CohortInput {
  name: string;
  criteria: Criteria;
  description?: string | undefined;
}

/** The rows of the profiles in a cohort (cached per run and criteria version). */
export function cohortRows(profiles: RunProfiles, cohort: CompiledCohort): Int32Array {
  let rows = profiles.memberships.get(cohort.versionId);
  if (!rows) {
    const columns = profiles.columns;
    const list: number[] = [];
    for (let i = 0; i < columns.length; i++) if (cohort.matches(columns.profile(i))) list.push(i);
    rows = Int32Array.from(list);
    profiles.memberships.set(cohort.versionId, rows);
  }
  return rows;
}

function countOf(profiles: RunProfiles, rows: Int32Array, excluded: ReadonlySet<number>): number {
  if (excluded.size === 0) return rows.length;
  let n = 0;
  for (const i of rows) if (!excluded.has(profiles.columns.personId(i))) n++;
  return n;
}

async function compileSaved(scope: Scope, row: CohortRow): Promise<CompiledCohort> {
  return compileCohort({ name: row.name, criteria: JSON.parse(row.criteria) as Criteria, createdBy: row.createdBy }, await cohortOptions(scope));
}

async function toView(scope: Scope, row: CohortRow, profiles: RunProfiles | null, excluded: ReadonlySet<number>): Promise<CohortView> {
  const size = profiles ? countOf(profiles, cohortRows(profiles, await compileSaved(scope, row)), excluded) : 0;
  return {
    id: row.id, name: row.name, versionId: row.versionId, criteria: JSON.parse(row.criteria) as Criteria, description: row.description,
    createdBy: row.createdBy, createdAt: row.createdAt, size: countFor(scope, size),
  };
}

function isDatabase(db: Database | Tx): db is Database {
  return 'dialect' in db;
}

/** Validates and saves a cohort; 400 (SEAMLESS_ERR_ANALYTICS_INVALID_COHORT or _EMPTY_COHORT) with details.problems when it is not valid. */
export async function saveCohort(scope: Scope, input: CohortInput, now: () => Date = () => new Date()): Promise<CohortView> {
  requireAnalyticsUse(scope);
  const definition = { name: input.name.trim(), description: input.description?.trim() ?? '', criteria: input.criteria, createdBy: scope.actor.id };
  const problems = validateCohortDefinition(definition, await cohortOptions(scope));
  if (problems.length > 0) {
    const code = problems.some((p) => p.code === 'empty_cohort') ? EMPTY_COHORT : INVALID_COHORT;
    throw rulesError(code, `The cohort '${String(definition.name ?? '')}'`, problems);
  }
  const versionId = cohortVersionId(definition);
  const createdAt = now().toISOString();
  const save = async (tx: Database | Tx) => {
    await saveRuleSet(tx, {
      kind: 'cohort', version: versionId, label: definition.name, effectiveFrom: null, rules: JSON.stringify(definition.criteria), createdAt,
      createdBy: scope.actor.id,
    });
    return insertCohort(tx, { name: definition.name, description: definition.description, versionId, createdBy: scope.actor.id, createdAt });
  };
  const id = isDatabase(scope.db) ? await withTransaction(scope.db, save) : await save(scope.db);
  await scope.audit.record(scope.actor, [{ action: 'write', resource: COHORT_RESOURCE, outcome: 'allowed', detail: `saved cohort ${id} (${versionId})` }]);
  const row = await findCohortRow(scope.db, id);
  const profiles = await loadRunProfiles(scope.db);
  return toView(scope, row!, profiles, profiles ? await aggregateExclusions(scope, profiles) : new Set());
}

/** Saved cohorts, newest first, each with its size now. */
export async function listCohorts(scope: Scope): Promise<{ items: CohortView[] }> {
  requireAnalyticsUse(scope);
  const rows = await listCohortRows(scope.db, MAX_COHORTS_LISTED);
  const profiles = await loadRunProfiles(scope.db);
  const excluded = profiles ? await aggregateExclusions(scope, profiles) : new Set<number>();
  const items: CohortView[] = [];
  for (const row of rows) items.push(await toView(scope, row, profiles, excluded));
  await auditAggregate(scope, COHORT_RESOURCE, `cohort sizes (${items.length} cohorts)`);
  return { items };
}

// Comparison ------------------------------------------------------------------------------------------

import type { CohortSide, ComparisonPreset, ComparisonShow } from '../domain/views.ts';

export type { CohortSide, ComparisonPreset, ComparisonShow };

export interface ComparisonRequest {
  a?: CohortSide | undefined;
  b?: CohortSide | undefined;
  /** A preset's key, instead of a and b. */
  preset?: string | undefined;
  /** Which people to list: in A and not B (default), or in both. */
  show?: ComparisonShow | undefined;
  limit: number;
}

/** The two questions the issue names, as ordinary definitions a user can copy into the builder. */
export function comparisonPresets(): ComparisonPreset[] {
  const side = (c: { name: string; criteria: Criteria }) => ({ name: c.name, criteria: c.criteria });
  return [
    {
      key: 'high_risk_not_known_to_social_care', label: 'High risk (top 10%) and not known to social care',
      a: side(highRiskCohort(90)), b: side(knownToSocialCareCohort()), show: 'onlyA',
    },
    {
      key: 'social_care_rising_risk', label: 'Receiving social care and at rising risk',
      a: side(receivingSocialCareCohort()), b: side(risingRiskCohort()), show: 'both',
    },
  ];
}

export function listComparisonPresets(scope: Scope): { items: ComparisonPreset[] } {
  requireAnalyticsUse(scope);
  return { items: comparisonPresets() };
}

async function resolveSide(scope: Scope, side: CohortSide, which: 'a' | 'b'): Promise<CompiledCohort> {
  if ('cohortId' in side) {
    const row = await findCohortRow(scope.db, side.cohortId);
    if (!row) throw notFound('SEAMLESS_ERR_ANALYTICS_COHORT_NOT_FOUND', `There is no saved cohort with the id ${side.cohortId}.`);
    return compileSaved(scope, row);
  }
  const definition = { name: side.name, criteria: side.criteria, createdBy: scope.actor.id };
  const problems = validateCohortDefinition(definition, await cohortOptions(scope));
  if (problems.length > 0) {
    const code = problems.some((p) => p.code === 'empty_cohort') ? EMPTY_COHORT : INVALID_COHORT;
    throw rulesError(code, `Cohort ${which.toUpperCase()} ('${side.name}')`, problems.map((p) => ({ ...p, path: `${which}.${p.path}` })));
  }
  return compileCohort(definition, await cohortOptions(scope));
}

function nobody(name: string, population: number): string {
  return `Cohort '${name}' matches nobody among the ${population} people counted, so there is nothing to compare it with; check its criteria`;
}

/**
 * Compares two cohorts (saved, inline or a preset's) over the latest run's profiles: the size of each,
 * how many are in A only, B only and both, and a page of the people in A and not B (or in both).
 */
export async function compareCohortsFor(scope: Scope, request: ComparisonRequest): Promise<CohortComparisonView> {
  requireAnalyticsUse(scope);
  let a = request.a, b = request.b, show = request.show;
  if (request.preset !== undefined) {
    const preset = comparisonPresets().find((p) => p.key === request.preset);
    if (!preset) throw notFound('SEAMLESS_ERR_ANALYTICS_UNKNOWN_PRESET', `There is no comparison called '${request.preset}'; see GET /api/analytics/cohort-comparisons/presets.`);
    a = preset.a;
    b = preset.b;
    show ??= preset.show;
  }
  if (a === undefined || b === undefined) {
    throw new SeamlessError('SEAMLESS_ERR_ANALYTICS_COMPARISON_SIDES', 400, 'Give two cohorts to compare (a and b: a saved cohort id, or a name and criteria), or a preset.');
  }
  const [cohortA, cohortB] = [await resolveSide(scope, a, 'a'), await resolveSide(scope, b, 'b')];
  const profiles = await loadRunProfiles(scope.db);
  const view = (sizeA: number, sizeB: number, onlyA: number, onlyB: number, both: number) => ({
    a: { name: cohortA.name, size: countFor(scope, sizeA) }, b: { name: cohortB.name, size: countFor(scope, sizeB) },
    counts: { onlyA: countFor(scope, onlyA), onlyB: countFor(scope, onlyB), both: countFor(scope, both) },
  });
  if (!profiles) {
    await auditAggregate(scope, COHORT_RESOURCE, 'comparison: no stratification yet');
    return { ...view(0, 0, 0, 0, 0), people: [], messages: ['The place has not been stratified yet, so there is nobody to compare: run seamless stratify first'] };
  }

  const excluded = await aggregateExclusions(scope, profiles);
  const columns = profiles.columns;
  const inA = cohortRows(profiles, cohortA), inB = cohortRows(profiles, cohortB);
  const onlyA: number[] = [], onlyB: number[] = [], both: number[] = [];
  const counted = (i: number) => excluded.size === 0 || !excluded.has(columns.personId(i));
  let x = 0, y = 0;
  while (x < inA.length || y < inB.length) {
    const ra = x < inA.length ? inA[x]! : Number.POSITIVE_INFINITY;
    const rb = y < inB.length ? inB[y]! : Number.POSITIVE_INFINITY;
    const row = Math.min(ra, rb);
    const list = ra === rb ? both : ra < rb ? onlyA : onlyB;
    if (ra === row) x++;
    if (rb === row) y++;
    if (counted(row)) list.push(row);
  }
  let population = 0;
  for (let i = 0; i < columns.length; i++) if (counted(i)) population++;
  const messages: string[] = [];
  if (population === 0) messages.push('There are no people to compare the cohorts over');
  else {
    if (onlyA.length + both.length === 0) messages.push(nobody(cohortA.name, population));
    if (onlyB.length + both.length === 0) messages.push(nobody(cohortB.name, population));
  }

  const wanted = (show ?? 'onlyA') === 'both' ? both : onlyA;
  const people = await listPeople(scope, profiles, wanted, request.limit);
  await auditListed(scope, people.map((p) => p.personId), {
    action: 'search', resource: COHORT_RESOURCE, detail: `comparison: ${show === 'both' ? 'in both' : 'in A and not B'} of '${cohortA.name}' and '${cohortB.name}'`,
  });
  return { ...view(onlyA.length + both.length, onlyB.length + both.length, onlyA.length, onlyB.length, both.length), people: people.map((p) => p.ref), messages };
}

/** The first `limit` people of the rows whom the actor may see (for direct care, the access predicate in the query that finds them). */
async function listPeople(scope: Scope, profiles: RunProfiles, rows: readonly number[], limit: number) {
  const columns = profiles.columns;
  const listed = (i: number): ListedPerson => {
    const f = columns.facts.facts(i);
    return { personId: f.personId, age: f.age, sex: f.sex, gpPracticeCode: f.gpPracticeCode, localityCode: f.localityCode };
  };
  if (isPlanning(scope)) return toPersonRefs(scope, rows.slice(0, limit).map(listed));
  // Direct care sees the people it has a relationship with: a practice's list or a caseload, read once.
  const visible = new Set(await listProfileIdsWhere(scope.db, listVisibility(scope, 'person_facts.person_id')));
  const chosen: number[] = [];
  for (const i of rows) {
    if (chosen.length === limit) break;
    if (visible.has(columns.personId(i))) chosen.push(i);
  }
  return toPersonRefs(scope, chosen.map(listed));
}

import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../../../kernel/access/scope.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { inValueList } from '../../../kernel/db/value-list.ts';
import { notFound, SeamlessError } from '../../../kernel/errors.ts';
import { findTeamPopulation, teamCaseloadPredicate, type TeamPopulation } from '../../governance/index.ts';
import type { ScoreFactor, ScoreResult } from '../domain/score-result.ts';
import type { TriggerHit } from '../domain/triggers/find-cases.ts';
import { DEFAULT_TRIGGER_RULES, type TriggerRuleSet } from '../domain/triggers/trigger-rules.ts';
import type { CaseFindingView } from '../domain/views.ts';
import { countScreened, listCaseFindingRows } from '../store/case-finding.repository.ts';
import { findLatestRun } from '../store/stratification.repository.ts';
import { findLatestRuleSet } from '../store/versions.repository.ts';
import { auditListed, countFor, isPlanning, listVisibility, requireAnalyticsUse, toPersonRefs, ANALYTICS_NOT_PERMITTED } from './analytics-access.ts';
import { toRunView } from './runs.service.ts';

/**
 * A team's case-finding list: the stored case-finding entries (the trigger rules each person met on
 * the latest stratification that computed them), restricted in the query to
 *  1. the team's population (governance's findTeamPopulation): people registered with the team's GP
 *     practices (its host practice, or the practices in its locality) and people on its open
 *     caseload; and
 *  2. the people the actor may see (analytics-access.ts listVisibility): for direct care, people with
 *     whom they have a care relationship or break-glass (a member of a neighbourhood team sees the
 *     team's caseload and, through their own practice, its patients); for planning, everyone but
 *     persons with the national data opt-out.
 * Direct care asks for one of their own teams (their first when none is named) and sees identities;
 * planning may ask for any team, or none for the whole place, and sees pseudonymised keys. Each
 * entry carries the rules met, in plain words, and the top factors of the person's predicted risk.
 * Every person listed is audited.
 */
export const CASE_FINDING_RESOURCE = 'analytics.case_finding';
/** Factors of the predicted risk shown per entry (largest effect first). */
export const RISK_FACTORS_SHOWN = 5;

export interface CaseFindingQuery {
  team?: string | undefined;
  limit: number;
}

async function chooseTeam(scope: Scope, asked: string | undefined): Promise<TeamPopulation | undefined> {
  const actor = scope.actor;
  let code = asked;
  if (!isPlanning(scope)) {
    if (code === undefined) code = actor.teamCodes[0];
    if (code === undefined) {
      await scope.audit.record(actor, [{ action: 'search', resource: CASE_FINDING_RESOURCE, outcome: 'denied', detail: 'not a member of any team' }]);
      throw new SeamlessError(ANALYTICS_NOT_PERMITTED, 403, 'Case-finding lists are for teams, and you are not a member of a team.');
    }
    if (!actor.teamCodes.includes(code)) {
      await scope.audit.record(actor, [{ action: 'search', resource: CASE_FINDING_RESOURCE, outcome: 'denied', detail: `team ${code}: not a member` }]);
      throw new SeamlessError(ANALYTICS_NOT_PERMITTED, 403, `You can see the case-finding lists of your own teams (${actor.teamCodes.join(', ')}), not ${code}'s.`);
    }
  }
  if (code === undefined) return undefined;
  const team = await findTeamPopulation(scope.db, code);
  if (!team) throw notFound('SEAMLESS_ERR_ANALYTICS_UNKNOWN_TEAM', `There is no team with the code '${code}'.`);
  return team;
}

/** The team's population over person_facts and a person id column (see the module comment). */
function teamPopulation(scope: Scope, team: TeamPopulation, personIdColumn: string): RawBuilder<boolean> {
  const dialect = 'dialect' in scope.db ? scope.db.dialect : scope.db.db.dialect;
  const caseload = teamCaseloadPredicate(personIdColumn, team.code, todayIso());
  if (team.practiceCodes.length === 0) return caseload;
  return sql<boolean>`(${inValueList(dialect, sql.ref('person_facts.gp_practice_code'), team.practiceCodes)} or ${caseload})`;
}

function ruleSetView(rules: TriggerRuleSet, version: string): CaseFindingView['ruleSet'] {
  return { version, label: rules.label, rules: rules.rules.map((r) => ({ key: r.key, label: r.label })) };
}

/** The predicted risk's factors that weigh most, from a person's stored scores (JSON ScoreResult[]). */
function topRiskFactors(scores: string | null): ScoreFactor[] {
  if (scores === null) return [];
  const factors = (JSON.parse(scores) as ScoreResult[]).find((s) => s.name === 'emergency_admission_risk')?.factors ?? [];
  return factors.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, RISK_FACTORS_SHOWN);
}

export async function getCaseFinding(scope: Scope, query: CaseFindingQuery): Promise<CaseFindingView> {
  requireAnalyticsUse(scope);
  const team = await chooseTeam(scope, query.team);
  const teamView = team ? { code: team.code, name: team.name } : null;
  const saved = await findLatestRuleSet(scope.db, 'triggers');
  const ruleSet = saved ? ruleSetView(JSON.parse(saved.rules) as TriggerRuleSet, saved.version) : ruleSetView(DEFAULT_TRIGGER_RULES, 'none');
  const run = await findLatestRun(scope.db);
  const detail = team ? `team ${team.code}` : 'the whole place';
  if (!run) {
    await auditListed(scope, [], { action: 'search', resource: CASE_FINDING_RESOURCE, detail: `${detail}: no stratification yet` });
    return { run: null, team: teamView, ruleSet, screened: 0, entries: [] };
  }

  const [rows, screened] = await Promise.all([
    listCaseFindingRows(scope.db, {
      visible: listVisibility(scope, 'case_finding_entry.person_id'),
      population: team ? teamPopulation(scope, team, 'case_finding_entry.person_id') : undefined,
      limit: query.limit,
    }),
    countScreened(scope.db, listVisibility(scope, 'person_facts.person_id'), team ? teamPopulation(scope, team, 'person_facts.person_id') : undefined),
  ]);
  const refs = await toPersonRefs(scope, rows);
  const byId = new Map(rows.map((r) => [r.personId, r]));
  const entries = refs.map(({ ref, personId }) => {
    const row = byId.get(personId)!;
    return {
      person: ref,
      rulesMet: (JSON.parse(row.rulesMet) as TriggerHit[]).map((hit) => ({ key: hit.key, label: hit.label, explanation: hit.explanation })),
      riskValue: row.riskValue,
      riskPercentile: row.riskPercentile,
      segment: row.segment,
      riskFactors: topRiskFactors(row.scores),
    };
  });
  await auditListed(scope, refs.map((r) => r.personId), { action: 'search', resource: CASE_FINDING_RESOURCE, detail });
  return { run: toRunView(run), team: teamView, ruleSet, screened: countFor(scope, screened), entries };
}

import type { Scope } from '../../../kernel/access/scope.ts';
import { findPersonIdByNhsNumber, requireCareRelationship } from '../../population/index.ts';
import { SCORE_NAMES } from '../domain/criteria/criteria-fields.ts';
import type { ScoreFactor, ScoreName, ScoreResult } from '../domain/score-result.ts';
import type { PersonScoresView } from '../domain/views.ts';
import { findStoredSegment } from '../store/person-facts.repository.ts';
import { findPersonScores } from '../store/stratification.repository.ts';
import { segmentLabels } from './criteria-fields.service.ts';

/** A stored score as the CLI and API show it. */
export interface PersonScore {
  name: ScoreName;
  value: number;
  band: string | null;
  version: string;
  /** When it was computed (ISO instant). */
  computedAt: string;
  /** The date the facts it was computed from hold on. */
  asOf: string;
  factors: ScoreFactor[];
}

export interface PersonScores {
  nhsNumber: string;
  scores: PersonScore[];
}

export const PERSON_SCORES_RESOURCE = 'analytics.person_score';

const ORDER = new Map<string, number>(SCORE_NAMES.map((name, i) => [name, i]));

/**
 * A person's latest scores, found by NHS number, in the order hfrs, efi, charlson, charlson_quan, lace,
 * emergency_admission_risk (a score that was not computed for them is absent). Scores say what the
 * person's records say, so they are shown only to an actor with a care relationship with the person
 * (population's requireCareRelationship); the read is audited like a record read.
 */
export async function getPersonScores(scope: Scope, nhsNumber: string): Promise<PersonScores> {
  const id = await findPersonIdByNhsNumber(scope, nhsNumber);
  const found = await readPersonScores(scope, id);
  return { nhsNumber: found.nhsNumber ?? nhsNumber, scores: found.scores };
}

/**
 * The same, by person id, with the person's segment: what the person page shows (GET
 * /api/analytics/persons/:id/scores). The same access rule and audit as getPersonScores.
 */
export async function getPersonScoresView(scope: Scope, personId: number): Promise<PersonScoresView> {
  const found = await readPersonScores(scope, personId);
  const stored = await findStoredSegment(scope.db, personId);
  let segment: PersonScoresView['segment'] = null;
  if (stored) segment = { key: stored.segment, label: (await segmentLabels(scope)).get(stored.segment) ?? stored.segment };
  return {
    personId,
    asOf: found.scores[0]?.asOf ?? stored?.asOf ?? null,
    segment,
    scores: found.scores.map(({ asOf: _asOf, ...score }) => score),
  };
}

async function readPersonScores(scope: Scope, id: number): Promise<{ nhsNumber: string | null; scores: PersonScore[] }> {
  const person = await requireCareRelationship(scope, id, PERSON_SCORES_RESOURCE);
  const stored = await findPersonScores(scope.db, id);
  await scope.audit.record(scope.actor, [{ action: 'read', resource: PERSON_SCORES_RESOURCE, personId: id, outcome: 'allowed' }]);
  const results = stored ? (JSON.parse(stored.scores) as ScoreResult[]) : [];
  const scores = results
    .filter((r) => ORDER.has(r.name))
    .sort((a, b) => ORDER.get(a.name)! - ORDER.get(b.name)!)
    .map((r) => ({
      name: r.name, value: r.value, band: r.band, version: r.version, computedAt: stored!.computedAt, asOf: stored!.asOf, factors: r.factors,
    }));
  return { nhsNumber: person.nhsNumber, scores };
}

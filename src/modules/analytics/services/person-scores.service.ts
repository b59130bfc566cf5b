import type { Scope } from '../../../kernel/access/scope.ts';
import { findPersonIdByNhsNumber, requireCareRelationship } from '../../population/index.ts';
import { SCORE_NAMES } from '../domain/criteria/criteria-fields.ts';
import type { ScoreFactor, ScoreName } from '../domain/score-result.ts';
import { listPersonScores } from '../store/stratification.repository.ts';

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
  const person = await requireCareRelationship(scope, id, PERSON_SCORES_RESOURCE);
  const rows = await listPersonScores(scope.db, id);
  await scope.audit.record(scope.actor, [{ action: 'read', resource: PERSON_SCORES_RESOURCE, personId: id, outcome: 'allowed' }]);
  const scores = rows
    .filter((r) => ORDER.has(r.name))
    .sort((a, b) => ORDER.get(a.name)! - ORDER.get(b.name)!)
    .map((r) => ({
      name: r.name as ScoreName, value: r.value, band: r.band, version: r.version, computedAt: r.computedAt, asOf: r.asOf,
      factors: JSON.parse(r.factors) as ScoreFactor[],
    }));
  return { nhsNumber: person.nhsNumber ?? nhsNumber, scores };
}

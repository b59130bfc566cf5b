import type { Scope } from '../../../kernel/access/scope.ts';
import { notFound, SeamlessError } from '../../../kernel/errors.ts';
import { findVisiblePerson } from '../store/person-query.repository.ts';
import { careRelationshipPredicate, requireIdentifiableAccess } from './access-checks.ts';

/**
 * For other modules that show something derived from a person's records (population analytics'
 * scores): the person's id and NHS number when the actor may read that person's care records, that
 * is when they may find the person and have a care relationship (or break-glass) with them, the same
 * test the person page applies before showing any record. Otherwise the refusal is audited under
 * `resource` and thrown: a person the actor may not find is answered exactly as one that does not
 * exist; one without a relationship gets a 403 that says why.
 */
export async function requireCareRelationship(scope: Scope, personId: number, resource: string): Promise<{ personId: number; nhsNumber: string | null }> {
  requireIdentifiableAccess(scope);
  const found = await findVisiblePerson(scope.db, personId, scope.access.personVisible('person.id', 'demographics'), careRelationshipPredicate(scope));
  if (!found) {
    await scope.audit.record(scope.actor, [{ action: 'read', resource, outcome: 'denied', detail: `person id ${personId}: not found or no access` }]);
    throw notFound('SEAMLESS_ERR_POPULATION_PERSON_NOT_FOUND', `No person with the id ${personId} is in the records you may see.`);
  }
  if (!found.related) {
    await scope.audit.record(scope.actor, [{ action: 'read', resource, personId, outcome: 'denied', detail: 'no care relationship' }]);
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_NO_CARE_RELATIONSHIP', 403,
      'You have no care relationship with this person, so what their records say is not shown. In an emergency you can open their record with break-glass, giving a reason; this is reviewed by information governance.');
  }
  return { personId, nhsNumber: found.person.nhsNumber ?? null };
}

import { CARE_RECORD_CATEGORIES } from '../../../kernel/access/actor.ts';
import type { Scope } from '../../../kernel/access/scope.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import type { RawBuilder } from 'kysely';

/** Identifiable person routes are for direct care; planning and administration roles get a clear refusal. */
export function requireIdentifiableAccess(scope: Scope): void {
  if (!scope.access.identifiable) {
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_NOT_FOR_PURPOSE', 403,
      scope.actor.purpose === 'planning'
        ? 'Planning roles see pseudonymised and aggregate data only, not identifiable person records.'
        : 'Your role does not read identifiable person records.');
  }
}

export interface CareAccess {
  /** A care relationship (or break-glass) lets the actor read this person's records, category by category. */
  related: boolean;
  /** Why records are missing when they are: no relationship (break-glass is the way in) or a role that reads none. */
  note: string | null;
  /** The person has an active objection or category restriction (rows then need the per-row check). */
  objections: boolean;
}

const NO_RELATIONSHIP = 'You have no care relationship with this person, so their records are not shown. In an emergency you can open them with break-glass, giving a reason; this is reviewed by information governance.';

/**
 * The care relationship predicate for one person's records, checked once per request (with the
 * person look-up), so row queries need only the cheaper source predicate.
 */
export function careRelationshipPredicate(scope: Scope): RawBuilder<boolean> {
  return scope.access.careRelationship('person.id');
}

/** What the person look-up found out, as the record and timeline need it. */
export function careAccess(scope: Scope, found: { related: boolean; objections: boolean }): CareAccess {
  if (!CARE_RECORD_CATEGORIES.some((c) => scope.access.canRead(c))) return { related: false, note: 'Your role does not read care records.', objections: true };
  return { related: found.related, objections: found.objections, note: found.related ? null : NO_RELATIONSHIP };
}

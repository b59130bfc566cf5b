import type { DataCategory } from '../../../kernel/access/actor.ts';
import type { Scope } from '../../../kernel/access/scope.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { isPersonVisible } from '../store/person-query.repository.ts';

/** Identifiable person routes are for direct care; planning and administration roles get a clear refusal. */
export function requireIdentifiableAccess(scope: Scope): void {
  if (!scope.access.identifiable) {
    throw new SeamlessError('SEAMLESS_ERR_POPULATION_NOT_FOR_PURPOSE', 403,
      scope.actor.purpose === 'planning'
        ? 'Planning roles see pseudonymised and aggregate data only, not identifiable person records.'
        : 'Your role does not read identifiable person records.');
  }
}

const RECORD_CATEGORIES: DataCategory[] = ['primary_care', 'acute', 'community', 'social_care', 'urgent_care', 'mental_health'];

export interface CareAccess {
  /** A care relationship (or break-glass) lets the actor read this person's records, category by category. */
  related: boolean;
  /** Why records are missing when they are: no relationship (break-glass is the way in) or a role that reads none. */
  note: string | null;
}

/** Checks the relationship once per request, so row queries need only the cheaper source predicate. */
export async function checkCareAccess(scope: Scope, personId: number): Promise<CareAccess> {
  const category = RECORD_CATEGORIES.find((c) => scope.access.canRead(c));
  if (!category) return { related: false, note: 'Your role does not read care records.' };
  const related = await isPersonVisible(scope.db, personId, scope.access.personVisible('person.id', category));
  return related ? { related, note: null } : { related, note: 'You have no care relationship with this person, so their records are not shown. In an emergency you can open them with break-glass, giving a reason; this is reviewed by information governance.' };
}

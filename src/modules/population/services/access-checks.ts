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

/**
 * Why a person's records may be missing from what the actor sees: found at the front door but no care
 * relationship (break-glass is the way in an emergency), or a role that reads no records.
 */
export async function relationshipNote(scope: Scope, personId: number): Promise<string | null> {
  const category = RECORD_CATEGORIES.find((c) => scope.access.canRead(c));
  if (!category) return 'Your role does not read care records.';
  const related = await isPersonVisible(scope.db, personId, scope.access.personVisible('person.id', category));
  return related ? null : 'You have no care relationship with this person, so their records are not shown. In an emergency you can open them with break-glass, giving a reason; this is reviewed by information governance.';
}

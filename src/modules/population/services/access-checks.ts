import type { DataCategory } from '../../../kernel/access/actor.ts';
import type { Scope } from '../../../kernel/access/scope.ts';
import { SeamlessError } from '../../../kernel/errors.ts';
import { sql } from 'kysely';
import { isPersonVisible } from '../store/person-query.repository.ts';

/** One indexed probe: does the person have an active objection to sharing or a category restriction? */
async function hasActiveObjection(scope: Scope, personId: number): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one from person_consent where person_id = ${personId}
    and withdrawn_at is null and kind in ('objection_to_sharing', 'restrict_category') limit 1`.execute(scope.db.kysely);
  return result.rows.length > 0;
}

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
  /** The person has an active objection or category restriction (rows then need the per-row check). */
  objections: boolean;
}

/** Checks the relationship once per request, so row queries need only the cheaper source predicate. */
export async function checkCareAccess(scope: Scope, personId: number): Promise<CareAccess> {
  const category = RECORD_CATEGORIES.find((c) => scope.access.canRead(c));
  if (!category) return { related: false, note: 'Your role does not read care records.', objections: true };
  const [related, objections] = await Promise.all([
    isPersonVisible(scope.db, personId, scope.access.personVisible('person.id', category)),
    hasActiveObjection(scope, personId),
  ]);
  return related ? { related, note: null, objections } : { related, objections, note: 'You have no care relationship with this person, so their records are not shown. In an emergency you can open them with break-glass, giving a reason; this is reviewed by information governance.' };
}

import type { Scope } from '../../../kernel/access/scope.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { suppressCount } from '../../governance/index.ts';
import { activityVisible } from '../store/activity-access.ts';
import { countPlace } from '../store/place-summary.repository.ts';
import type { PlaceSummary } from '../domain/place-counts.ts';

export type { PlaceSummary };

/**
 * Headline figures of the place. Aggregates; for planning roles they leave out persons who opted out
 * and show small locality counts as "<8".
 */
export async function summarisePlace(scope: Scope, asOf: string = todayIso()): Promise<PlaceSummary> {
  const planning = scope.actor.purpose === 'planning';
  const counts = await countPlace(scope.db, asOf, planning
    ? { person: scope.access.personVisible('person.id', 'demographics'), activity: (kind) => activityVisible(scope.access, kind) }
    : undefined);
  return {
    asOf,
    ...counts,
    localities: counts.localities.map((l) => ({ ...l, people: planning ? suppressCount(l.people) : l.people })),
    suppressed: planning,
  };
}

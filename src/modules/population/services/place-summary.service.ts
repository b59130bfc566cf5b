import type { Scope } from '../../../kernel/access/scope.ts';
import { todayIso } from '../../../kernel/dates.ts';
import { suppressCount, type SuppressedCount } from '../../governance/index.ts';
import { activityVisible } from '../store/activity-access.ts';
import { countPlace, type PlaceCounts } from '../store/place-summary.repository.ts';

export interface PlaceSummary extends Omit<PlaceCounts, 'localities'> {
  asOf: string;
  localities: { code: string; name: string; people: SuppressedCount }[];
  /** True for planning roles: persons with the national data opt-out are left out and small counts suppressed. */
  suppressed: boolean;
}

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

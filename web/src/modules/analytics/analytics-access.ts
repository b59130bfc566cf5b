import type { Actor } from '../../../../src/kernel/access/actor.ts';

/**
 * Who may use which population health screens, from the signed-in actor's purpose (the API still
 * decides; a screen that gets a 403 says so). Planning users (analysts, commissioners) see the
 * place on pseudonymised keys with small counts suppressed; direct-care users see the people the
 * access rules let them see, and find cases for their own teams.
 */
export type AnalyticsActor = Pick<Actor, 'purpose' | 'teamCodes'>;

export const mayUseAnalytics = (actor: AnalyticsActor) => actor.purpose === 'planning' || actor.purpose === 'direct_care';

/** Case finding is for a direct-care user's teams; planning users see the place's list on keys. */
export const mayUseCaseFinding = (actor: AnalyticsActor) =>
  actor.purpose === 'planning' || (actor.purpose === 'direct_care' && actor.teamCodes.length > 0);

/** Direct care sees names and links to the person page; planning sees keys. */
export const seesIdentities = (actor: AnalyticsActor) => actor.purpose === 'direct_care';

export interface AnalyticsSection {
  to: string;
  label: string;
}

/** The population health screens this actor may use, in the order of the section's navigation. */
export function analyticsSections(actor: AnalyticsActor): AnalyticsSection[] {
  if (!mayUseAnalytics(actor)) return [];
  return [
    { to: '/analytics', label: 'Dashboard' },
    ...(mayUseCaseFinding(actor) ? [{ to: '/analytics/case-finding', label: 'Case finding' }] : []),
    { to: '/analytics/cohorts', label: 'Cohorts' },
    { to: '/analytics/evaluation', label: 'Evaluation' },
  ];
}

/** The team to find cases for: the one asked for when it is one of the actor's, else their first; none for planning. */
export function chooseTeam(actor: AnalyticsActor, asked: string | null | undefined): string | undefined {
  if (actor.purpose !== 'direct_care') return undefined;
  if (asked && actor.teamCodes.includes(asked)) return asked;
  return actor.teamCodes[0];
}

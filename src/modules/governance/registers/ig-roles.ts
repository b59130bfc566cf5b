/**
 * Who may use the IG registers, by role (the role names of domain/organisation.ts STAFF_ROLES).
 * Pure, so screens can hide what the API would refuse.
 *
 * - IG lead and administrator manage agreements, review break-glass, search the audit log and
 *   produce a person's access log.
 * - Care roles record and withdraw consents and objections for a person, and may open break-glass.
 *   IG leads and administrators manage consents too (the IG consent screen).
 * - Anyone signed in may read the agreements register.
 */
export const IG_MANAGER_ROLES: readonly string[] = ['ig_lead', 'administrator'];
export const CARE_ROLES: readonly string[] = [
  'spa_call_handler', 'triage_clinician', 'care_coordinator', 'social_worker', 'gp', 'community_nurse', 'occupational_therapist', 'link_worker',
];

export const mayManageAgreements = (role: string) => IG_MANAGER_ROLES.includes(role);
export const mayReviewBreakGlass = (role: string) => IG_MANAGER_ROLES.includes(role);
export const maySearchAudit = (role: string) => IG_MANAGER_ROLES.includes(role);
export const mayManageConsents = (role: string) => CARE_ROLES.includes(role) || IG_MANAGER_ROLES.includes(role);
export const mayOpenBreakGlass = (role: string) => CARE_ROLES.includes(role);

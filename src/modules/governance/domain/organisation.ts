/** The kinds of partner in a place, and the kinds of relationship a team can have with a person. */
export const ORGANISATION_TYPES = [
  'council', 'icb', 'acute_trust', 'community_trust', 'mental_health_trust', 'ambulance_trust',
  'gp_practice', 'care_provider', 'voluntary_organisation',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const STAFF_ROLES = [
  'spa_call_handler', 'triage_clinician', 'care_coordinator', 'social_worker', 'gp', 'community_nurse',
  'occupational_therapist', 'link_worker', 'commissioner', 'analyst', 'ig_lead', 'administrator',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A care relationship is what makes direct-care access legitimate (see the governance issue). */
export const CARE_RELATIONSHIP_KINDS = ['case', 'referral', 'episode'] as const;
export type CareRelationshipKind = (typeof CARE_RELATIONSHIP_KINDS)[number];

export interface Organisation { code: string; name: string; type: OrganisationType; localityCode?: string | undefined; postcode?: string | undefined }
export interface Team { code: string; name: string; hostOrgCode: string; service: string; localityCode?: string | undefined }
export interface Staff { id: string; givenName: string; familyName: string; employerOrgCode: string; role: StaffRole; teamCodes: string[] }
export interface CareRelationship {
  personId: number; teamCode: string; kind: CareRelationshipKind; openedOn: string; closedOn?: string | undefined; keyWorkerStaffId?: string | undefined;
}

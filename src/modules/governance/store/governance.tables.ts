export interface OrganisationTable { code: string; name: string; org_type: string; locality_code: string | null; postcode: string | null }
export interface TeamTable { code: string; name: string; host_org_code: string; service: string; locality_code: string | null }
export interface StaffTable { id: string; given_name: string; family_name: string; employer_org_code: string; role: string; created_at?: string }
export interface TeamMemberTable { team_code: string; staff_id: string }
export interface CareRelationshipTable {
  person_id: number; team_code: string; kind: string; opened_on: string; closed_on: string | null; key_worker_staff_id: string | null;
}
export interface GovernanceTables {
  organisation: OrganisationTable;
  team: TeamTable;
  staff: StaffTable;
  team_member: TeamMemberTable;
  care_relationship: CareRelationshipTable;
}

import type { Actor, Purpose } from '../../../kernel/access/actor.ts';
import type { Database, Tx } from '../../../kernel/db/database.ts';
import { tables } from '../../../kernel/db/database.ts';
import type { GovernanceTables } from '../store/governance.tables.ts';
import { isReadOnlyOrganisationType } from '../domain/access-policy.ts';
import { findTeamCodes } from './session.repository.ts';

/**
 * The purpose a signed-in user acts for by default: analysts and commissioners plan (pseudonymised
 * data and aggregates only), IG leads and administrators administer, everyone else gives direct care.
 */
export function defaultPurposeForRole(role: string): Purpose {
  if (role === 'analyst' || role === 'commissioner') return 'planning';
  if (role === 'ig_lead' || role === 'administrator') return 'administration';
  return 'direct_care';
}

export interface StaffForActor { id: string; givenName: string; familyName: string; employerOrgCode: string; role: string; employerOrgType?: string | null | undefined }

export function actorFromStaff(staff: StaffForActor, teamCodes: readonly string[]): Actor {
  return {
    id: staff.id,
    displayName: `${staff.givenName} ${staff.familyName}`.trim(),
    orgCode: staff.employerOrgCode,
    role: staff.role,
    teamCodes: [...teamCodes],
    purpose: defaultPurposeForRole(staff.role),
    channel: 'session',
    readOnly: isReadOnlyOrganisationType(staff.employerOrgType),
  };
}

/** The actor a staff member signs in as, or undefined when there is no such staff member. */
export async function loadActorForStaff(db: Database | Tx, staffId: string): Promise<Actor | undefined> {
  const staff = await tables<GovernanceTables>(db).selectFrom('staff')
    .leftJoin('organisation', 'organisation.code', 'staff.employer_org_code')
    .select(['staff.id', 'staff.given_name', 'staff.family_name', 'staff.employer_org_code', 'staff.role', 'organisation.org_type'])
    .where('staff.id', '=', staffId).executeTakeFirst();
  if (!staff) return undefined;
  const teams = await findTeamCodes(db, staffId);
  return actorFromStaff({ id: staff.id, givenName: staff.given_name, familyName: staff.family_name, employerOrgCode: staff.employer_org_code, role: staff.role, employerOrgType: staff.org_type }, teams);
}

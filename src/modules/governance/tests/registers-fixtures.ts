import type { Actor } from '../../../kernel/access/actor.ts';
import { withTransaction, type Database } from '../../../kernel/db/database.ts';
import { allocatePersonIds, insertIdentifiers, insertPersons } from '../../population/index.ts';
import { createAccessFilter, insertOrganisations, insertStaff, insertTeams, recordCareRelationships } from '../index.ts';
import type { Scope } from '../../../kernel/access/scope.ts';
import { createAuditWriter, type AuditWriter } from '../audit/index.ts';

/** A small place for the IG register tests: four organisations, five staff, two persons. */
export const ORGS = { council: 'LA1', acute: 'RR8', community: 'RY6', practice: 'B82001', careHome: 'VNQ01' } as const;

const actor = (id: string, orgCode: string, role: string, purpose: Actor['purpose'] = 'direct_care'): Actor =>
  ({ id, displayName: id, orgCode, role, teamCodes: [], purpose, channel: 'session' });

export const STAFF = {
  igLead: actor('S-IG1', ORGS.council, 'ig_lead', 'administration'),
  igLead2: actor('S-IG2', ORGS.acute, 'ig_lead', 'administration'),
  nurse: { ...actor('S-N1', ORGS.community, 'community_nurse'), teamCodes: ['T-DN'] },
  gp: actor('S-GP1', ORGS.practice, 'gp'),
  analyst: actor('S-AN1', ORGS.council, 'analyst', 'planning'),
  /** A council link worker with no team: no care relationship with anyone. */
  linkWorker: actor('S-LW1', ORGS.council, 'link_worker'),
  /** A care home's care coordinator: a read-only partner. */
  careHome: { ...actor('S-CH1', ORGS.careHome, 'care_coordinator'), teamCodes: ['T-DN'], readOnly: true },
} as const;

export interface IgPlace { ada: number; bert: number; writer: AuditWriter; scope(actor: Actor): Scope }

export async function seedIgPlace(db: Database): Promise<IgPlace> {
  const [ada, bert] = await withTransaction(db, async (tx) => {
    await insertOrganisations(tx, [
      { code: ORGS.council, name: 'Northshire Council', type: 'council' },
      { code: ORGS.acute, name: 'Northshire Hospitals', type: 'acute_trust' },
      { code: ORGS.community, name: 'Northshire Community Health', type: 'community_trust' },
      { code: ORGS.practice, name: 'Riverside Surgery', type: 'gp_practice' },
      { code: ORGS.careHome, name: 'Willow Court Care Home', type: 'care_provider' },
    ]);
    await insertTeams(tx, [{ code: 'T-DN', name: 'District nursing', hostOrgCode: ORGS.community, service: 'community_nursing' }]);
    await insertStaff(tx, [
      { id: STAFF.igLead.id, givenName: 'Ivy', familyName: 'Grant', employerOrgCode: ORGS.council, role: 'ig_lead', teamCodes: [] },
      { id: STAFF.igLead2.id, givenName: 'Ian', familyName: 'Gould', employerOrgCode: ORGS.acute, role: 'ig_lead', teamCodes: [] },
      { id: STAFF.nurse.id, givenName: 'Nina', familyName: 'Nurse', employerOrgCode: ORGS.community, role: 'community_nurse', teamCodes: ['T-DN'] },
      { id: STAFF.gp.id, givenName: 'Gail', familyName: 'Practitioner', employerOrgCode: ORGS.practice, role: 'gp', teamCodes: [] },
      { id: STAFF.analyst.id, givenName: 'Alan', familyName: 'Lyst', employerOrgCode: ORGS.council, role: 'analyst', teamCodes: [] },
      { id: STAFF.linkWorker.id, givenName: 'Lee', familyName: 'Worker', employerOrgCode: ORGS.council, role: 'link_worker', teamCodes: [] },
      { id: STAFF.careHome.id, givenName: 'Cara', familyName: 'Holmes', employerOrgCode: ORGS.careHome, role: 'care_coordinator', teamCodes: ['T-DN'] },
    ]);
    const ids = (await allocatePersonIds(tx, 2)) as [number, number];
    await insertPersons(tx, [
      { id: ids[0], nhsNumber: '9434765919', givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1936-12-10', sex: '2', gpPracticeCode: ORGS.practice },
      { id: ids[1], nhsNumber: '9434765870', givenName: 'Bert', familyName: 'Lovell', dateOfBirth: '1950-03-01', sex: '1', gpPracticeCode: ORGS.practice },
    ]);
    await insertIdentifiers(tx, [
      { system: 'nhs-number', value: '9434765919', personId: ids[0], matchMethod: 'nhs_number' },
      { system: 'nhs-number', value: '9434765870', personId: ids[1], matchMethod: 'nhs_number' },
    ]);
    // The district nursing team has both on its caseload.
    await recordCareRelationships(tx, ids.map((personId) => ({ personId, teamCode: 'T-DN', kind: 'episode' as const, openedOn: '2026-01-01' })));
    return ids;
  });
  const writer = createAuditWriter(db);
  return { ada, bert, writer, scope: (a) => ({ db, actor: a, audit: writer, access: createAccessFilter(a, [], new Date().toISOString(), db.dialect) }) };
}

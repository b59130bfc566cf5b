import { autocommit, withTransaction, type Database } from '../../../src/kernel/db/database.ts';
import type { Actor } from '../../../src/kernel/access/actor.ts';
import {
  createAgreement, createAuditWriter, createUserAccount, insertOrganisations, insertStaff, insertTeams, loadActorForStaff, recordCareRelationships,
} from '../../../src/modules/governance/index.ts';
import { daysAgo, seedPlace } from './seed-place.ts';

/**
 * The small place of seed-place.ts with its partners, a team, staff who sign in with real accounts,
 * care relationships and data sharing agreements, all made through the governance module's public
 * functions. Cara (care coordinator) has Mabel on her team's caseload but nobody else; Ivy is the
 * IG lead; Sid, a social worker, may not use the IG screens.
 */
export const PASSWORD = 'a long test password for the browser';

export const USERS = {
  cara: { staffId: 'S-CC1', username: 'cara.coordinator', name: 'Cara Coordinator' },
  ivy: { staffId: 'S-IG1', username: 'ivy.grant', name: 'Ivy Grant' },
  sid: { staffId: 'S-SW1', username: 'sid.worker', name: 'Sid Worker' },
} as const;

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

export const EXPIRING_AGREEMENT = 'Hospital discharge pilot';

export async function seedGovernancePlace(db: Database) {
  const ids = await seedPlace(db);
  await withTransaction(db, async (tx) => {
    await insertOrganisations(tx, [
      { code: 'LA1', name: 'Northshire Council', type: 'council' },
      { code: 'RR8', name: 'Northshire Hospitals', type: 'acute_trust' },
      { code: 'RY6', name: 'Northshire Community Health', type: 'community_trust' },
      { code: 'RXG', name: 'Northshire Mental Health', type: 'mental_health_trust' },
      { code: 'RX8', name: 'Regional Ambulance Service', type: 'ambulance_trust' },
      { code: 'NHS111', name: 'NHS 111', type: 'ambulance_trust' },
      { code: 'B82001', name: 'Riverside Surgery', type: 'gp_practice' },
      { code: 'B82002', name: 'Hillside Surgery', type: 'gp_practice' },
    ]);
    await insertTeams(tx, [{ code: 'T-INT', name: 'Eastbrook neighbourhood team', hostOrgCode: 'RY6', service: 'integrated_care' }]);
    await insertStaff(tx, [
      { id: USERS.cara.staffId, givenName: 'Cara', familyName: 'Coordinator', employerOrgCode: 'RY6', role: 'care_coordinator', teamCodes: ['T-INT'] },
      { id: USERS.ivy.staffId, givenName: 'Ivy', familyName: 'Grant', employerOrgCode: 'LA1', role: 'ig_lead', teamCodes: [] },
      { id: USERS.sid.staffId, givenName: 'Sid', familyName: 'Worker', employerOrgCode: 'LA1', role: 'social_worker', teamCodes: [] },
    ]);
  });
  await recordCareRelationships(autocommit(db), [{ personId: ids.mabel, teamCode: 'T-INT', kind: 'case', openedOn: daysAgo(200) }]);
  for (const user of Object.values(USERS)) await createUserAccount(db, { staffId: user.staffId, username: user.username, password: PASSWORD });

  // The agreements are set up by the IG lead through the register, audited as such.
  const writer = createAuditWriter(db);
  const ivy = (await loadActorForStaff(db, USERS.ivy.staffId)) as Actor;
  const scope = { db, actor: ivy, audit: writer };
  await createAgreement(scope, {
    title: 'Northshire integrated care record', legalBasis: 'UK GDPR Art. 6(1)(e) and 9(2)(h); implied consent for direct care',
    purposes: ['direct_care'], dataCategories: ['demographics', 'primary_care', 'acute', 'community', 'mental_health', 'urgent_care', 'social_care'],
    startDate: '2024-04-01', endDate: inDays(400), parties: ['B82001', 'LA1', 'NHS111', 'RR8', 'RX8', 'RXG', 'RY6'],
  });
  await createAgreement(scope, {
    title: EXPIRING_AGREEMENT, legalBasis: 'UK GDPR Art. 6(1)(e) and 9(2)(h)',
    purposes: ['direct_care', 'planning'], dataCategories: ['acute', 'social_care'],
    startDate: daysAgo(340), endDate: inDays(20), parties: ['LA1', 'RR8'],
  });
  await createAgreement(scope, {
    title: 'Falls service evaluation', legalBasis: 'UK GDPR Art. 6(1)(e) and 9(2)(j)',
    purposes: ['planning'], dataCategories: ['acute', 'community'], startDate: '2023-01-01', endDate: daysAgo(30), status: 'ended', parties: ['RR8', 'RY6'],
  });
  await writer.close();
  return ids;
}

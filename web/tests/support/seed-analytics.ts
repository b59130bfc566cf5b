import { sql } from 'kysely';
import { autocommit, type Database } from '../../../src/kernel/db/database.ts';
import type { Actor } from '../../../src/kernel/access/actor.ts';
import { stratifyPlace, type StratifySummary } from '../../../src/modules/analytics/index.ts';
import { createAuditWriter, createDemoUsers, createScope, recordCareRelationships, type DemoUser } from '../../../src/modules/governance/index.ts';
import { generateSyntheticPlace, type GenerateSummary } from '../../../src/modules/population/index.ts';

/**
 * A generated place that has been stratified, for the population health screens: 1,500 people
 * (a few seconds to make and score), the demo accounts (one per role, on the place's own staff) and
 * one stratification run as of the generation date. The care coordinator's team is given the first
 * people of the case-finding list as its caseload, so the team's list is never empty whatever the
 * generator gave it.
 */
export const ANALYTICS_PEOPLE = 1_500;
export const ANALYTICS_SEED = 11;
export const CASELOAD_FROM_LIST = 12;

/** The stratification runs as this local operator (as `seamless stratify` does), audited. */
const OPERATOR: Actor = {
  id: 'operator:browser-test', displayName: 'operator:browser-test', orgCode: 'LOCAL', role: 'care_coordinator', teamCodes: [],
  purpose: 'direct_care', channel: 'cli',
};

export interface AnalyticsPlace {
  place: GenerateSummary;
  run: StratifySummary;
  coordinator: DemoUser & { password: string; team: string };
  analyst: DemoUser & { password: string };
  /** An IG lead: administration, not a population health role. */
  igLead: DemoUser & { password: string };
  /** The people put on the coordinator's team's caseload. */
  caseload: number[];
  /** A GP practice of the place (the smallest by registered people, so planning users see suppressed counts). */
  practice: { code: string; name: string };
}

export async function seedAnalyticsPlace(db: Database): Promise<AnalyticsPlace> {
  const place = await generateSyntheticPlace(db, { people: ANALYTICS_PEOPLE, seed: ANALYTICS_SEED, progress: 'silent' });
  const users = await createDemoUsers(db);
  const coordinator = users.find((u) => u.role === 'care_coordinator');
  const analyst = users.find((u) => u.role === 'analyst');
  const igLead = users.find((u) => u.role === 'ig_lead');
  if (!coordinator?.password || !coordinator.teams[0] || !analyst?.password || !igLead?.password) {
    throw new Error('The generated place has no care coordinator with a team, analyst or IG lead');
  }

  const audit = createAuditWriter(db);
  try {
    const run = await stratifyPlace(await createScope(db, OPERATOR, audit), { asOf: place.today });
    const team = coordinator.teams[0].code;
    const listed = await db.kysely.selectFrom('case_finding_entry').select('person_id')
      .orderBy('rules_met_count', 'desc').orderBy('person_id').limit(CASELOAD_FROM_LIST).execute();
    const caseload = listed.map((r: { person_id: number | string }) => Number(r.person_id));
    await recordCareRelationships(autocommit(db), caseload.map((personId) => ({ personId, teamCode: team, kind: 'case' as const, openedOn: '2026-01-01' })));
    const smallest = await db.kysely.selectFrom('person').innerJoin('organisation', 'organisation.code', 'person.gp_practice_code')
      .select(['organisation.code', 'organisation.name', sql<number>`count(*)`.as('people')])
      .groupBy(['organisation.code', 'organisation.name']).orderBy('people').orderBy('organisation.code').limit(1).executeTakeFirstOrThrow();
    return {
      place, run, caseload, practice: { code: smallest.code, name: smallest.name },
      coordinator: { ...coordinator, password: coordinator.password, team },
      analyst: { ...analyst, password: analyst.password },
      igLead: { ...igLead, password: igLead.password },
    };
  } finally {
    await audit.close();
  }
}

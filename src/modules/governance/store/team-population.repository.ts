import { sql, type RawBuilder } from 'kysely';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { GovernanceTables } from './governance.tables.ts';

/**
 * The population a team serves, for lists that are per team (population analytics' case finding):
 *  - the people registered with the team's GP practices: the practice that hosts the team when a GP
 *    practice does, otherwise every GP practice in the team's locality;
 *  - and the team's open caseload (care relationships not closed before today), wherever they live.
 * A team with neither a host practice nor a locality serves its caseload only. This is whom a team
 * is responsible for finding cases among; it is not an access rule: what an actor may see of those
 * people is still decided by their access filter.
 */
export interface TeamPopulation {
  code: string;
  name: string;
  localityCode: string | null;
  /** GP practice codes whose registered lists the team serves (may be empty). */
  practiceCodes: string[];
}

export async function findTeamPopulation(db: Database | Tx, teamCode: string): Promise<TeamPopulation | undefined> {
  const k = tables<GovernanceTables>(db);
  const team = await k.selectFrom('team').select(['code', 'name', 'host_org_code', 'locality_code']).where('code', '=', teamCode).executeTakeFirst();
  if (!team) return undefined;
  const host = await k.selectFrom('organisation').select(['code', 'org_type']).where('code', '=', team.host_org_code).executeTakeFirst();
  let practiceCodes: string[] = [];
  if (host?.org_type === 'gp_practice') {
    practiceCodes = [host.code];
  } else if (team.locality_code !== null) {
    const rows = await k.selectFrom('organisation').select('code').where('org_type', '=', 'gp_practice').where('locality_code', '=', team.locality_code)
      .orderBy('code').execute();
    practiceCodes = rows.map((r) => r.code);
  }
  return { code: team.code, name: team.name, localityCode: team.locality_code, practiceCodes };
}

/** True for persons (the column holds their id) on the team's open caseload on `today` (ISO date). */
export function teamCaseloadPredicate(personIdColumn: string, teamCode: string, today: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from care_relationship tc where tc.person_id = ${sql.ref(personIdColumn)}
    and tc.team_code = ${teamCode} and (tc.closed_on is null or tc.closed_on >= ${today}))`;
}

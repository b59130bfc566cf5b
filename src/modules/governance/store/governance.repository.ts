import { insertRows, type BulkTable } from '../../../kernel/db/bulk.ts';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import type { CareRelationship, Organisation, Staff, Team } from '../domain/organisation.ts';
import type { GovernanceTables } from './governance.tables.ts';

const ORGANISATION: BulkTable = { table: 'organisation', columns: [['code', 'text'], ['name', 'text'], ['org_type', 'text'], ['locality_code', 'text'], ['postcode', 'text']] };
const TEAM: BulkTable = { table: 'team', columns: [['code', 'text'], ['name', 'text'], ['host_org_code', 'text'], ['service', 'text'], ['locality_code', 'text']] };
const STAFF: BulkTable = { table: 'staff', columns: [['id', 'text'], ['given_name', 'text'], ['family_name', 'text'], ['employer_org_code', 'text'], ['role', 'text']] };
const TEAM_MEMBER: BulkTable = { table: 'team_member', columns: [['team_code', 'text'], ['staff_id', 'text']] };
const CARE_RELATIONSHIP: BulkTable = {
  table: 'care_relationship',
  columns: [['person_id', 'bigint'], ['team_code', 'text'], ['kind', 'text'], ['opened_on', 'text'], ['closed_on', 'text'], ['key_worker_staff_id', 'text']],
};

export async function insertOrganisations(tx: Tx, organisations: readonly Organisation[]): Promise<number> {
  return insertRows(tx, ORGANISATION, organisations.map((o) => [o.code, o.name, o.type, o.localityCode ?? null, o.postcode ?? null]));
}

export async function insertTeams(tx: Tx, teams: readonly Team[]): Promise<number> {
  return insertRows(tx, TEAM, teams.map((t) => [t.code, t.name, t.hostOrgCode, t.service, t.localityCode ?? null]));
}

export async function insertStaff(tx: Tx, staff: readonly Staff[]): Promise<number> {
  const inserted = await insertRows(tx, STAFF, staff.map((s) => [s.id, s.givenName, s.familyName, s.employerOrgCode, s.role]));
  await insertRows(tx, TEAM_MEMBER, staff.flatMap((s) => s.teamCodes.map((team) => [team, s.id])));
  return inserted;
}

/** Records care relationships (cases, referrals, episodes); later capabilities open them through here. */
export async function recordCareRelationships(tx: Tx, relationships: readonly CareRelationship[]): Promise<number> {
  return insertRows(tx, CARE_RELATIONSHIP, relationships.map((r) => [
    r.personId, r.teamCode, r.kind, r.openedOn, r.closedOn ?? null, r.keyWorkerStaffId ?? null,
  ]));
}

export interface PartnerSummary { organisations: number; teams: number; staff: number; openCareRelationships: number }

export async function summarisePartners(db: Database | Tx): Promise<PartnerSummary> {
  const k = tables<GovernanceTables>(db);
  const count = async (table: keyof GovernanceTables) =>
    Number((await k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const open = await k.selectFrom('care_relationship').where('closed_on', 'is', null)
    .select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { organisations: await count('organisation'), teams: await count('team'), staff: await count('staff'), openCareRelationships: Number(open.n) };
}

export async function listOrganisations(db: Database | Tx) {
  return tables<GovernanceTables>(db).selectFrom('organisation').selectAll().orderBy('code').execute();
}

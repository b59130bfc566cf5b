import { createHmac } from 'node:crypto';
import { tables, type Database, type Tx } from '../../../kernel/db/database.ts';
import { STAFF_ROLES, type OrganisationType, type StaffRole } from '../domain/organisation.ts';
import type { GovernanceTables } from '../store/governance.tables.ts';
import { findAccountsByUsernames, insertSecretIfAbsent, readSecret } from './account.repository.ts';
import { noPartners } from './auth.errors.ts';
import { verifyPassword } from './password.util.ts';
import { createUserAccount } from './sign-in.service.ts';
import { randomToken } from './token.util.ts';

/**
 * One demo account per role, on staff the place already has, so that every screen can be shown as
 * each kind of user. Running it again changes nothing and reports the same accounts.
 *
 * Passwords are derived, not stored: HMAC-SHA256 of the username under a random secret kept in the
 * store (auth_secret 'demo_passwords', made on first use). So `npm start` can print them on every
 * start, a new place gets new passwords, and nobody can compute them without the store. Anyone who
 * can read the store can, which is why these accounts are for demonstration places only. A demo
 * password that has since been changed is reported as undefined.
 */
export interface DemoUser {
  username: string;
  /** undefined when the account's password is no longer the derived one. */
  password: string | undefined;
  role: StaffRole;
  staffId: string;
  displayName: string;
  orgCode: string;
  orgName: string;
  teams: { code: string; name: string }[];
  /** True when this run created the account. */
  created: boolean;
}

export const DEMO_USERNAME_PREFIX = 'demo.';
const SECRET_NAME = 'demo_passwords';

/** Where a role's demo staff member works when the place has nobody in that role. */
const EMPLOYER_TYPE: Record<StaffRole, OrganisationType> = {
  spa_call_handler: 'community_trust', triage_clinician: 'community_trust', care_coordinator: 'community_trust',
  social_worker: 'council', gp: 'gp_practice', community_nurse: 'community_trust', occupational_therapist: 'council',
  link_worker: 'voluntary_organisation', commissioner: 'icb', analyst: 'icb', ig_lead: 'council', administrator: 'council',
};

export function demoUsername(role: StaffRole): string {
  return `${DEMO_USERNAME_PREFIX}${role}`;
}

/** Four groups of five characters from the HMAC, e.g. 'k3Xa9-Qp2mZ-…': about 119 bits. */
export function deriveDemoPassword(secret: string, username: string): string {
  const digest = createHmac('sha256', secret).update(username, 'utf8').digest('base64url');
  return [0, 5, 10, 15].map((i) => digest.slice(i, i + 5)).join('-');
}

async function demoSecret(db: Database | Tx): Promise<string> {
  return (await readSecret(db, SECRET_NAME)) ?? insertSecretIfAbsent(db, SECRET_NAME, randomToken());
}

/** A staff member of the role without an account yet, or a new one employed by a fitting partner. */
async function staffForRole(db: Database | Tx, role: StaffRole): Promise<string> {
  const k = tables<GovernanceTables & { user_account: { staff_id: string } }>(db);
  const existing = await k.selectFrom('staff').select('id').where('role', '=', role)
    .where('id', 'not in', k.selectFrom('user_account').select('staff_id'))
    .orderBy('id').limit(1).executeTakeFirst();
  if (existing) return existing.id;
  const organisations = await k.selectFrom('organisation').select(['code', 'org_type']).orderBy('code').execute();
  if (organisations.length === 0) throw noPartners();
  const employer = organisations.find((o) => o.org_type === EMPLOYER_TYPE[role]) ?? organisations[0]!;
  const id = `DEMO-${role.toUpperCase()}`;
  const words = role.split('_');
  await k.insertInto('staff').values({
    id, given_name: 'Demo', family_name: words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '), employer_org_code: employer.code, role,
  }).execute();
  return id;
}

export async function createDemoUsers(db: Database | Tx, options: { now?: Date } = {}): Promise<DemoUser[]> {
  const now = options.now ?? new Date();
  const secret = await demoSecret(db);
  const usernames = STAFF_ROLES.map(demoUsername);
  const existing = new Map((await findAccountsByUsernames(db, usernames)).map((a) => [a.username, a]));
  const users: DemoUser[] = [];
  for (const role of STAFF_ROLES) {
    const username = demoUsername(role);
    const derived = deriveDemoPassword(secret, username);
    const account = existing.get(username);
    let staffId: string;
    let password: string | undefined = derived;
    if (account) {
      staffId = account.staffId;
      if (account.passwordHash === null || !(await verifyPassword(account.passwordHash, derived))) password = undefined;
    } else {
      staffId = await staffForRole(db, role);
      await createUserAccount(db, { staffId, username, password: derived }, now);
    }
    users.push({ ...(await describeStaff(db, staffId)), username, password, role, staffId, created: !account });
  }
  return users;
}

async function describeStaff(db: Database | Tx, staffId: string) {
  const k = tables<GovernanceTables>(db);
  const staff = await k.selectFrom('staff').leftJoin('organisation', 'organisation.code', 'staff.employer_org_code')
    .select(['staff.given_name', 'staff.family_name', 'staff.employer_org_code', 'organisation.name as org_name'])
    .where('staff.id', '=', staffId).executeTakeFirstOrThrow();
  const teams = await k.selectFrom('team_member').innerJoin('team', 'team.code', 'team_member.team_code')
    .select(['team.code', 'team.name']).where('team_member.staff_id', '=', staffId).orderBy('team.code').execute();
  return {
    displayName: `${staff.given_name} ${staff.family_name}`,
    orgCode: staff.employer_org_code,
    orgName: staff.org_name ?? staff.employer_org_code,
    teams: teams.map((t) => ({ code: t.code, name: t.name })),
  };
}

/** The demo users as a plain-text table for the console (what `npm start` prints). */
export function formatDemoUsers(users: readonly DemoUser[]): string {
  const rows = users.map((u) => [u.username, u.password ?? '(changed since; not shown)', u.role, u.orgName, u.teams.map((t) => t.name).join(', ') || '-']);
  const header = ['username', 'password', 'role', 'organisation', 'team'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

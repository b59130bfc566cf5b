import type { Actor, DataCategory, Purpose } from '../../../../kernel/access/actor.ts';
import type { Database } from '../../../../kernel/db/database.ts';
import { forgetSharingGrants } from '../../../governance/index.ts';

/** Actors and sharing arrangements for tests that exercise access through the real filter. */
export function actor(role: string, orgCode: string, teamCodes: string[] = [], id = `${role}@${orgCode}`): Actor {
  const purpose: Purpose = role === 'analyst' || role === 'commissioner' ? 'planning' : role === 'ig_lead' || role === 'administrator' ? 'administration' : 'direct_care';
  return { id, displayName: id, orgCode, role, teamCodes, purpose, channel: 'session' };
}

const ALL: DataCategory[] = ['demographics', 'primary_care', 'acute', 'community', 'mental_health', 'urgent_care', 'social_care', 'safeguarding', 'sexual_health'];

/** A data sharing agreement among organisations (written straight to its tables; the register has its own tests). */
export async function shareAmong(db: Database, orgs: string[], options: { categories?: DataCategory[]; purposes?: Purpose[]; start?: string; end?: string } = {}): Promise<void> {
  const row = await db.kysely.insertInto('data_sharing_agreement').values({
    title: `Test agreement ${orgs.join(', ')}`, legal_basis: 'UK GDPR Art 6(1)(e) and 9(2)(h)',
    purposes: JSON.stringify(options.purposes ?? ['direct_care']), data_categories: JSON.stringify(options.categories ?? ALL),
    start_date: options.start ?? '2020-01-01', end_date: options.end ?? '2099-12-31', status: 'active', created_by: 'test', created_at: '2026-01-01T00:00:00.000Z',
  }).returning('id').executeTakeFirstOrThrow();
  await db.kysely.insertInto('data_sharing_party').values(orgs.map((org_code) => ({ agreement_id: row.id, org_code }))).execute();
  forgetSharingGrants(db);
}

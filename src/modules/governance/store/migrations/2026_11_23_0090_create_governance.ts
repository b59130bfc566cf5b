import type { Kysely } from 'kysely';
import { nowDefault } from '../../../../kernel/db/schema.ts';

/**
 * Partner organisations, teams (which can span organisations), staff (employer distinct from team)
 * and care relationships: the facts access decisions are made from. Care relationships are keyed by
 * person so that they distribute with the person's records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('organisation')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('locality_code', 'text')
    .addColumn('postcode', 'text')
    .execute();

  await db.schema.createTable('team')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host_org_code', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('locality_code', 'text')
    .execute();

  await db.schema.createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('employer_org_code', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();

  await db.schema.createTable('team_member')
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_member_pk', ['team_code', 'staff_id'])
    .execute();

  await db.schema.createTable('care_relationship')
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('key_worker_staff_id', 'text')
    .addPrimaryKeyConstraint('care_relationship_pk', ['person_id', 'team_code', 'kind', 'opened_on'])
    .execute();
  await db.schema.createIndex('care_relationship_team_idx').on('care_relationship').columns(['team_code', 'closed_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['care_relationship', 'team_member', 'staff', 'team', 'organisation']) await db.schema.dropTable(t).ifExists().execute();
}

import { sql, type Kysely } from 'kysely';
import { addGeneratedId, isPostgres } from '../../../../kernel/db/schema.ts';

/**
 * The audit log and the information governance registers: data sharing agreements and their parties,
 * a person's consents and objections, and break-glass access.
 *
 * audit_log is append-only. The application never updates or deletes it, and a trigger refuses
 * UPDATE and DELETE (and TRUNCATE on PostgreSQL) for anyone who tries through SQL. Each row is
 * hash-chained to the one before it (see audit/audit-hash.ts), so an attacker who drops the trigger
 * still cannot change the log without `seamless audit verify` noticing. seq is assigned by the writer
 * under a lock (1, 2, 3, …, no gaps), not by the database, because it is part of the hashed content.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema.createTable('audit_log')
    .addColumn('seq', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_org', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('person_id', 'bigint')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // Two indexes only (a person's log, an actor's log): each one slows every append. Searches by date
  // walk seq backwards, which follows time.
  await db.schema.createIndex('audit_log_person_idx').on('audit_log').columns(['person_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'seq']).execute();

  if (pg) {
    await sql`create function audit_log_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_refuse_change()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_refuse_change()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`.execute(db);
  }

  // purposes and data_categories are JSON arrays of strings (e.g. ["direct_care","planning"]).
  await addGeneratedId(db, db.schema.createTable('data_sharing_agreement'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('purposes', 'text', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text')
    .execute();
  await db.schema.createIndex('data_sharing_agreement_dates_idx').on('data_sharing_agreement').columns(['status', 'end_date']).execute();

  await db.schema.createTable('data_sharing_party')
    .addColumn('agreement_id', 'bigint', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_sharing_party_pk', ['agreement_id', 'org_code'])
    .execute();
  await db.schema.createIndex('data_sharing_party_org_idx').on('data_sharing_party').columns(['org_code', 'agreement_id']).execute();

  await addGeneratedId(db, db.schema.createTable('person_consent'))
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('org_code', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('person_consent_person_idx').on('person_consent').columns(['person_id', 'kind', 'withdrawn_at']).execute();
  await db.schema.createIndex('person_consent_kind_idx').on('person_consent').columns(['kind', 'withdrawn_at', 'person_id']).execute();

  await addGeneratedId(db, db.schema.createTable('break_glass'))
    .addColumn('person_id', 'bigint', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('org_code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .execute();
  await db.schema.createIndex('break_glass_person_staff_idx').on('break_glass').columns(['person_id', 'staff_id', 'expires_at']).execute();
  await db.schema.createIndex('break_glass_review_idx').on('break_glass').columns(['review_status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['break_glass', 'person_consent', 'data_sharing_party', 'data_sharing_agreement', 'audit_log']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  if (isPostgres(db)) await sql`drop function if exists audit_log_refuse_change()`.execute(db);
}

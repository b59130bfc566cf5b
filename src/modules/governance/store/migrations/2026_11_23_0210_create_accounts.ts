import type { Kysely } from 'kysely';
import { nowDefault } from '../../../../kernel/db/schema.ts';

/**
 * Sign-in: local accounts (one per staff member, argon2id password hash, lock-out state), server-side
 * sessions (only a SHA-256 hash of the cookie's token is stored, with the CSRF token), OpenID Connect
 * logins in flight (state, nonce and PKCE verifier, bound to a browser cookie) and local secrets
 * (the one the demo users' passwords are derived from). Instants are ISO 8601 UTC text, like every table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('user_account')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    // null for accounts that sign in only through OpenID Connect
    .addColumn('password_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('password_changed_at', 'text')
    .execute();

  await db.schema.createTable('user_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_session_staff_idx').on('user_session').column('staff_id').execute();

  await db.schema.createTable('oidc_login')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('auth_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['auth_secret', 'oidc_login', 'user_session', 'user_account']) await db.schema.dropTable(t).ifExists().execute();
}

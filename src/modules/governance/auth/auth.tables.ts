import type { GovernanceTables } from '../store/governance.tables.ts';

/** Sign-in tables (migration 2026_11_23_0210_create_accounts); instants are ISO 8601 UTC text. */
export interface UserAccountTable {
  staff_id: string;
  username: string;
  password_hash: string | null;
  failed_attempts: number;
  locked_until: string | null;
  /** 0 or 1 (SQLite has no boolean to bind). */
  disabled: number;
  created_at?: string;
  password_changed_at: string | null;
}

export interface UserSessionTable {
  /** SHA-256 (hex) of the cookie's token: a stolen copy of this table cannot be replayed. */
  token_hash: string;
  staff_id: string;
  csrf_token: string;
  method: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute expiry (created_at + absolute lifetime); idle expiry is computed from last_seen_at. */
  expires_at: string;
}

export interface OidcLoginTable { id_hash: string; state: string; nonce: string; code_verifier: string; created_at: string }
export interface AuthSecretTable { name: string; value: string; created_at?: string }

export interface AuthTables extends GovernanceTables {
  user_account: UserAccountTable;
  user_session: UserSessionTable;
  oidc_login: OidcLoginTable;
  auth_secret: AuthSecretTable;
}

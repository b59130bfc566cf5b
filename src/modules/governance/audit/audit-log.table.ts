/** The audit_log table (migration 2026_11_23_0200_create_governance_access). Append-only. */
export interface AuditLogTable {
  seq: number;
  /** ISO instant the access happened (when record() was called). */
  at: string;
  actor_id: string;
  actor_org: string;
  actor_role: string;
  purpose: string;
  channel: string;
  action: string;
  resource: string;
  person_id: number | null;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditTables { audit_log: AuditLogTable }
